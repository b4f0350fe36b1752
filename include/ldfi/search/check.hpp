// The search for faults that break a protocol: LDFI, and the random and exhaustive baselines.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/lineage/lineage_graph.hpp"
#include "ldfi/sim/fault_model.hpp"
#include "ldfi/sim/oracle.hpp"
#include "ldfi/sim/run.hpp"

namespace ldfi::search {

/// SYMBOLIC: the whole grounded program in Z3 (sim/grounding.hpp, solver/symbolic_solver.hpp).
/// AUTO: SYMBOLIC when the program grounds within the limits and the encoding covers it, else
/// LDFI (CheckResult::engine says which decided).
enum class Strategy { LDFI, RANDOM, EXHAUSTIVE, SYMBOLIC, AUTO };
enum class Outcome { CERTIFIED, COUNTEREXAMPLE, UNKNOWN };

const char* to_string(Strategy s);
/// The strategy named `name` (as to_string spells it), if any.
std::optional<Strategy> parse_strategy(const std::string& name);
const char* to_string(Outcome o);

/// Where a search is, reported after every recorded run (for a progress display).
struct Progress {
    std::size_t executions = 0;  ///< runs recorded so far
    std::size_t pending = 0;     ///< runs already chosen and not yet simulated (random, exhaustive)
    std::uint32_t round = 0;
    double elapsed_seconds = 0;
};

struct CheckOptions {
    sim::OracleKind oracle = sim::OracleKind::IMPLIES;
    Strategy strategy = Strategy::AUTO;
    bool all = false;            ///< collect every minimal counterexample, not just the first
    unsigned jobs = 1;           ///< random, exhaustive: runs simulated in parallel (LDFI runs one at a time)
    std::uint64_t max_runs = 0;  ///< 0: no limit (random: 1000)
    double timeout_seconds = 0;  ///< 0: no limit
    /// Also arm the resource guard's clock (util/memory.hpp) with timeout_seconds while the check
    /// runs, so that a simulation or grounding in progress stops at the deadline (`ldfi check`).
    /// It is armed after the check's own clock starts, so a run the guard stops always finds the
    /// check's deadline passed (the verdict is unknown, never an error), and disarmed when the
    /// check returns (a report written afterwards simulates again). The guard is process-wide:
    /// for one check at a time, not for the checks of a suite running side by side.
    bool guard_deadline = false;
    std::uint64_t seed = 1;    ///< random strategy
    std::string dump_smt_dir;  ///< LDFI: write every solver query there
    std::uint64_t max_tuples = 10'000'000;
    std::uint64_t max_work = 0;  ///< join work per run (sim::RunOptions::max_probes); 0: no limit
    bool keep_runs = false;      ///< keep every Run (for reports), not only counterexamples
    /// Called on the search's thread after every recorded run; must be cheap (it never changes
    /// the result).
    std::function<void(const Progress&)> on_progress;
    /// LDFI: how large a level the solver evaluates outright before it asks Z3
    /// (solver::GeneratorOptions::direct_budget; 0: Z3 for every level; unset: the solver's
    /// default). SYMBOLIC: the rule instances evaluated on the grounding before Z3 takes over
    /// (0: Z3 for every level). For tests and tuning.
    std::optional<std::uint64_t> direct_budget = std::nullopt;
    /// SYMBOLIC, AUTO: the most ground rule instances (`--max-ground`).
    std::uint64_t max_ground = 5'000'000;
};

/// The size of the symbolic engine's problem (for the output).
struct GroundingSize {
    std::uint64_t atoms = 0;        ///< ground atoms that may hold
    std::uint64_t instances = 0;    ///< ground rule instances
    std::uint64_t certain = 0;      ///< atoms that hold in every run
    std::uint64_t variables = 0;    ///< Z3 variables
    std::uint64_t constraints = 0;  ///< Z3 assertions
};

/// One execution of the search.
struct RunRecord {
    sim::FailureSpec faults;
    sim::Verdict verdict;
    std::uint32_t round = 0;              ///< 0: the fault-free run
    std::shared_ptr<const sim::Run> run;  ///< kept for the fault-free run, counterexamples, or keep_runs
    std::shared_ptr<const lineage::LineageGraph> lineage;  ///< LDFI: the lineage learned from it
};

struct Counterexample {
    sim::FailureSpec faults;
    sim::Verdict verdict;       ///< from the confirming re-run
    std::size_t run_index = 0;  ///< into CheckResult::runs
};

/// Seconds per phase; the only wall-clock values in a result.
struct PhaseTimes {
    double simulate = 0, lineage = 0, solve = 0, ground = 0, total = 0;
};

struct CheckResult {
    Outcome outcome = Outcome::UNKNOWN;
    std::vector<RunRecord> runs;                  ///< in execution order; runs[0] is fault-free
    std::vector<Counterexample> counterexamples;  ///< smallest first
    std::vector<lineage::TupleKey> goals;         ///< the good outcomes the search tried to cut
    std::string unknown_reason;                   ///< "max-runs 100 reached", "timeout 10s reached"
    bool vacuous = false;                         ///< no `pre` tuple in any run explored
    /// Names the fault-free run sent messages to (or from) that are not nodes of the check.
    std::vector<std::string> unknown_nodes;
    std::uint32_t rounds = 0;
    std::uint64_t solver_calls = 0;  ///< Z3 queries
    std::uint64_t evaluations = 0;   ///< fault sets evaluated outright instead of asking Z3
    std::uint64_t hypotheses = 0;
    PhaseTimes times;
    /// The engine that decided: the strategy asked for, or under AUTO, SYMBOLIC or LDFI.
    Strategy engine = Strategy::LDFI;
    /// Under AUTO when LDFI decided: why the symbolic engine could not (too large, unsupported).
    std::string fallback_reason;
    std::optional<GroundingSize> grounding;  ///< when the symbolic engine ran
    /// Every fault set within the bounds, counted (decimal): what a certified verdict covers.
    std::string fault_sets;
    /// LDFI, certified: `pre` tuples that may hold at EOT under some faults though they did not
    /// without faults; the lineage loop did not target them (the symbolic engine covers them).
    std::vector<lineage::TupleKey> untargeted_pre;
};

/// Runs the search. Throws InputError when the program has no pre or post.
/// The result does not depend on `jobs`.
CheckResult check(std::shared_ptr<const analysis::CheckedProgram> program, const sim::FaultModel& model,
                  const CheckOptions& options);

}  // namespace ldfi::search
