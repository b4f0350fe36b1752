// The lineage graph of broken goals as Graphviz lays it out: persistence chains collapsed, tuples
// clustered by time, the firings whose messages the faults lose highlighted, big graphs capped.
#include <algorithm>
#include <deque>
#include <map>

#include "ldfi/viz/report.hpp"
#include "ldfi/viz/run_output.hpp"

namespace ldfi::viz {

namespace {

std::string dot_quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";  // a line break in a Graphviz label
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// A firing that only carries its body tuple to the next time unchanged (`p(X)@next :- p(X);`).
bool is_persistence(const analysis::CheckedProgram& program, const lineage::LineageGraph& g,
                    const lineage::LineageFiring& f) {
    if (program.rule(f.rule).suffix != analysis::TimeSuffix::NEXT || f.body.size() != 1) return false;
    const auto& head = g.tuples()[f.head].key;
    const auto& body = g.tuples()[f.body[0]].key;
    return head.rel == body.rel && head.values == body.values;
}

// What a firing needed: its body, and the tuples whose loss would make one of its negated atoms
// hold (why-not lineage): a vote whose loss would make `missing_vote` true, say.
std::vector<std::uint32_t> inputs(const lineage::LineageFiring& f) {
    std::vector<std::uint32_t> out = f.body;
    for (const auto& n : f.negated) {
        std::vector<std::uint32_t> support = n.every_support_tuple();
        out.insert(out.end(), support.begin(), support.end());
    }
    return out;
}

// Which tuples and firings the roots depend on, nearest first (breadth-first from the roots).
struct Reached {
    std::vector<std::uint32_t> tuples, firings;
};

Reached reach(const lineage::LineageGraph& g, const std::vector<std::uint32_t>& roots) {
    Reached r;
    std::vector<char> seen_t(g.tuples().size()), seen_f(g.firings().size());
    std::deque<std::uint32_t> queue;
    for (std::uint32_t t : roots) {
        if (t < seen_t.size() && !seen_t[t]) seen_t[t] = 1, queue.push_back(t);
    }
    while (!queue.empty()) {
        std::uint32_t t = queue.front();
        queue.pop_front();
        r.tuples.push_back(t);
        for (std::uint32_t f : g.tuples()[t].firings) {
            if (seen_f[f]) continue;
            seen_f[f] = 1;
            r.firings.push_back(f);
            for (std::uint32_t b : inputs(g.firings()[f])) {
                if (!seen_t[b]) seen_t[b] = 1, queue.push_back(b);
            }
        }
    }
    return r;
}

// Whether the tuple `key` holds in `run`, with the sorted tuples per (relation, time) cached.
class Presence {
public:
    explicit Presence(const sim::Run* run) : m_run(run) {}
    bool holds(const lineage::TupleKey& key) {
        if (m_run == nullptr) return true;
        auto [it, fresh] = m_cache.try_emplace({key.rel.index(), key.time});
        if (fresh) it->second = sim::tuples_at(*m_run, key.rel, key.time);
        return sim::contains(it->second, key.values);
    }

private:
    const sim::Run* m_run;
    std::map<std::pair<std::uint32_t, std::int32_t>, std::vector<sim::ValueTuple>> m_cache;
};

struct DrawnTuple {
    std::int32_t first = 0, last = 0;
    bool missing = false;  ///< some tuple of the chain is absent from the faulty run
    bool root = false;
};

class LineageDot {
public:
    LineageDot(const analysis::CheckedProgram& program, const sim::FaultModel& model,
               const lineage::LineageGraph& g, const LineageView& view)
        : m_program(program), m_model(model), m_g(g), m_view(view), m_presence(view.faulty) {}

