// State shared by every strategy: the simulator, the budget, the result being built.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "ldfi/search/check.hpp"
#include "ldfi/sim/fault_space.hpp"
#include "ldfi/sim/grounding.hpp"

namespace ldfi::search {

class SearchContext {
public:
    SearchContext(std::shared_ptr<const analysis::CheckedProgram> program, const sim::FaultModel& model,
                  const CheckOptions& options, bool provenance);

    /// Simulates the fault-free run and records it; a violation there is a counterexample. Once:
    /// later calls return the recorded run.
    const sim::Run& run_fault_free();
    /// Simulates a batch (in parallel per options.jobs) and records the runs in order, stopping
    /// at the first counterexample unless options.all, or at the timeout. Returns how many runs
    /// were recorded.
    /// Called for each recorded run: (its faults, the run, whether it violated the invariant).
    using Learner = std::function<void(const sim::FailureSpec&, const sim::Run&, bool)>;
    std::size_t run_and_record(const std::vector<sim::FailureSpec>& batch, std::uint32_t round,
                               const Learner& learn);

    /// How many more runs the budget allows (SIZE_MAX: no limit).
    [[nodiscard]] std::size_t runs_left() const;
    /// True (and the result marked unknown) when the run budget or the timeout is exhausted, or a
    /// signal asked the process to stop (util/interrupt.hpp).
    bool budget_exhausted();
    [[nodiscard]] bool should_stop() const;  ///< a counterexample was found and !options.all
    /// The timeout has passed, or a signal asked the process to stop: the search ends unknown.
    [[nodiscard]] bool stopping() const;
    [[nodiscard]] double elapsed() const;

    [[nodiscard]] const analysis::CheckedProgram& program() const { return *m_program; }
    [[nodiscard]] const sim::FaultModel& model() const { return m_model; }
    /// The faults this check may inject, built once: every strategy and engine searches this space.
    [[nodiscard]] const sim::FaultSpace& fault_space() const { return *m_space; }
    [[nodiscard]] const std::shared_ptr<const sim::FaultSpace>& shared_fault_space() const { return m_space; }
    /// A `pre` tuple holds in some run within the bounds, explored or not (the symbolic engine
    /// proves it): the invariant is not vacuous.
    void note_pre_possible() { m_saw_pre = true; }
    [[nodiscard]] const CheckOptions& options() const { return m_options; }
    [[nodiscard]] const sim::Simulator& simulator() const { return m_simulator; }
    CheckResult& result() { return m_result; }
    /// Finishes the result: outcome from counterexamples unless already unknown; total time.
    CheckResult finish(bool exhausted_search);

private:
    sim::Verdict judge(const sim::Run& run) const;
    bool record(const sim::FailureSpec& faults, std::shared_ptr<const sim::Run> run, std::uint32_t round);
    void report_progress(std::size_t pending, std::uint32_t round) const;  ///< options.on_progress, if set

    std::shared_ptr<const analysis::CheckedProgram> m_program;
    const sim::FaultModel& m_model;
    std::shared_ptr<const sim::FaultSpace> m_space;
    CheckOptions m_options;
    sim::Simulator m_simulator;
    std::shared_ptr<const sim::Run> m_fault_free;
    CheckResult m_result;
    std::chrono::steady_clock::time_point m_start;
    bool m_saw_pre = false;
};

/// Wall-clock seconds since `t` (only ever reported in the timing fields).
double seconds_since(std::chrono::steady_clock::time_point t);

/// The good outcomes: `post` tuples at EOT of the fault-free run; with the implies oracle only
/// those whose `pre` holds too.
std::vector<lineage::TupleKey> good_outcomes(const analysis::CheckedProgram& program, const sim::Run& run,
                                             sim::OracleKind oracle);

/// The strategies.
CheckResult run_ldfi(SearchContext& ctx);
CheckResult run_random(SearchContext& ctx);
CheckResult run_exhaustive(SearchContext& ctx);
/// The symbolic engine on a grounding of the program.
CheckResult run_symbolic(SearchContext& ctx, sim::Grounding& grounding);
/// LDFI, certified: records the `pre` tuples that may hold at EOT under some faults though not
/// without faults (at most 16, each proved possible by the symbolic engine; none when the
/// program does not ground). The lineage loop never aimed at them.
void note_untargeted_pre(SearchContext& ctx);
/// Grounds the program within the check's limits (CheckOptions::max_ground, max_tuples).
sim::GroundingResult ground_for(const SearchContext& ctx);

}  // namespace ldfi::search
