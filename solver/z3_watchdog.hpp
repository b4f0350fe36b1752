// Private to the solver module: a time budget for a Z3 context, enforced by a thread that
// interrupts the context at the deadline, or when a signal asked the process to stop
// (util/interrupt.hpp; polled every 50 ms). Queries then need no `timeout` parameter: setting one
// before every query made Z3 re-read its parameters each time, which doubled its time over a
// long search (docs/performance.md).
#pragma once

#include <z3++.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "ldfi/util/error.hpp"

namespace ldfi::solver {

class Z3Watchdog {
public:
    using Deadline = std::optional<std::chrono::steady_clock::time_point>;

    /// Interrupts `ctx` at `deadline` (never without one) or on a signal. `ctx` must outlive the
    /// watchdog.
    Z3Watchdog(z3::context& ctx, Deadline deadline);
    ~Z3Watchdog();
    Z3Watchdog(const Z3Watchdog&) = delete;
    Z3Watchdog& operator=(const Z3Watchdog&) = delete;

    /// Whether the deadline has passed or a signal arrived (a query that returned unknown then
    /// ran out of time, or was interrupted).
    [[nodiscard]] bool expired() const;

private:
    z3::context& m_ctx;
    Deadline m_deadline;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

/// Runs `f`, turning Z3's exceptions into ours: past the watchdog's deadline a ResourceError (the
/// interrupt can land outside `check`, while Z3 adds a clause or builds a model, and then throws
/// "canceled"), otherwise a SolverError.
template <typename F>
decltype(auto) guarded_z3(const Z3Watchdog& watchdog, F&& f) {
    try {
        return f();
    } catch (const z3::exception& e) {
        if (watchdog.expired()) throw ResourceError(std::string("solver timeout: ") + e.msg());
        throw SolverError(std::string("z3: ") + e.msg());
    }
}

/// "sat", "unsat" or "unknown", for the log.
const char* result_name(z3::check_result r);

/// The end of a time budget that starts now (none for 0: no budget).
Z3Watchdog::Deadline deadline_after(double seconds);

}  // namespace ldfi::solver
