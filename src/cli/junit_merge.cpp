// Joining JUnit files: reading our own shape, regrouping shards by their properties.
#include "junit_merge.hpp"

#include <cstdlib>
#include <map>
#include <sstream>
#include <tuple>
#include <variant>

#include "ldfi/util/error.hpp"
#include "ldfi/viz/junit.hpp"
#include "shard.hpp"
#include "xml_reader.hpp"

namespace ldfi::cli {

namespace {

/// A <testsuite> of an input, as read.
struct SuiteIn {
    const JunitFile* file = nullptr;
    const XmlElement* element = nullptr;
    std::string name;
    double seconds = 0;
    bool timed = false;  ///< its time is not "0" (the run had timing)
    std::vector<const XmlElement*> cases;
    std::map<std::string, std::string> properties;
};

/// The suites that `ldfi suite --shard` wrote for one manifest and shard count.
struct ShardGroup {
    std::string manifest;
    std::size_t count = 0, checks = 0;
    std::vector<const SuiteIn*> shards;
};

[[noreturn]] void bad(const JunitFile& file, const std::string& reason) {
    throw InputError(file.path + ": " + reason);
}

double seconds_of(const JunitFile& file, const XmlElement& e) {
    const std::string* time = e.attribute("time");
    if (!time) return 0;
    char* end = nullptr;
    const double s = std::strtod(time->c_str(), &end);
    if (time->empty() || *end != '\0' || !(s >= 0 && s < 1e12)) {
        bad(file, "<" + e.name + "> has the time \"" + *time + "\", not a number of seconds");
    }
    return s;
}

void read_properties(const JunitFile& file, const XmlElement& properties, SuiteIn& suite) {
    for (const XmlElement& p : properties.children) {
        const std::string *name = p.attribute("name"), *value = p.attribute("value");
        if (p.name != "property" || !name || !value)
            bad(file, "<properties> holds other than <property name value>");
        suite.properties[*name] = *value;
    }
}

SuiteIn read_suite(const JunitFile& file, const XmlElement& e) {
    SuiteIn suite{&file, &e, e.attribute("name") ? *e.attribute("name") : "", seconds_of(file, e), false,
                  {},    {}};
    suite.timed = e.attribute("time") && *e.attribute("time") != "0";
    for (const XmlElement& child : e.children) {
        if (child.name == "testcase") {
            if (!child.attribute("name")) bad(file, "a <testcase> without a name");
            (void)seconds_of(file, child);
            suite.cases.push_back(&child);
        } else if (child.name == "properties") {
            read_properties(file, child, suite);
        } else if (child.name != "system-out" && child.name != "system-err") {
            bad(file, "unexpected <" + child.name + "> in <testsuite>");
        }
    }
    return suite;
}

void read_file(const JunitFile& file, const XmlElement& root, std::vector<SuiteIn>& suites) {
    if (root.name == "testsuite") {
        suites.push_back(read_suite(file, root));
        return;
    }
    if (root.name != "testsuites")
        bad(file, "not JUnit XML: the root is <" + root.name + ">, not <testsuites>");
    for (const XmlElement& child : root.children) {
        if (child.name != "testsuite") bad(file, "unexpected <" + child.name + "> in <testsuites>");
        suites.push_back(read_suite(file, child));
    }
}

std::size_t number_property(const SuiteIn& s, const std::string& key, const std::string& text) {
    std::size_t n = 0;
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) {
        bad(*s.file, "property " + key + " is \"" + text + "\", not a number");
    }
    for (char c : text) n = n * 10 + static_cast<std::size_t>(c - '0');
    return n;
}

const std::string& property(const SuiteIn& s, const std::string& key) {
    auto it = s.properties.find(key);
    if (it == s.properties.end()) bad(*s.file, "a shard's <testsuite> without the property " + key);
    return it->second;
}

// The manifest positions (1-based) of a shard's test cases, in their order.
std::vector<std::size_t> positions(const SuiteIn& s, std::size_t checks) {
    std::vector<std::size_t> out;
    std::istringstream words(property(s, "ldfi.positions"));
    for (std::string w; words >> w;) {
        out.push_back(number_property(s, "ldfi.positions", w));
        if (out.back() < 1 || out.back() > checks)
            bad(*s.file, "ldfi.positions names a check beyond ldfi.checks");
    }
    if (out.size() != s.cases.size())
        bad(*s.file, "ldfi.positions does not give one position per <testcase>");
    return out;
}

Shard shard_of(const SuiteIn& s) {
    try {
        return parse_shard(property(s, "ldfi.shard"));
    } catch (const InputError& e) {
        bad(*s.file, std::string("property ldfi.shard: ") + e.what());
    }
}

std::string raw(const SuiteIn& s, const XmlElement& e) {
    return s.file->text.substr(e.begin, e.end - e.begin);
}

viz::JunitCounts counts_of(const SuiteIn& s) {
    viz::JunitCounts counts{s.cases.size(), 0, 0};
    for (const XmlElement* c : s.cases) {
        for (const XmlElement& child : c->children) {
            counts.failures += child.name == "failure";
            counts.errors += child.name == "error";
        }
    }
    return counts;
}

void add(viz::JunitCounts& into, const viz::JunitCounts& c) {
    into.tests += c.tests;
    into.failures += c.failures;
    into.errors += c.errors;
}

// One shard group back into the unsharded <testsuite>: every shard once, every position once.
std::string restore(const ShardGroup& g, viz::JunitCounts& counts, double& seconds, bool& timed) {
    std::vector<const SuiteIn*> by_index(g.count, nullptr);
    for (const SuiteIn* s : g.shards) {
        const Shard shard = shard_of(*s);
        if (by_index[shard.index - 1]) {
            bad(*s->file, "shard " + to_string(shard) + " of " + g.manifest + " is also in " +
                              by_index[shard.index - 1]->file->path);
        }
        by_index[shard.index - 1] = s;
    }
    std::vector<std::string> cases(g.checks);
    viz::JunitSuite suite{g.manifest, 0, {}};
    viz::JunitCounts suite_counts{0, 0, 0};
    bool suite_timed = false;
    for (std::size_t k = 0; k < g.count; ++k) {
        const SuiteIn* s = by_index[k];
        if (!s) {
            throw InputError("shard " + std::to_string(k + 1) + "/" + std::to_string(g.count) + " of " +
                             g.manifest + " is missing: give the JUnit files of every shard");
        }
        const std::vector<std::size_t> pos = positions(*s, g.checks);
        for (std::size_t i = 0; i < pos.size(); ++i) {
            if (!cases[pos[i] - 1].empty())
                bad(*s->file, "check " + std::to_string(pos[i]) + " is in two shards");
            cases[pos[i] - 1] = "    " + raw(*s, *s->cases[i]) + "\n";
        }
        suite.seconds += s->seconds;
        suite_timed = suite_timed || s->timed;
        add(suite_counts, counts_of(*s));
    }
    std::string body;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        if (cases[i].empty()) {
            throw InputError("check " + std::to_string(i + 1) + " of " + g.manifest +
                             " is in no shard's file");
        }
        body += cases[i];
    }
    add(counts, suite_counts);
    seconds += suite.seconds;
    timed = timed || suite_timed;
    return viz::junit_testsuite_xml(suite, suite_counts, body, suite_timed);
}

