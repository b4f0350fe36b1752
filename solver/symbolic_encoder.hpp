// Private to the solver module: a grounded program -> Z3 constraints with the simulator's exact
// semantics (completion per atom, channels and crashes from the fault space, aggregates, level
// ranks against self-supporting recursion within a time step).
#pragma once

#include <z3++.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/sim/fault_space.hpp"
#include "ldfi/sim/grounding.hpp"
#include "ldfi/solver/symbolic_solver.hpp"

namespace ldfi::solver {

class SymbolicEncoder {
public:
    /// Every constraint is handed to `assert_fn` as it is made.
    using Assert = std::function<void(const z3::expr&)>;
    SymbolicEncoder(z3::context& ctx, const analysis::CheckedProgram& program, const sim::Grounding& g,
                    const sim::FaultSpace& space, Assert assert_fn);

    /// Asserts the fault space's rules and the program's semantics.
    void encode();
    /// "The invariant is violated at EOT".
    [[nodiscard]] z3::expr violation(const sim::GroundGoal& goal);
    /// "Some `pre` tuple holds at EOT".
    [[nodiscard]] z3::expr some_pre();
    /// "Atom `a` holds".
    [[nodiscard]] z3::expr holds(eval::TupleId a);

    [[nodiscard]] const z3::expr_vector& fault_vars() const { return m_faults; }
    /// Whether the encoding uses integer arithmetic (sum, avg): then it needs Z3's SMT core.
    [[nodiscard]] bool uses_arithmetic() const { return m_arith; }
    [[nodiscard]] std::uint64_t certain_atoms() const { return m_certain_count; }
    [[nodiscard]] std::uint64_t variables() const { return m_variables; }

private:
    void mark_certain();
    void find_recursion();
    void encode_faults();
    void encode_atom(eval::TupleId a);
    /// Encodes the atoms made since the last flush, and those their instances need.
    void flush();
    z3::expr atom(eval::TupleId a);
    z3::expr fires(std::uint32_t instance);
    z3::expr body(const sim::GroundBody& b);
    z3::expr negation(std::uint32_t index);
    z3::expr open(const sim::Channel& c);
    z3::expr down(NodeId node, std::int32_t time);
    z3::expr aggregate_is(std::uint32_t group, ValueId value);
    z3::expr present(std::uint32_t group, ValueId value);
    z3::expr tuple_at_eot(RelId rel, const std::vector<ValueId>& values);
    std::string atom_name(eval::TupleId a) const;

    z3::context& m_ctx;
    const analysis::CheckedProgram& m_program;
    const sim::Grounding& m_g;
    const sim::FaultSpace& m_space;
    Assert m_assert;
    z3::expr_vector m_faults;
    std::vector<std::vector<std::uint32_t>> m_by_head;      ///< instances per atom
    std::vector<bool> m_certain;                            ///< per atom
    std::vector<std::optional<z3::expr>> m_atoms;           ///< per atom, made on first use
    std::vector<std::optional<z3::expr>> m_negations;       ///< per GroundNegation
    std::vector<std::uint32_t> m_scc;                       ///< per atom: its recursive component + 1, or 0
    std::vector<std::uint32_t> m_scc_size;                  ///< per component
    std::vector<std::optional<z3::expr>> m_ranks;           ///< per atom in a recursive component
    std::vector<eval::TupleId> m_pending;                   ///< atoms with a variable, not yet encoded
    std::unordered_map<std::uint64_t, z3::expr> m_present;  ///< (group, value) -> some row holds
    std::uint64_t m_certain_count = 0;
    std::uint64_t m_variables = 0;
    bool m_arith = false;
};

}  // namespace ldfi::solver
