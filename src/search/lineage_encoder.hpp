// Writes the lineage of runs into the solver's derivability formula (architecture.md section 4).
#pragma once

#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "ldfi/lineage/lineage_graph.hpp"
#include "ldfi/sim/fault_space.hpp"
#include "ldfi/solver/formula.hpp"

namespace ldfi::search {

/// Merges the lineage of every run into one formula: a derived tuple is an OR over every firing
/// seen in any run, a firing the AND of its body and of its message getting through. Tuples and
/// firings are identified by value, so the same derivation in two runs is one node.
class LineageEncoder {
public:
    /// `space` (the check's faults) must outlive the encoder.
    LineageEncoder(const sim::FaultSpace& space, std::shared_ptr<solver::Formula> formula);

    /// Adds a run's lineage. Returns the formula of each of its goals (in the graph's goal order).
    std::vector<solver::FormulaId> add(const lineage::LineageGraph& graph);
    /// "Some tuple of `graph`'s goals is lost": every known derivation of it is broken (see
    /// cut()). Add the graph first, so that its derivations are known.
    solver::FormulaId any_goal_lost(const lineage::LineageGraph& graph);
    /// "Tuple `tuple` of `g` is lost": every derivation of it known so far is broken.
    solver::FormulaId cut(const lineage::LineageGraph& g, std::uint32_t tuple);
    /// "A crash matching this `crash(Observer, Crashed, T)` pattern happens" (wildcards as
    /// nullopt), leaving out the crashes in `present` (a run's own, which add no new tuple).
    solver::FormulaId matching_crash(const std::vector<std::optional<Value>>& pattern,
                                     const std::vector<sim::Crash>& present = {});
    /// The formula of a tuple (an open OR for a derived tuple, created empty if new).
    solver::FormulaId tuple(const lineage::TupleKey& key, lineage::TupleOrigin origin);

private:
    solver::FormulaId firing(const lineage::LineageGraph& g, const lineage::LineageFiring& f,
                             const std::vector<solver::FormulaId>& tuple_formulas);
    /// "The message from `from` to `to` sent at `sent` got through": not omitted, sender not down.
    solver::FormulaId channel_open(NodeId from, NodeId to, std::int32_t sent);
    solver::FormulaId builtin(const lineage::TupleKey& key, lineage::TupleOrigin origin);
    solver::FormulaId flip(const lineage::LineageGraph& g, const lineage::NegatedKey& key);
    solver::FormulaId flip_by_added_faults(const lineage::LineageGraph& g, const lineage::NegatedKey& key);
    solver::FormulaId any_fault_before(std::int32_t time);
    std::optional<NodeId> node_of(const Value& v) const;

    const sim::FaultSpace& m_space;
    std::shared_ptr<solver::Formula> m_formula;
    std::unordered_map<lineage::TupleKey, solver::FormulaId, lineage::TupleKeyHash> m_tuples;
    /// Firing signature (rule, head formula, body formulas, formula of the message) -> seen.
    std::map<std::vector<std::uint32_t>, solver::FormulaId> m_firings;
};

}  // namespace ldfi::search
