// Minimal fault sets that cut every derivation of some goal: the LDFI hypothesis generator.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ldfi/sim/fault_model.hpp"
#include "ldfi/solver/formula.hpp"

namespace ldfi::solver {

enum class Backend {
    Z3,           ///< one incremental Z3 SAT-core solver, kept alive across rounds
    BRUTE_FORCE,  ///< every fault set within the bounds, smallest first; for tests
};

struct GeneratorOptions {
    Backend backend = Backend::Z3;
    std::string dump_smt_dir;  ///< when set, every query is written there as SMT-LIB 2
    /// 0: none. Otherwise the generator's time budget, counted from its construction: every
    /// query gets what is left of it, and one that runs out throws ResourceError.
    double timeout_seconds = 0;
};

struct GeneratorStats {
    std::uint64_t solver_calls = 0;
    std::uint64_t hypotheses = 0;
    double solve_seconds = 0;
};

/// A hypothesis is a canonical FailureSpec (FaultModel::is_canonical) within the model's bounds
/// that makes `not derived(g)` true for some goal g. Usage per round: add/extend goals in the Formula, then call next_round() and
/// next() until it returns nullopt. Results are minimal (no proper subset is a hypothesis),
/// in order of size, then in a fixed order among equal sizes (deterministic).
class HypothesisGenerator {
public:
    HypothesisGenerator(const sim::FaultModel& model, std::shared_ptr<Formula> formula,
                        GeneratorOptions options = {});
    ~HypothesisGenerator();

    /// Declares `derived` as a goal formula (usually an open_disj). Goals persist across rounds.
    void add_goal(FormulaId derived);
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
