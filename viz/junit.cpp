// JUnit XML: the escaping, the document, and a check's result as a test case.
#include "ldfi/viz/junit.hpp"

#include <cstdio>

#include "ldfi/viz/run_output.hpp"

namespace ldfi::viz {

namespace {

// The length of the well-formed UTF-8 sequence of a character XML 1.0 allows that starts at
// `s[i]` (a byte >= 0x80), or 0.
std::size_t utf8_char_length(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
        return byte(k) >= lo && byte(k) <= hi;
    };
    unsigned b = byte(i);
    if (b >= 0xC2 && b <= 0xDF) return cont(i + 1) ? 2 : 0;
    if (b >= 0xE0 && b <= 0xEF) {
        unsigned lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;  // no overlongs, no surrogates
        if (!cont(i + 1, lo, hi) || !cont(i + 2)) return 0;
        bool nonchar = b == 0xEF && byte(i + 1) == 0xBF && byte(i + 2) >= 0xBE;  // U+FFFE, U+FFFF
        return nonchar ? 0 : 3;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        unsigned lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;  // U+10000..U+10FFFF
        return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    return 0;
}

std::string visible_byte(unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", c);
    return buf;
}

std::string seconds_attr(double seconds, bool timing) {
    if (!timing) return "0";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", seconds);
    return buf;
}

std::string attr(const char* name, std::string_view value) {
    return std::string(" ") + name + "=\"" + xml_escape(value, true) + "\"";
}

std::string counts_attrs(const JunitCounts& counts) {
    return attr("tests", std::to_string(counts.tests)) + attr("failures", std::to_string(counts.failures)) +
           attr("errors", std::to_string(counts.errors));
}

std::string testcase_xml(const JunitCase& c, bool timing) {
    std::string out = "    <testcase" + attr("name", c.name) + attr("classname", c.classname) +
                      attr("time", seconds_attr(c.seconds, timing));
    if (c.status == JunitStatus::PASSED && c.output.empty()) return out + "/>\n";
    out += ">\n";
    if (c.status != JunitStatus::PASSED) {
        const char* element = c.status == JunitStatus::FAILURE ? "failure" : "error";
        out += std::string("      <") + element + attr("message", c.message) + attr("type", c.type) + ">" +
               xml_escape(c.details, false) + "</" + element + ">\n";
    }
    if (!c.output.empty()) out += "      <system-out>" + xml_escape(c.output, false) + "</system-out>\n";
    return out + "    </testcase>\n";
}

}  // namespace

std::string check_case_name(const std::vector<std::string>& files, const std::vector<std::string>& nodes,
                            int eot, int eff, int crashes, sim::OracleKind oracle) {
    std::string name;
    for (const auto& f : files) name += f + " ";
    std::string joined;
    for (const auto& n : nodes) joined += (joined.empty() ? "" : ",") + n;
    return name + "nodes=" + joined + " eot=" + std::to_string(eot) + " eff=" + std::to_string(eff) +
           " crashes=" + std::to_string(crashes) + " oracle=" + oracle_name(oracle);
}

std::string xml_escape(std::string_view text, bool attribute) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            std::size_t n = utf8_char_length(text, i);
            out += n == 0 ? visible_byte(c) : std::string(text.substr(i, n));
            i += n == 0 ? 1 : n;
            continue;
        }
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += attribute ? "&quot;" : "\"";
                break;
            case '\'':
                out += attribute ? "&apos;" : "'";
                break;
            case '\t':
                out += attribute ? "&#9;" : "\t";
                break;
            case '\n':
                out += attribute ? "&#10;" : "\n";
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                out += c < 0x20 ? visible_byte(c) : std::string(1, static_cast<char>(c));
        }
        ++i;
    }
    return out;
}

std::string junit_xml(const JunitSuite& suite, bool timing) {
    JunitCounts counts{suite.cases.size(), 0, 0};
    std::string cases;
    for (const auto& c : suite.cases) {
        counts.failures += c.status == JunitStatus::FAILURE;
        counts.errors += c.status == JunitStatus::ERROR;
        cases += testcase_xml(c, timing);
    }
    return junit_document_xml(suite.name, counts, suite.seconds,
                              junit_testsuite_xml(suite, counts, cases, timing), timing);
}

std::string junit_testsuite_xml(const JunitSuite& suite, const JunitCounts& counts,
                                const std::string& cases_xml, bool timing) {
    std::string out = "  <testsuite" + attr("name", suite.name) + counts_attrs(counts) +
                      attr("skipped", "0") + attr("time", seconds_attr(suite.seconds, timing)) + ">\n";
    if (!suite.properties.empty()) {
        out += "    <properties>\n";
        for (const auto& [name, value] : suite.properties) {
            out += "      <property" + attr("name", name) + attr("value", value) + "/>\n";
        }
        out += "    </properties>\n";
    }
    return out + cases_xml + "  </testsuite>\n";
}

std::string junit_document_xml(const std::string& name, const JunitCounts& counts, double seconds,
                               const std::string& suites_xml, bool timing) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites" + attr("name", name) +
           counts_attrs(counts) + attr("time", seconds_attr(seconds, timing)) + ">\n" + suites_xml +
           "</testsuites>\n";
}

std::string counterexample_summary(const sim::FaultModel& model, const search::Counterexample& ce) {
    std::string out =
        "counterexample: " + (ce.faults.empty() ? std::string("no faults needed") : model.format(ce.faults));
    std::string lost;
    for (const auto& t : ce.verdict.missing) lost += (lost.empty() ? "" : ", ") + format_tuple("post", t);
    return lost.empty() ? out : out + "; lost: " + lost;
}

std::string counterexamples_text(const CheckContext& ctx, const search::CheckResult& r) {
    std::size_t shown =
        ctx.options.all ? r.counterexamples.size() : std::min<std::size_t>(1, r.counterexamples.size());
    std::string out;
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& ce = r.counterexamples[i];
        out += "counterexample " + std::to_string(i + 1) + ": " +
               (ce.faults.empty() ? std::string("no faults needed") : ctx.model.format(ce.faults)) + "\n";
        for (const auto& t : ce.verdict.missing) out += "  lost: " + format_tuple("post", t) + "\n";
    }
    return out;
}

JunitCase check_junit_case(const CheckContext& ctx, const search::CheckResult& r) {
    JunitCase c;
    const auto& b = ctx.model.bounds();
    c.name = check_case_name(ctx.files, ctx.model.nodes(), b.eot, b.eff, b.max_crashes, ctx.options.oracle);
    c.classname = "ldfi.check";
    c.seconds = r.times.total;
    CheckContext untimed = ctx;
    untimed.timing = false;
    c.output = check_text(untimed, r);
    if (r.outcome == search::Outcome::COUNTEREXAMPLE) {
        c.status = JunitStatus::FAILURE;
        c.type = "counterexample";
        c.message = counterexample_summary(ctx.model, r.counterexamples.front());
        c.details = counterexamples_text(ctx, r);
    } else if (r.outcome == search::Outcome::UNKNOWN) {
        c.status = JunitStatus::ERROR;
        c.type = "unknown";
        c.message = "unknown after " + std::to_string(r.runs.size()) + " executions" +
                    (r.unknown_reason.empty() ? "" : ": " + r.unknown_reason);
    }
    return c;
}

}  // namespace ldfi::viz
