// The Z3 watchdog: one waiting thread per context with a time budget.
#include "z3_watchdog.hpp"

#include "ldfi/util/interrupt.hpp"

namespace ldfi::solver {

namespace {

// How often the thread looks at the interrupt flag: a signal handler may not call into Z3, so
// the flag is polled; 50 ms is quick for a user and nothing for the machine.
constexpr std::chrono::milliseconds POLL{50};

}  // namespace

Z3Watchdog::Z3Watchdog(z3::context& ctx, Deadline deadline) : m_ctx(ctx), m_deadline(deadline) {
    m_thread = std::thread([this] {
        std::unique_lock lock(m_mutex);
        while (!m_stop) {
            auto wake = std::chrono::steady_clock::now() + POLL;
            if (m_deadline && *m_deadline < wake) wake = *m_deadline;
            if (m_wake.wait_until(lock, wake, [this] { return m_stop; })) return;
            if (interrupt_signal() != 0 || (m_deadline && std::chrono::steady_clock::now() >= *m_deadline)) {
                m_ctx.interrupt();
                return;
            }
        }
    });
}

Z3Watchdog::~Z3Watchdog() {
    if (!m_thread.joinable()) return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

bool Z3Watchdog::expired() const {
    return interrupt_signal() != 0 || (m_deadline && std::chrono::steady_clock::now() >= *m_deadline);
}

const char* result_name(z3::check_result r) {
    if (r == z3::sat) return "sat";
    if (r == z3::unsat) return "unsat";
    return "unknown";
}

Z3Watchdog::Deadline deadline_after(double seconds) {
    if (seconds <= 0) return std::nullopt;
    using Clock = std::chrono::steady_clock;
    return Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

}  // namespace ldfi::solver
