// Private to the solver module: Formula -> Z3 Boolean constraints (Tseitin, incremental).
#pragma once

#include <z3++.h>

#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

#include "ldfi/sim/fault_space.hpp"
#include "ldfi/solver/formula.hpp"

namespace ldfi::solver {

/// Encodes formula nodes on demand, each at most once per polarity, and hands every clause to
/// `sink`. positive(f) gives a literal implied by f, negative(f) one that implies f (Plaisted-
/// Greenbaum: a NOT swaps the two). Asserting "not positive(goal)" then has exactly the models
/// of "not goal", with half of Tseitin's clauses, and a later extend() of an open node is just
/// one more clause. An open node may only be needed positively (under an even number of NOTs).
class Z3Encoder {
public:
    using Sink = std::function<void(const z3::expr&)>;
    /// `space` must outlive the encoder.
    Z3Encoder(z3::context& ctx, const sim::FaultSpace& space, const Formula& formula, Sink sink);

    /// One variable per fault of the space, at the fault's index.
    [[nodiscard]] const z3::expr_vector& fault_vars() const { return m_fault_vars; }
    [[nodiscard]] const sim::FaultSpace& space() const { return m_space; }
    /// The variable of the fault at `index`.
    [[nodiscard]] z3::expr var(std::uint32_t index) const { return m_fault_vars[index]; }
    /// The crash variables of one node (empty when crashes are not allowed).
    [[nodiscard]] z3::expr_vector crash_vars(NodeId node) const;

    z3::expr positive(FormulaId f);
    /// Adds the children that extend() gave already-encoded open nodes since the last call.
    void sync_extensions();

private:
    z3::expr fresh(const char* prefix, FormulaId f);
    z3::expr negative(FormulaId f);
    z3::expr leaf(FormulaId f);
    z3::expr leaf_literal(const Formula::Node& n);
    z3::expr down(NodeId node, std::int32_t time);
    z3::expr positive_and(FormulaId f);
    z3::expr positive_or(FormulaId f);
    z3::expr negative_junction(FormulaId f);
    void add_positive_children(FormulaId open_node);

    z3::context& m_ctx;
    const Formula& m_formula;
    Sink m_sink;
    const sim::FaultSpace& m_space;
    z3::expr_vector m_fault_vars;
    std::unordered_map<std::uint32_t, z3::expr> m_positive;
    std::unordered_map<std::uint32_t, z3::expr> m_negative;
    std::unordered_map<std::uint32_t, z3::expr> m_leaves;
    std::unordered_map<std::uint32_t, std::size_t> m_open_encoded;  ///< open node -> children encoded
    std::size_t m_log_cursor = 0;  ///< how much of Formula::extension_log() has been seen
};

}  // namespace ldfi::solver
