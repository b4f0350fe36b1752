// Derivability formulas over fault variables: the solver's input, free of Z3 and lineage types.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "ldfi/sim/fault_model.hpp"

namespace ldfi::solver {

using FormulaId = StrongId<struct FormulaTag>;

/// A hash-consed DAG of Boolean formulas whose leaves are fault variables. The lineage builder
/// writes derived(goal) into it: a tuple is an OR of its firings, a firing an AND of its body
/// and of "this message got through". Shared sub-formulas are one node (Tseitin, never DNF).
/// Grows only; ids stay valid, so the lineage of later runs extends the same formula.
class Formula {
public:
    enum class Op { TRUE, FALSE, OMIT, CRASH, DOWN, NOT, AND, OR };
    struct Node {
        Op op;
        sim::Omission omit;  ///< OMIT
        sim::Crash crash;    ///< CRASH: crash(node, time); DOWN: node crashed at or before time
        std::vector<FormulaId> children;  ///< NOT (one), AND, OR
        bool open = false;                ///< an open_disj: children may still be added
    };

    Formula();
    [[nodiscard]] FormulaId constant(bool value) const { return value ? m_true : m_false; }
    FormulaId omit(sim::Omission o);
    FormulaId crash(sim::Crash c);
    FormulaId down(NodeId node, std::int32_t time);
    FormulaId negate(FormulaId f);
    FormulaId conj(std::vector<FormulaId> children);  ///< simplifies constants, sorts, dedups
    FormulaId disj(std::vector<FormulaId> children);

    /// A tuple or firing node whose children are added later (as more runs are learned):
    /// an OR (or AND) node that can still grow. `extend` adds a child.
    FormulaId open_disj();
    void extend(FormulaId open_node, FormulaId child);
    /// The open node of every extend() call so far, in call order: lets an encoder that has
    /// already seen an open node pick up its new children.
    [[nodiscard]] const std::vector<FormulaId>& extension_log() const { return m_extension_log; }

    [[nodiscard]] const Node& node(FormulaId f) const { return m_nodes[f.index()]; }
    [[nodiscard]] std::size_t size() const { return m_nodes.size(); }
    /// Evaluates under a fault set (DOWN(n,t) is true iff n crashes at some t' <= t).
    [[nodiscard]] bool eval(FormulaId f, const sim::FailureSpec& faults) const;
    /// The same, sharing `memo` (one entry per node: -1 unknown, 0, 1) across several roots.
    [[nodiscard]] bool eval(FormulaId f, const sim::FailureSpec& faults, std::vector<std::int8_t>& memo) const;

private:
    FormulaId add(Node n);
    [[nodiscard]] bool eval_node(const Node& n, const sim::FailureSpec& faults,
                                 std::vector<std::int8_t>& memo) const;
    std::vector<Node> m_nodes;
    std::vector<FormulaId> m_extension_log;
    std::unordered_map<std::uint64_t, std::vector<FormulaId>> m_hash;  ///< hash-consing buckets
    FormulaId m_true, m_false;
};

}  // namespace ldfi::solver