    std::string build(LineageSvg& out) {
        Reached r = reach(m_g, m_view.roots);
        find_sensitive(r);
        collapse(r);
        select(r, out);
        std::string dot =
            "digraph lineage {\n  rankdir=BT; nodesep=0.25; ranksep=0.35; newrank=true;\n"
            "  node [fontname=\"Helvetica\", fontsize=10, height=0.3];\n"
            "  edge [color=\"#57606a\", arrowsize=0.6];\n";
        dot += clusters();
        dot += firings();
        return dot + "}\n";
    }

private:
    // A firing is fault-sensitive when it carries a message, needs a negated atom that faults
    // could make true, or uses a sensitive tuple; a tuple when one of its firings is. The rest
    // (local facts and what follows from them alone) holds under every fault and is not drawn.
    void find_sensitive(const Reached& r) {
        m_sensitive_t.assign(m_g.tuples().size(), 0);
        m_sensitive_f.assign(m_g.firings().size(), 0);
        std::vector<char> in(m_g.tuples().size());
        for (std::uint32_t t : r.tuples) in[t] = 1;
        for (std::uint32_t t : m_g.topological_order()) {
            if (!in[t]) continue;
            for (std::uint32_t f : m_g.tuples()[t].firings) {
                const auto& firing = m_g.firings()[f];
                bool s = firing.message.has_value();
                for (const auto& n : firing.negated) s = s || n.support != lineage::NegativeSupport::STABLE;
                for (std::uint32_t b : inputs(firing)) s = s || m_sensitive_t[b];
                m_sensitive_f[f] = s;
                m_sensitive_t[t] = m_sensitive_t[t] || s;
            }
        }
        for (std::uint32_t t : m_view.roots) {
            if (t < m_sensitive_t.size()) m_sensitive_t[t] = 1;
        }
    }

    // Each tuple reached only by persistence is drawn as the earliest tuple of its chain.
    void collapse(const Reached& r) {
        m_rep.assign(m_g.tuples().size(), UINT32_MAX);
        std::vector<char> in(m_g.tuples().size());
        for (std::uint32_t t : r.tuples) in[t] = 1;
        for (std::uint32_t t : m_g.topological_order()) {
            if (!in[t]) continue;
            m_rep[t] = t;
            const auto& fs = m_g.tuples()[t].firings;
            if (fs.size() == 1 && is_persistence(m_program, m_g, m_g.firings()[fs[0]])) {
                m_rep[t] = m_rep[m_g.firings()[fs[0]].body[0]];
            }
        }
        for (std::uint32_t t : r.tuples) {
            DrawnTuple& d = m_drawn[m_rep[t]];
            std::int32_t time = m_g.tuples()[t].key.time;
            d.first = d.first == 0 ? m_g.tuples()[m_rep[t]].key.time : d.first;
            d.last = std::max(d.last, time);
            d.missing = d.missing || !m_presence.holds(m_g.tuples()[t].key);
            if (m_rep[t] != t) ++m_collapsed;
        }
        for (std::uint32_t t : m_view.roots) {
            if (t < m_rep.size() && m_rep[t] != UINT32_MAX) m_drawn[m_rep[t]].root = true;
        }
    }

    // Nodes nearest the roots first (breadth-first order), each tuple followed by the firings
    // that derived it, up to the cap.
    void select(const Reached& r, LineageSvg& out) {
        std::size_t budget = m_view.max_nodes, count = 0, total = m_drawn.size();
        std::set<std::uint32_t> kept;
        for (std::uint32_t t : r.tuples) {
            if (m_rep[t] == t && !m_sensitive_t[t]) {
                ++m_stable, --total;
                continue;
            }
            if (m_rep[t] == t && count < budget) kept.insert(t), ++count;
            for (std::uint32_t f : m_g.tuples()[t].firings) {
                const auto& firing = m_g.firings()[f];
                if (is_persistence(m_program, m_g, firing) || !m_sensitive_f[f]) continue;
                ++total;
                if (firing.message) {
                    out.messages.insert({m_program.rule(firing.rule).head_rel, firing.message->from,
                                         firing.message->to, firing.message->sent});
                }
                if (count < budget && kept.count(m_rep[t])) m_firings.push_back(f), ++count;
            }
        }
        for (auto it = m_drawn.begin(); it != m_drawn.end();)
            it = kept.count(it->first) ? std::next(it) : m_drawn.erase(it);
        out.shown = count;
        out.elided = total - count;
        out.collapsed = m_collapsed;
        out.stable = m_stable;
    }

    std::string tuple_node(std::uint32_t t, const DrawnTuple& d) const {
        std::string label = lineage::format_key(m_program, m_g.tuples()[t].key);
        if (d.last > d.first) label += ".." + std::to_string(d.last);
        std::string attrs = "shape=box, style=\"rounded,filled\", label=" + dot_quote(label);
        if (d.root) {
            attrs += ", fillcolor=\"#fff8c5\", color=\"#9a6700\", penwidth=2";
        } else if (d.missing) {
            attrs += ", fillcolor=\"#ffebe9\", color=\"#cf222e\", style=\"rounded,filled,dashed\"";
        } else {
            attrs += ", fillcolor=\"#f6f8fa\", color=\"#8c959f\"";
        }
        std::string tip = d.missing ? " (absent in the faulty run)" : "";
        return "    t" + std::to_string(t) + " [" + attrs + ", tooltip=" + dot_quote(label + tip) + "];\n";
    }

