// The grounded program under one fault set: each block of instances (a time step's stratum, or a
// step's messages and @next heads) to its least fixpoint, in the order the may-run made them.
#include "ldfi/sim/ground_evaluator.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

#include "ldfi/eval/aggregate.hpp"

namespace ldfi::sim {

namespace {

/// The block an instance belongs to: its evaluation time and its stratum (@next and @async
/// instances of a step after every stratum of it).
std::pair<std::int32_t, std::uint32_t> block_key(const analysis::CheckedProgram& program, const Grounding& g,
                                                 const GroundInstance& inst) {
    const analysis::CheckedRule& rule = program.rule(inst.rule);
    const std::int32_t head_time = g.db.time(inst.head);
    if (rule.suffix == analysis::TimeSuffix::NONE) return {head_time, rule.stratum};
    return {head_time - 1, std::numeric_limits<std::uint32_t>::max()};
}

}  // namespace

GroundEvaluator::GroundEvaluator(const analysis::CheckedProgram& program, const Grounding& g,
                                 const FaultSpace& space, GroundGoal goal)
    : m_program(program),
      m_g(g),
      m_space(space),
      m_goal(std::move(goal)),
      m_holds(g.atoms.size(), 0),
      m_faulted(space.size(), 0) {
    for (std::uint32_t i = 0; i < g.instances.size();) {
        std::uint32_t end = i + 1;
        const auto key = block_key(program, g, g.instances[i]);
        while (end < g.instances.size() && block_key(program, g, g.instances[end]) == key) ++end;
        m_blocks.emplace_back(i, end);
        i = end;
    }
}

bool GroundEvaluator::violates(const std::vector<std::uint32_t>& faults) {
    std::fill(m_faulted.begin(), m_faulted.end(), 0);
    for (std::uint32_t f : faults) m_faulted[f] = 1;
    for (std::size_t a = 0; a < m_g.atoms.size(); ++a) {
        const GroundAtom& atom = m_g.atoms[a];
        switch (atom.kind) {
            case AtomKind::FACT:
                m_holds[a] = 1;
                break;
            case AtomKind::CRASH: {
                auto i = m_space.index_of(Crash{atom.node, atom.time});
                m_holds[a] = i && m_faulted[*i];
                break;
            }
            case AtomKind::CLOCK:
                m_holds[a] = open({atom.node, atom.peer, atom.time});
                break;
            case AtomKind::DERIVED:
                m_holds[a] = 0;
                break;
        }
    }
    for (const auto& [begin, end] : m_blocks) {
        for (bool changed = true; changed;) {
            changed = false;
            for (std::uint32_t i = begin; i < end; ++i) {
                const GroundInstance& inst = m_g.instances[i];
                ++m_work;
                if (holds(inst.head) || !fires(inst)) continue;
                m_holds[inst.head.index()] = 1;
                changed = true;
            }
        }
    }
    return violated();
}

// As FaultModel::deliver.
bool GroundEvaluator::open(const Channel& c) const {
    if (c.from == c.to) return true;
    for (std::uint32_t i : m_space.down_by(c.from, c.time)) {
        if (m_faulted[i]) return false;
    }
    auto o = m_space.omission(c.from, c.to, c.time);
    return !o || !m_faulted[*o];
}

bool GroundEvaluator::body(const GroundBody& b) const {
    for (eval::TupleId p : b.positive) {
        if (!holds(p)) return false;
    }
    for (std::uint32_t n : b.negations) {
        for (eval::TupleId blocker : m_g.negations[n].blockers) {
            if (holds(blocker)) return false;
        }
    }
    return true;
}

bool GroundEvaluator::fires(const GroundInstance& inst) const {
    if (inst.channel && !open(*inst.channel)) return false;
    if (!inst.group) return body(inst.body);
    return aggregate_is(*inst.group, m_g.db.values(inst.head)[m_g.groups[*inst.group].column]);
}

// As eval/aggregate.cpp, over the distinct values of the rows that hold.
bool GroundEvaluator::aggregate_is(std::uint32_t group, ValueId value) const {
    const GroundGroup& g = m_g.groups[group];
    std::vector<ValueId> present;
    for (const auto& row : g.rows) {
        if (body(row.body)) present.push_back(row.value);
    }
    std::sort(present.begin(), present.end());
    present.erase(std::unique(present.begin(), present.end()), present.end());
    if (present.empty() || !m_g.values.is_int(value)) return false;
    const std::optional<std::int64_t> aggregate = eval::aggregate_of(g.kind, present, m_g.values);
    return aggregate && *aggregate == m_g.values.as_int(value);
}

bool GroundEvaluator::pre_held() const {
    const auto& pres = m_g.db.tuples(m_program.pre, m_g.db.eot());
    return std::any_of(pres.begin(), pres.end(), [&](eval::TupleId t) { return holds(t); });
}

bool GroundEvaluator::violated() const {
    const std::int32_t eot = m_g.db.eot();
    auto holds_at_eot = [&](RelId rel, std::span<const ValueId> values) {
        auto id = m_g.db.find(rel, eot, values);
        return id && holds(*id);
    };
    if (m_goal.oracle == OracleKind::IMPLIES) {
        for (eval::TupleId pre : m_g.db.tuples(m_program.pre, eot)) {
            if (holds(pre) && !holds_at_eot(m_program.post, m_g.db.values(pre))) return true;
        }
        return false;
    }
    for (const auto& v : m_goal.fault_free_post) {
        if (holds_at_eot(m_program.pre, v) && !holds_at_eot(m_program.post, v)) return true;
    }
    return false;
}

}  // namespace ldfi::sim
