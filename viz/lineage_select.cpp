// Which part of a lineage graph a report draws (see lineage_select.hpp).
#include "lineage_select.hpp"

#include <algorithm>
#include <deque>

namespace ldfi::viz {

namespace {

// A firing that only carries its body tuple to the next time unchanged (`p(X)@next :- p(X);`).
bool is_persistence(const analysis::CheckedProgram& program, const lineage::LineageGraph& g,
                    const lineage::LineageFiring& f) {
    if (program.rule(f.rule).suffix != analysis::TimeSuffix::NEXT || f.body.size() != 1) return false;
    const auto& head = g.tuples()[f.head].key;
    const auto& body = g.tuples()[f.body[0]].key;
    return head.rel == body.rel && head.values == body.values;
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
            for (std::uint32_t b : firing_inputs(g.firings()[f])) {
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

class Selector {
public:
    Selector(const analysis::CheckedProgram& program, const lineage::LineageGraph& g, const LineageView& view)
        : m_program(program), m_g(g), m_view(view), m_presence(view.faulty) {}

    LineageSelection run() {
        Reached r = reach(m_g, m_view.roots);
        find_sensitive(r);
        collapse(r);
        select(r);
        return std::move(m_out);
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
                for (std::uint32_t b : firing_inputs(firing)) s = s || m_sensitive_t[b];
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
        auto& rep = m_out.rep;
        rep.assign(m_g.tuples().size(), UINT32_MAX);
        std::vector<char> in(m_g.tuples().size());
        for (std::uint32_t t : r.tuples) in[t] = 1;
        for (std::uint32_t t : m_g.topological_order()) {
            if (!in[t]) continue;
            rep[t] = t;
            const auto& fs = m_g.tuples()[t].firings;
            if (fs.size() == 1 && is_persistence(m_program, m_g, m_g.firings()[fs[0]])) {
                rep[t] = rep[m_g.firings()[fs[0]].body[0]];
            }
        }
        for (std::uint32_t t : r.tuples) {
            DrawnTuple& d = m_out.tuples[rep[t]];
            std::int32_t time = m_g.tuples()[t].key.time;
            d.first = d.first == 0 ? m_g.tuples()[rep[t]].key.time : d.first;
            d.last = std::max(d.last, time);
            d.missing = d.missing || !m_presence.holds(m_g.tuples()[t].key);
            if (rep[t] != t) ++m_out.collapsed;
        }
        for (std::uint32_t t : m_view.roots) {
            if (t < rep.size() && rep[t] != UINT32_MAX) m_out.tuples[rep[t]].root = true;
        }
    }

    // Nodes nearest the roots first (breadth-first order), each tuple followed by the firings
    // that derived it, up to the cap.
    void select(const Reached& r) {
        const auto& rep = m_out.rep;
        std::size_t budget = m_view.max_nodes, count = 0, total = m_out.tuples.size();
        std::set<std::uint32_t> kept;
        for (std::uint32_t t : r.tuples) {
            if (rep[t] == t && !m_sensitive_t[t]) {
                ++m_out.stable, --total;
                continue;
            }
            if (rep[t] == t && count < budget) kept.insert(t), ++count;
            for (std::uint32_t f : m_g.tuples()[t].firings) {
                const auto& firing = m_g.firings()[f];
                if (is_persistence(m_program, m_g, firing) || !m_sensitive_f[f]) continue;
                ++total;
                if (firing.message) {
                    m_out.messages.insert({m_program.rule(firing.rule).head_rel, firing.message->from,
                                           firing.message->to, firing.message->sent});
                }
                if (count < budget && kept.count(rep[t])) m_out.firings.push_back(f), ++count;
            }
        }
        for (auto it = m_out.tuples.begin(); it != m_out.tuples.end();)
            it = kept.count(it->first) ? std::next(it) : m_out.tuples.erase(it);
        m_out.shown = count;
        m_out.elided = total - count;
    }

    const analysis::CheckedProgram& m_program;
    const lineage::LineageGraph& m_g;
    const LineageView& m_view;
    Presence m_presence;
    LineageSelection m_out;
    std::vector<char> m_sensitive_t, m_sensitive_f;
};

}  // namespace

std::vector<std::uint32_t> firing_inputs(const lineage::LineageFiring& f) {
    std::vector<std::uint32_t> out = f.body;
    for (const auto& n : f.negated) {
        std::vector<std::uint32_t> support = n.every_support_tuple();
        out.insert(out.end(), support.begin(), support.end());
    }
    return out;
}

LineageSelection select_lineage(const analysis::CheckedProgram& program, const lineage::LineageGraph& graph,
                                const LineageView& view) {
    return Selector(program, graph, view).run();
}

}  // namespace ldfi::viz
