// Exporting a lineage graph: JSON for tools, DOT (with persistence chains collapsed) for people.
#include <nlohmann/json.hpp>

#include "ldfi/lineage/lineage_graph.hpp"

namespace ldfi::lineage {

namespace {

using nlohmann::ordered_json;

const char* origin_name(TupleOrigin o) {
    switch (o) {
        case TupleOrigin::FACT: return "fact";
        case TupleOrigin::DERIVED: return "derived";
        case TupleOrigin::CRASH: return "crash";
        case TupleOrigin::CLOCK: return "clock";
    }
    return "derived";
}

const char* support_name(NegativeSupport s) {
    switch (s) {
        case NegativeSupport::STABLE: return "stable";
        case NegativeSupport::CRASHES: return "crashes";
        case NegativeSupport::TUPLES: return "tuples";
        case NegativeSupport::ANY_FAULT: return "any_fault";
    }
    return "any_fault";
}

ordered_json value_json(const Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    return std::get<std::string>(v);
}

// An atom pattern: its values, null for a wildcard.
ordered_json pattern_json(const std::vector<std::optional<Value>>& pattern) {
    ordered_json out = ordered_json::array();
    for (const auto& v : pattern) out.push_back(v ? value_json(*v) : ordered_json(nullptr));
    return out;
}

// A firing that only carries its body tuple to the next time unchanged (`p(X)@next :- p(X);`).
bool is_persistence(const analysis::CheckedProgram& program, const LineageGraph& g, const LineageFiring& f) {
    if (program.rule(f.rule).suffix != analysis::TimeSuffix::NEXT || f.body.size() != 1) return false;
    const TupleKey& head = g.tuples()[f.head].key;
    const TupleKey& body = g.tuples()[f.body[0]].key;
    return head.rel == body.rel && head.values == body.values;
}

std::string dot_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::string LineageGraph::to_json(const analysis::CheckedProgram& program, const sim::FaultModel& model) const {
    ordered_json tuples = ordered_json::array();
    for (const LineageTuple& t : m_tuples) {
        ordered_json values = ordered_json::array();
        for (const Value& v : t.key.values) values.push_back(value_json(v));
        tuples.push_back({{"relation", program.relation(t.key.rel).name},
                          {"values", values},
                          {"time", t.key.time},
                          {"origin", origin_name(t.origin)},
                          {"firings", t.firings}});
    }
    ordered_json firings = ordered_json::array();
    for (const LineageFiring& f : m_firings) {
        ordered_json j = {{"rule", program.rule(f.rule).text}, {"head", f.head}, {"body", f.body}};
        ordered_json negated = ordered_json::array();
        for (const NegatedKey& n : f.negated) {
            ordered_json entry = {{"relation", program.relation(n.rel).name},
                                  {"values", pattern_json(n.values)},
                                  {"time", n.time},
                                  {"support", support_name(n.support)},
                                  {"support_tuples", n.support_tuples}};
            if (!n.support_all_of.empty()) entry["support_all_of"] = n.support_all_of;
            if (!n.support_crashes.empty()) {
                ordered_json crashes = ordered_json::array();
                for (const auto& pattern : n.support_crashes) crashes.push_back(pattern_json(pattern));
                entry["support_crashes"] = crashes;
            }
            negated.push_back(entry);
        }
        if (!negated.empty()) j["negated"] = negated;
        if (f.message) {
            j["message"] = {{"from", model.node_name(f.message->from)},
                            {"to", model.node_name(f.message->to)},
                            {"sent", f.message->sent}};
        }
        firings.push_back(j);
    }
    ordered_json faults = ordered_json::array();
    for (const sim::Fault& f : m_faults.faults()) faults.push_back(model.format(f));
    ordered_json doc = {{"faults", faults}, {"tuples", tuples}, {"firings", firings}, {"goals", m_goals}};
    return doc.dump();
}

std::string LineageGraph::to_dot(const analysis::CheckedProgram& program, const sim::FaultModel& model) const {
    // Each tuple reached only by persistence is drawn as the earliest tuple of its chain.
    std::vector<std::uint32_t> rep(m_tuples.size());
    std::vector<std::int32_t> last_time(m_tuples.size());
    for (std::uint32_t t : topological_order()) {
        rep[t] = t;
        const auto& fs = m_tuples[t].firings;
        if (fs.size() == 1 && is_persistence(program, *this, m_firings[fs[0]])) rep[t] = rep[m_firings[fs[0]].body[0]];
        last_time[rep[t]] = std::max(last_time[rep[t]], m_tuples[t].key.time);
    }
    std::string out = "digraph lineage {\n  rankdir=BT;\n  node [fontname=\"Helvetica\", fontsize=10];\n";
    for (std::uint32_t t = 0; t < m_tuples.size(); ++t) {
        if (rep[t] != t) continue;
        std::string label = format_key(program, m_tuples[t].key);
        if (last_time[t] > m_tuples[t].key.time) label += ".." + std::to_string(last_time[t]);
        out += "  t" + std::to_string(t) + " [shape=box, label=\"" + dot_escape(label) + "\"];\n";
    }
    for (std::uint32_t i = 0; i < m_firings.size(); ++i) {
        const LineageFiring& f = m_firings[i];
        if (is_persistence(program, *this, f)) continue;
        std::string label = dot_escape(program.relation(program.rule(f.rule).head_rel).name);
        if (f.message) {
            label += "\\n" + dot_escape(model.node_name(f.message->from) + "->" + model.node_name(f.message->to)) +
                     "@" + std::to_string(f.message->sent);
        }
        out += "  f" + std::to_string(i) + " [shape=ellipse, label=\"" + label + "\"" +
               (f.message ? ", style=bold" : "") + "];\n";
        out += "  f" + std::to_string(i) + " -> t" + std::to_string(rep[f.head]) + ";\n";
        for (std::uint32_t b : f.body) out += "  t" + std::to_string(rep[b]) + " -> f" + std::to_string(i) + ";\n";
    }
    return out + "}\n";
}

}  // namespace ldfi::lineage
