// Encoding lineage graphs into the derivability formula.
#include "lineage_encoder.hpp"

#include <algorithm>
#include <limits>

namespace ldfi::search {

using solver::FormulaId;

LineageEncoder::LineageEncoder(const sim::FaultSpace& space, std::shared_ptr<solver::Formula> formula)
    : m_space(space), m_formula(std::move(formula)) {}

std::optional<NodeId> LineageEncoder::node_of(const Value& v) const {
    if (const auto* s = std::get_if<std::string>(&v)) return m_space.model().find_node(*s);
    return std::nullopt;
}

FormulaId LineageEncoder::channel_open(NodeId from, NodeId to, std::int32_t sent) {
    if (from == to) return m_formula->constant(true);  // self-sends always arrive
    std::vector<FormulaId> parts;
    if (m_space.omission(from, to, sent)) {
        parts.push_back(m_formula->negate(m_formula->omit({from, to, sent})));
    }
    if (!m_space.down_by(from, sent).empty()) {
        // Down by `sent` is down by its last crash time (EOT - 1) at the latest.
        const std::int32_t last_crash = m_space.model().bounds().eot - 1;
        parts.push_back(m_formula->negate(m_formula->down(from, std::min(sent, last_crash))));
    }
    return m_formula->conj(std::move(parts));
}

FormulaId LineageEncoder::builtin(const lineage::TupleKey& key, lineage::TupleOrigin origin) {
    const auto& v = key.values;
    if (origin == lineage::TupleOrigin::CRASH) {
        // crash(Observer, Crashed, T) holds iff Crashed crashed at T.
        auto node = v.size() == 3 ? node_of(v[1]) : std::nullopt;
        const auto* t = v.size() == 3 ? std::get_if<std::int64_t>(&v[2]) : nullptr;
        if (!node || !t || *t < 1 || *t > std::numeric_limits<std::int32_t>::max()) {
            return m_formula->constant(false);
        }
        const sim::Crash crash{*node, static_cast<std::int32_t>(*t)};
        return m_space.index_of(crash) ? m_formula->crash(crash) : m_formula->constant(false);
    }
    // clock(From, To, Sent, Delivered) holds iff the channel was open at Sent.
    auto from = v.size() == 4 ? node_of(v[0]) : std::nullopt;
    auto to = v.size() == 4 ? node_of(v[1]) : std::nullopt;
    const auto* sent = v.size() == 4 ? std::get_if<std::int64_t>(&v[2]) : nullptr;
    if (!from || !to || !sent) return m_formula->constant(true);
    return channel_open(*from, *to, static_cast<std::int32_t>(*sent));
}

FormulaId LineageEncoder::tuple(const lineage::TupleKey& key, lineage::TupleOrigin origin) {
    auto it = m_tuples.find(key);
    if (it != m_tuples.end()) return it->second;
    FormulaId f;
    switch (origin) {
        case lineage::TupleOrigin::FACT:
            f = m_formula->constant(true);
            break;
        case lineage::TupleOrigin::DERIVED:
            f = m_formula->open_disj();
            break;
        case lineage::TupleOrigin::CRASH:
        case lineage::TupleOrigin::CLOCK:
            f = builtin(key, origin);
            break;
    }
    m_tuples.emplace(key, f);
    return f;
}

// "Some fault that could make this negated atom hold happened" (docs/algorithm.md, "Negation"):
// a fault added to the run's that could make it appear, or one of the run's faults left out.
FormulaId LineageEncoder::flip(const lineage::LineageGraph& g, const lineage::NegatedKey& key) {
    FormulaId added = flip_by_added_faults(g, key);
    if (!key.restorable || g.faults().empty()) return added;
    std::vector<FormulaId> missing{added};
    for (const sim::Omission& o : g.faults().omissions)
        missing.push_back(m_formula->negate(m_formula->omit(o)));
    for (const sim::Crash& c : g.faults().crashes) missing.push_back(m_formula->negate(m_formula->crash(c)));
    return m_formula->disj(std::move(missing));
}

FormulaId LineageEncoder::flip_by_added_faults(const lineage::LineageGraph& g,
                                               const lineage::NegatedKey& key) {
    switch (key.support) {
        case lineage::NegativeSupport::STABLE:
            return m_formula->constant(false);
        case lineage::NegativeSupport::CRASHES:
            return matching_crash(key.values);
        case lineage::NegativeSupport::TUPLES: {
            std::vector<FormulaId> cuts;
            for (std::uint32_t t : key.support_tuples) cuts.push_back(cut(g, t));
            for (const auto& group : key.support_all_of) {
                std::vector<FormulaId> all;
                for (std::uint32_t t : group) all.push_back(cut(g, t));
                cuts.push_back(m_formula->conj(std::move(all)));
            }
            // The run's own crashes were there and the atom did not hold: only another crash is new.
            for (const auto& pattern : key.support_crashes) {
                cuts.push_back(matching_crash(pattern, g.faults().crashes));
            }
            return m_formula->disj(std::move(cuts));
        }
        case lineage::NegativeSupport::ANY_FAULT:
            return any_fault_before(key.time);
    }
    return m_formula->constant(true);
}

// crash(Observer, Crashed, T) atoms hold exactly when a matching crash happened.
FormulaId LineageEncoder::matching_crash(const std::vector<std::optional<Value>>& pattern,
                                         const std::vector<sim::Crash>& present) {
    std::vector<FormulaId> crashes;
    for (std::uint32_t i = 0; i < m_space.crash_count() && pattern.size() == 3; ++i) {
        const sim::Crash& c = std::get<sim::Crash>(m_space.fault(i));
        if (std::find(present.begin(), present.end(), c) != present.end()) continue;
        const auto& node = pattern[1];
        const auto& time = pattern[2];
        if (node && node_of(*node) != c.node) continue;
        if (time && *time != Value{std::int64_t{c.time}}) continue;
        crashes.push_back(m_formula->crash(c));
    }
    return m_formula->disj(std::move(crashes));
}

// Every fault that can change a tuple at `time`: an omission sent at or before it (its clock
// tuple is at the send time), and any crash (the `crash` relation holds at every time).
FormulaId LineageEncoder::any_fault_before(std::int32_t time) {
    std::vector<FormulaId> faults;
    for (std::uint32_t i = m_space.crash_count(); i < m_space.size(); ++i) {
        const sim::Omission& o = std::get<sim::Omission>(m_space.fault(i));
        if (o.time <= time) faults.push_back(m_formula->omit(o));
    }
    for (std::uint32_t i = 0; i < m_space.crash_count(); ++i) {
        faults.push_back(m_formula->crash(std::get<sim::Crash>(m_space.fault(i))));
    }
    return m_formula->disj(std::move(faults));
}

// "Tuple t is lost": every derivation of it known so far (from any run) is broken. Sound
// because losing t breaks every derivation, in particular the known ones; tight because a
// fault on one derivation does not count while another survives. The tuple's formula is an open
// disjunction that later runs extend, so this cut sharpens as lineage is learned.
FormulaId LineageEncoder::cut(const lineage::LineageGraph& g, std::uint32_t t) {
    const lineage::LineageTuple& tuple = g.tuples()[t];
    return m_formula->negate(this->tuple(tuple.key, tuple.origin));
}

FormulaId LineageEncoder::firing(const lineage::LineageGraph& g, const lineage::LineageFiring& f,
                                 const std::vector<FormulaId>& tuple_formulas) {
    std::vector<FormulaId> parts;
    for (std::uint32_t b : f.body) parts.push_back(tuple_formulas[b]);
    if (f.message) parts.push_back(channel_open(f.message->from, f.message->to, f.message->sent));
    for (const lineage::NegatedKey& n : f.negated) parts.push_back(m_formula->negate(flip(g, n)));
    return m_formula->conj(std::move(parts));
}

FormulaId LineageEncoder::any_goal_lost(const lineage::LineageGraph& graph) {
    std::vector<FormulaId> cuts;
    for (std::uint32_t g : graph.goals()) cuts.push_back(cut(graph, g));
    return m_formula->disj(std::move(cuts));
}

std::vector<FormulaId> LineageEncoder::add(const lineage::LineageGraph& graph) {
    const auto& tuples = graph.tuples();
    std::vector<FormulaId> formulas(tuples.size());
    for (std::uint32_t i = 0; i < tuples.size(); ++i) formulas[i] = tuple(tuples[i].key, tuples[i].origin);
    for (std::uint32_t t : graph.topological_order()) {
        if (tuples[t].origin != lineage::TupleOrigin::DERIVED) continue;
        for (std::uint32_t fi : tuples[t].firings) {
            const lineage::LineageFiring& f = graph.firings()[fi];
            FormulaId body = firing(graph, f, formulas);
            std::vector<std::uint32_t> signature{f.rule.value, formulas[t].value, body.value};
            if (m_firings.emplace(signature, body).second) m_formula->extend(formulas[t], body);
        }
    }
    std::vector<FormulaId> goals;
    for (std::uint32_t g : graph.goals()) goals.push_back(formulas[g]);
    return goals;
}

}  // namespace ldfi::search