    // One cluster per time (by the first time of a chain), labelled, in time order.
    std::string clusters() const {
        std::map<std::int32_t, std::vector<std::uint32_t>> by_time;
        for (const auto& [t, d] : m_drawn) by_time[d.first].push_back(t);
        std::string out;
        for (const auto& [time, ts] : by_time) {
            out +=
                "  subgraph cluster_time" + std::to_string(time) + " {\n    label=\"time " +
                std::to_string(time) +
                "\"; labeljust=l; fontname=\"Helvetica\"; fontsize=9; fontcolor=\"#57606a\"; style=filled; "
                "fillcolor=\"#fbfcfd\"; color=\"#d8dee4\";\n";
            for (std::uint32_t t : ts) out += tuple_node(t, m_drawn.at(t));
            out += "  }\n";
        }
        return out;
    }

    std::string firings() const {
        std::string out;
        for (std::uint32_t i : m_firings) {
            const auto& f = m_g.firings()[i];
            const auto& rule = m_program.rule(f.rule);
            std::string id = "f" + std::to_string(i), label = m_program.relation(rule.head_rel).name;
            std::string attrs = "shape=ellipse, fontsize=9, height=0.25, color=\"#8c959f\"";
            if (f.message) {
                label += "\n" + m_model.node_name(f.message->from) + "\u2192" +
                         m_model.node_name(f.message->to) + " @" + std::to_string(f.message->sent);
                bool lost = m_view.cut != nullptr &&
                            sim::FaultModel::deliver(*m_view.cut, f.message->from, f.message->to,
                                                     f.message->sent) != sim::Delivery::DELIVERED;
                attrs = lost ? "shape=box, style=\"filled,bold\", fillcolor=\"#cf222e\", fontcolor=white, "
                               "color=\"#82071e\", fontsize=9, height=0.25"
                             : "shape=box, style=\"filled\", fillcolor=\"#ddf4ff\", color=\"#0969da\", "
                               "fontsize=9, "
                               "height=0.25";
                if (lost) label = "\u2702 LOST " + label;
            }
            std::string tip = rule.text;
            out += "  " + id + " [" + attrs + ", label=" + dot_quote(label) + ", tooltip=" + dot_quote(tip) +
                   "];\n";
            out += "  " + id + " -> t" + std::to_string(m_rep[f.head]) + ";\n";
            std::set<std::uint32_t> bodies;
            for (std::uint32_t b : f.body) {
                if (m_drawn.count(m_rep[b]) && bodies.insert(m_rep[b]).second) {
                    out += "  t" + std::to_string(m_rep[b]) + " -> " + id + ";\n";
                }
            }
            for (const auto& n : f.negated) {
                std::string tip = "needed: notin " + m_program.relation(n.rel).name;
                for (std::uint32_t b : n.every_support_tuple()) {
                    if (!m_drawn.count(m_rep[b]) || !bodies.insert(m_rep[b]).second) continue;
                    out += "  t" + std::to_string(m_rep[b]) + " -> " + id +
                           " [style=dashed, color=\"#8250df\", tooltip=" + dot_quote(tip) + "];\n";
                }
            }
        }
        return out;
    }

    const analysis::CheckedProgram& m_program;
    const sim::FaultModel& m_model;
    const lineage::LineageGraph& m_g;
    const LineageView& m_view;
    Presence m_presence;
    std::vector<std::uint32_t> m_rep;
    std::map<std::uint32_t, DrawnTuple> m_drawn;
    std::vector<std::uint32_t> m_firings;
    std::size_t m_collapsed = 0, m_stable = 0;
    std::vector<char> m_sensitive_t, m_sensitive_f;
};

}  // namespace

LineageSvg lineage_svg(const analysis::CheckedProgram& program, const sim::FaultModel& model,
                       const lineage::LineageGraph& graph, const LineageView& view) {
    LineageSvg out;
    LineageDot dot(program, model, graph, view);
    std::string text = dot.build(out);
    if (out.shown == 0) return out;
    out.svg = dot_to_svg(text, view.id_prefix, out.error);
    return out;
}

}  // namespace ldfi::viz
