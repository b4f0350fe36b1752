// Derivability formulas over fault variables: the solver's input, free of Z3 and lineage types.
#pragma once

#include <cstdint>
#include <functional>
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
    /// Evaluates under a fault set (DOWN(n,t) is true iff n crashes at some t' <= t), to the
    /// least fixpoint where merged lineage is cyclic (LaneEvaluator).
    [[nodiscard]] bool eval(FormulaId f, const sim::FailureSpec& faults) const;

private:
    FormulaId add(Node n);
    std::vector<Node> m_nodes;
    std::vector<FormulaId> m_extension_log;
    std::unordered_map<std::uint64_t, std::vector<FormulaId>> m_hash;  ///< hash-consing buckets
    FormulaId m_true, m_false;
};

/// Evaluates formulas under up to 64 fault sets at once, one bit (a lane) per set, in passes over
/// the formula. Merged lineage can have cycles (a tuple derived from another in one run and the
/// other way round in another); they pass only through open nodes, never under a NOT (Z3Encoder
/// refuses that). A node met again while it is being evaluated reads its value from the pass
/// before (false at first), and passes repeat until no value changes: the least fixpoint, which
/// is what Z3 decides too (a goal is cut when no derivation without itself is left). The one
/// evaluator of the solver: Formula::eval and the outright level search both use it.
class LaneEvaluator {
public:
    using Lanes = std::uint64_t;
    static constexpr std::size_t LANES = 64;
    /// The lanes in which a leaf (OMIT, CRASH or DOWN node) holds.
    using Leaf = std::function<Lanes(const Formula::Node&)>;

    explicit LaneEvaluator(const Formula& formula) : m_formula(formula) {}
    /// Evaluates `roots` (and every node under them). Throws InternalError when the values do
    /// not settle, which only a cycle through a NOT can cause.
    void evaluate(const std::vector<FormulaId>& roots, const Leaf& leaf);
    /// A node's lanes after evaluate(), for the roots and every node under them.
    [[nodiscard]] Lanes value(FormulaId f) const { return m_values[f.index()]; }

private:
    Lanes lanes_of(FormulaId f, const Leaf& leaf);

    const Formula& m_formula;
    std::vector<Lanes> m_values;        ///< per node
    std::vector<std::uint8_t> m_state;  ///< per node, in this pass: 0 unvisited, 1 in progress, 2 done
    bool m_changed = false;             ///< some value changed in this pass
};

}  // namespace ldfi::solver
