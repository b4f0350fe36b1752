// Minimal fault sets that cut every derivation of some goal: the LDFI hypothesis generator.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ldfi/sim/fault_model.hpp"
#include "ldfi/sim/fault_space.hpp"
#include "ldfi/solver/formula.hpp"

namespace ldfi::solver {

enum class Backend {
    /// Z3, except that a level (fault-set size) whose fault sets are few enough to evaluate
    /// outright against the formula is searched that way; Z3's context is made only when a
    /// level is not. The default: a run on a small protocol never pays for a Z3 context.
    AUTO,
    Z3,           ///< one incremental Z3 SAT-core solver, kept alive across rounds
    BRUTE_FORCE,  ///< every fault set within the bounds, smallest first; for tests
};

/// AUTO evaluates a level outright when (fault sets of that size) x (formula nodes) is at most
/// this. Sets go 64 to a pass, so that is at most 4 Ki node visits, well under a millisecond:
/// less than one Z3 query, and far less than Z3's context (12-16 ms). Deliberately low: a level
/// evaluated outright comes in another order than Z3's, and on big formulas the order moves
/// the number of executions (docs/performance.md).
inline constexpr std::uint64_t DEFAULT_DIRECT_BUDGET = std::uint64_t{1} << 18;

struct GeneratorOptions {
    Backend backend = Backend::AUTO;
    /// When set, every query is written there as SMT-LIB 2 (AUTO then asks Z3 for every level).
    std::string dump_smt_dir;
    /// 0: none. Otherwise the generator's time budget, counted from its construction: every
    /// query gets what is left of it, and one that runs out throws ResourceError.
    double timeout_seconds = 0;
    std::uint64_t direct_budget = DEFAULT_DIRECT_BUDGET;  ///< AUTO only
};

struct GeneratorStats {
    std::uint64_t solver_calls = 0;  ///< Z3 queries
    std::uint64_t evaluations = 0;   ///< fault sets evaluated outright against the formula
    std::uint64_t hypotheses = 0;
    double solve_seconds = 0;
};

/// A hypothesis is a canonical FailureSpec (FaultSpace::canonical) within the space's bounds
/// that makes `not derived(g)` true for some goal g. Usage per round: add/extend goals in the Formula, then
/// call next_round() and next() until it returns nullopt. Results are minimal (no proper subset is a
/// hypothesis), in order of size, then in a fixed order among equal sizes (deterministic).
class HypothesisGenerator {
public:
    /// Every backend takes its faults, their indices, valid sets and canonical pairs from `space`.
    HypothesisGenerator(std::shared_ptr<const sim::FaultSpace> space, std::shared_ptr<Formula> formula,
                        GeneratorOptions options = {});
    /// The same over the fault space of `model`.
    HypothesisGenerator(const sim::FaultModel& model, std::shared_ptr<Formula> formula,
                        GeneratorOptions options = {});
    ~HypothesisGenerator();

    /// Declares `derived` as a goal formula (usually an open_disj). Goals persist across rounds.
    void add_goal(FormulaId derived);
    /// A formula the search would rather keep true, such as the lineage of a `pre` tuple (a
    /// counterexample needs its `pre`). Where levels are evaluated outright (AUTO's small levels,
    /// BRUTE_FORCE), fault sets of one size come in an order built from single faults: crashes
    /// before omissions, and within each kind those that keep more of these formulas, then cut
    /// more goals, first (docs/algorithm.md). Z3's order ignores it.
    void prefer_keeping(FormulaId f);
    /// Excludes exactly this fault set from every later round (it was run already).
    void exclude(const sim::FailureSpec& tested);
    /// Excludes this fault set and every superset of it from every later round (it is a
    /// counterexample already; its supersets are not minimal).
    void forbid_supersets(const sim::FailureSpec& found);
    /// Starts a new round: supersets blocked in earlier rounds are allowed again.
    void next_round();
    /// The next minimal hypothesis of this round, or nullopt when none remains. Blocks its
    /// supersets for the rest of the round.
    std::optional<sim::FailureSpec> next();

    [[nodiscard]] const GeneratorStats& stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ldfi::solver
