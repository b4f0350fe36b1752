// One check of a batch (a suite's entry, a sweep's point): run as `ldfi check` runs it, kept as one
// line's worth of outcome; and the worker threads that run a batch.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>

#include "cli.hpp"
#include "ldfi/search/check.hpp"
#include "ldfi/viz/progress.hpp"

namespace ldfi::cli {

/// How a check of a batch ended.
struct CheckSummary {
    std::string got;           ///< certified / counterexample / unknown / error
    std::string engine = "-";  ///< the engine that decided (symbolic, ldfi, ...)
    std::size_t executions = 0;
    double seconds = 0;
    std::string detail;  ///< the first counterexample's faults, why unknown, or the error (where it is)
    std::string error_details;   ///< an error's diagnostics, with their positions and carets
    std::string counterexample;  ///< the first counterexample with its lost goals (for JUnit)
};

/// What a batch check runs.
struct BatchCheck {
    std::string name;  ///< in the log ("suite: NAME starts")
    /// The spec (may throw InputError: the check's outcome is then "error").
    std::function<std::shared_ptr<const LoadedSpec>()> load;
    BoundsOptions bounds;  ///< without EFF, omissions at every send time before EOT
    sim::OracleKind oracle = sim::OracleKind::IMPLIES;
    search::Strategy strategy = search::Strategy::AUTO;
    double timeout = 0;                 ///< seconds; 0: no limit
    std::function<void()> on_progress;  ///< after every recorded run; cheap
    /// Sees the result before it is summarized (the suite's gate).
    std::function<void(const LoadedSpec&, const sim::FaultModel&, const search::CheckResult&)> inspect;
};

/// Runs search::check on the batch check; every Error (a bad spec, absurd bounds, a limit hit) is
/// the outcome "error" with its first diagnostic and all of them.
[[nodiscard]] CheckSummary run_batch_check(const BatchCheck& check);

/// A check the batch did not start (interrupted): no verdict, "not run: WHY".
[[nodiscard]] CheckSummary not_run(const std::string& why);

/// "ldfi suite: 3/62 checks done, 2 running, 4.1 s" on a terminal's stderr (not with -q), shared by
/// the worker threads of a batch.
class BatchProgress {
public:
    BatchProgress(std::string label, std::size_t total) : m_label(std::move(label)), m_total(total) {}
    /// `started` checks began and `finished` ended since the last call.
    void change(int started, int finished);
    /// Whether the line is drawn (stderr is a terminal, and not -q).
    [[nodiscard]] bool on_terminal() const { return m_line.enabled(); }

private:
    std::mutex m_mutex;
    viz::ProgressLine m_line{std::cerr, stderr_is_terminal() && !quiet()};
    std::string m_label;
    std::size_t m_total, m_done = 0, m_running = 0;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

/// Calls `work(i)` for every i in 0..n-1, on `jobs` threads (this one included), each i once.
void run_parallel(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& work);

}  // namespace ldfi::cli