// A test case's identity in CI systems: its classname and name.
void check_unique(const std::vector<SuiteIn>& suites) {
    std::map<std::pair<std::string, std::string>, const JunitFile*> seen;
    for (const SuiteIn& s : suites) {
        for (const XmlElement* c : s.cases) {
            const std::string* classname = c->attribute("classname");
            auto key = std::make_pair(classname ? *classname : "", *c->attribute("name"));
            auto [it, fresh] = seen.emplace(key, s.file);
            if (!fresh) {
                bad(*s.file, "the test case \"" + key.second + "\" (classname \"" + key.first +
                                 "\") is also in " + it->second->path);
            }
        }
    }
}

}  // namespace

std::string merge_junit(const std::vector<JunitFile>& inputs) {
    std::vector<XmlElement> roots;
    roots.reserve(inputs.size());
    for (const JunitFile& f : inputs) {
        try {
            roots.push_back(read_xml(f.text));
        } catch (const InputError& e) {
            bad(f, std::string("not well-formed XML: ") + e.what());
        }
    }
    std::vector<SuiteIn> suites;
    for (std::size_t i = 0; i < inputs.size(); ++i) read_file(inputs[i], roots[i], suites);
    // Shards grouped by manifest and shard count, each group written where its first shard stood.
    std::map<std::tuple<std::string, std::size_t, std::size_t>, ShardGroup> groups;
    std::vector<std::variant<const SuiteIn*, const ShardGroup*>> order;
    for (const SuiteIn& s : suites) {
        if (!s.properties.count("ldfi.shard")) {
            order.emplace_back(&s);
            continue;
        }
        const std::string& manifest = property(s, "ldfi.manifest");
        const std::size_t checks = number_property(s, "ldfi.checks", property(s, "ldfi.checks"));
        const std::size_t count = shard_of(s).count;
        auto [it, fresh] =
            groups.try_emplace({manifest, count, checks}, ShardGroup{manifest, count, checks, {}});
        if (fresh) order.emplace_back(&it->second);
        it->second.shards.push_back(&s);
    }
    viz::JunitCounts counts{0, 0, 0};
    double seconds = 0;
    bool timed = false;
    std::string body, name;
    for (const auto& item : order) {
        if (const auto* group = std::get_if<const ShardGroup*>(&item)) {
            body += restore(**group, counts, seconds, timed);
            name = (*group)->manifest;
            continue;
        }
        const SuiteIn& s = *std::get<const SuiteIn*>(item);
        body += "  " + raw(s, *s.element) + "\n";
        add(counts, counts_of(s));
        seconds += s.seconds;
        timed = timed || s.timed;
        name = s.name;
    }
    check_unique(suites);  // after the shards: a shard given twice is reported as such
    return viz::junit_document_xml(order.size() == 1 ? name : "ldfi junit merge", counts, seconds, body,
                                   timed);
}

}  // namespace ldfi::cli
