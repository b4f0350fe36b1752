// `ldfi explain`'s output: an indented derivation tree or the closest rule matches, as text or
// JSON (docs/json.md, "Explanations").
#include <nlohmann/json.hpp>

#include "explain.hpp"
#include "ldfi/util/version.hpp"

namespace ldfi::cli {

namespace {

using nlohmann::ordered_json;

std::string times(const ExplainedTuple& t) {
    return t.since == t.time ? std::to_string(t.time)
                             : std::to_string(t.since) + ".." + std::to_string(t.time);
}

std::string tuple_marks(const ExplainedTuple& t, bool fault_free) {
    std::string out;
    if (t.since != t.time) out += " (persisted since " + std::to_string(t.since) + ")";
    if (t.origin == "fact") out += " (fact)";
    if (t.origin == "crash") out += " (built-in: a crash)";
    if (t.origin == "clock") out += " (built-in: the channel was open)";
    if (fault_free) out += t.holds ? " (holds under the faults too)" : " MISSING under the faults";
    if (t.see_above) out += " (see above)";
    if (t.elided) out += " ...";
    return out;
}

class TextTree {
public:
    explicit TextTree(bool fault_free) : m_fault_free(fault_free) {}

    void tuple(const ExplainedTuple& t, std::size_t indent) {
        m_out += std::string(indent, ' ') + t.text + "@" + times(t) + tuple_marks(t, m_fault_free) + "\n";
        for (const ExplainedDerivation& d : t.derivations) derivation(d, indent + 2);
    }

    std::string take() { return std::move(m_out); }

private:
    void derivation(const ExplainedDerivation& d, std::size_t indent) {
        std::string pad(indent, ' ');
        m_out += pad + "<- " + d.rule + (d.location.empty() ? "" : "  [" + d.location + "]") + "\n";
        pad += "   ";
        if (d.message) {
            m_out += pad + "message " + d.message->from + "->" + d.message->to + " sent at " +
                     std::to_string(d.message->sent) +
                     (d.message->lost_by.empty() ? "" : ": LOST by " + d.message->lost_by) + "\n";
        }
        if (!d.aggregate_instead.empty())
            m_out += pad + "under the faults the aggregate gives " + d.aggregate_instead + "\n";
        for (const ExplainedTuple& b : d.body) tuple(b, indent + 3);
        for (const ExplainedNegation& n : d.negated) {
            m_out += pad + "notin " + n.atom +
                     (n.blocker.empty() ? " held: no such tuple"
                                        : (m_fault_free ? " fails under the faults: " : " fails: ") +
                                              n.blocker + " holds") +
                     "\n";
        }
    }

    bool m_fault_free;
    std::string m_out;
};

std::string faults_text(const Explanation& e) {
    std::string out;
    for (const std::string& f : e.faults) out += (out.empty() ? "" : ", ") + f;
    return out;
}

std::string header(const Explanation& e) {
    std::string faults = faults_text(e);
    if (e.holds) {
        std::string when = faults.empty()       ? " (no faults)"
                           : e.holds_fault_free ? " under " + faults
                                                : " under " + faults + ", and not without faults";
        return e.query + " holds" + when + ". Its derivation:\n";
    }
    if (e.holds_fault_free) {
        return e.query + " does not hold under " + faults +
               ". Without faults it holds; its fault-free derivation, with what the faults cut:\n";
    }
    return e.query + " does not hold" + (faults.empty() ? "" : " under " + faults + ", nor without faults") +
           ".\n";
}

std::string partial_text(const Explanation& e) {
    if (e.partial.empty()) return "No rule derives it, and the spec gives no such fact.\n";
    std::string out = "No rule derived it. How far each rule of its relation got:\n";
    for (const PartialMatch& p : e.partial) {
        out += "  " + p.rule + (p.location.empty() ? "" : "  [" + p.location + "]") + "\n";
        if (!p.bindings.empty()) out += "    with " + p.bindings + "\n";
        for (const std::string& m : p.matched) out += "    matched " + m + "\n";
        if (!p.failed.empty()) out += "    first failing: " + p.failed + ": " + p.reason + "\n";
        if (p.failed.empty()) out += "    " + p.reason + "\n";
    }
    return out;
}

ordered_json tuple_json(const ExplainedTuple& t);

ordered_json derivation_json(const ExplainedDerivation& d) {
    ordered_json j = {{"rule", d.rule}, {"location", d.location}, {"message", nullptr}};
    if (d.message) {
        j["message"] = {
            {"from", d.message->from},
            {"to", d.message->to},
            {"sent", d.message->sent},
            {"lost_by", d.message->lost_by.empty() ? ordered_json() : ordered_json(d.message->lost_by)}};
    }
    j["body"] = ordered_json::array();
    for (const ExplainedTuple& b : d.body) j["body"].push_back(tuple_json(b));
    j["aggregate_under_faults"] =
        d.aggregate_instead.empty() ? ordered_json() : ordered_json(d.aggregate_instead);
    j["negated"] = ordered_json::array();
    for (const ExplainedNegation& n : d.negated) {
        j["negated"].push_back(
            {{"atom", n.atom}, {"blocked_by", n.blocker.empty() ? ordered_json() : ordered_json(n.blocker)}});
    }
    return j;
}

ordered_json tuple_json(const ExplainedTuple& t) {
    ordered_json values = ordered_json::array();
    for (const Value& v : t.values) {
        if (const auto* i = std::get_if<std::int64_t>(&v)) {
            values.push_back(*i);
        } else {
            values.push_back(std::get<std::string>(v));
        }
    }
    ordered_json j = {{"tuple", t.text},    {"relation", t.relation},
                      {"values", values},   {"since", t.since},
                      {"time", t.time},     {"origin", t.origin},
                      {"holds", t.holds},   {"see_above", t.see_above},
                      {"elided", t.elided}, {"derivations", ordered_json::array()}};
    for (const ExplainedDerivation& d : t.derivations) j["derivations"].push_back(derivation_json(d));
    return j;
}

}  // namespace

std::string explanation_text(const Explanation& e) {
    std::string out = header(e);
    if (e.tree) {
        TextTree tree(!e.holds);
        tree.tuple(*e.tree, 2);
        out += tree.take();
    } else {
        out += partial_text(e);
    }
    for (const std::string& n : e.notes) out += "note: " + n + "\n";
    return out;
}

std::string explanation_json(const Explanation& e) {
    ordered_json j = {{"schema", 1},
                      {"tool", "ldfi"},
                      {"version", version()},
                      {"kind", "explanation"},
                      {"query", e.query},
                      {"faults", e.faults},
                      {"holds", e.holds},
                      {"holds_without_faults", e.holds_fault_free},
                      {"derivation", e.tree ? tuple_json(*e.tree) : ordered_json()},
                      {"partial_matches", ordered_json::array()},
                      {"notes", e.notes}};
    for (const PartialMatch& p : e.partial) {
        j["partial_matches"].push_back(
            {{"rule", p.rule},
             {"location", p.location},
             {"bindings", p.bindings},
             {"matched", p.matched},
             {"failed", p.failed.empty() ? ordered_json() : ordered_json(p.failed)},
             {"reason", p.reason}});
    }
    return j.dump(2) + "\n";
}

}  // namespace ldfi::cli
