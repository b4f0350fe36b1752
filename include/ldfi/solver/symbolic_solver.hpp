// The symbolic engine's solver: the whole grounded program in Z3, asked for the smallest fault
// sets under which the invariant fails at EOT (docs/algorithm.md, "The symbolic engine").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/sim/fault_space.hpp"
#include "ldfi/sim/grounding.hpp"
#include "ldfi/sim/oracle.hpp"

namespace ldfi::solver {

struct SymbolicOptions {
    double timeout_seconds = 0;  ///< 0: none; counted from construction, shared by every query
    std::string dump_smt_dir;    ///< when set, every query is written there as SMT-LIB 2
    /// No counterexample that is not blocked has fewer faults (levels already searched).
    std::size_t first_level = 0;
};

/// Sizes of the problem, for the output (the grounding's and Z3's).
struct SymbolicStats {
    std::uint64_t atoms = 0;        ///< ground atoms that may hold (at some time)
    std::uint64_t instances = 0;    ///< ground rule instances (aggregate rows included)
    std::uint64_t certain = 0;      ///< atoms that hold in every run (constants in Z3)
    std::uint64_t variables = 0;    ///< Z3 variables: faults and atoms that depend on faults
    std::uint64_t constraints = 0;  ///< assertions given to Z3
    std::uint64_t queries = 0;
    double solve_seconds = 0;
};

class SymbolicSolver {
public:
    SymbolicSolver(const analysis::CheckedProgram& program, const sim::Grounding& grounding,
                   const sim::FaultSpace& space, const sim::GroundGoal& goal, SymbolicOptions options);
    ~SymbolicSolver();

    enum class Answer { FOUND, NONE, UNKNOWN };
    /// The next fault set under which the invariant fails, smallest first and never a superset
    /// of a blocked one: with every earlier answer blocked, each answer is a minimal
    /// counterexample. NONE: there is no other; UNKNOWN: the timeout ran out.
    Answer next(sim::FailureSpec& found);
    /// Excludes `found` and its supersets from every later answer.
    void block_supersets(const sim::FailureSpec& found);
    /// Whether some run within the bounds has a `pre` tuple at EOT (FOUND) or none (NONE).
    Answer pre_possible();
    /// Whether some run within the bounds has the grounding's atom `a` (FOUND) or none (NONE).
    Answer can_hold(eval::TupleId a);
    /// Writes the problem (every assertion, with the violation asserted) as SMT-LIB 2 to `path`.
    void write_smt(const std::string& path) const;

    [[nodiscard]] const SymbolicStats& stats() const;

private:
    Answer search_next(sim::FailureSpec& found);
    void block(const sim::FailureSpec& found);

    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ldfi::solver
