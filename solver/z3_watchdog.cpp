// The Z3 watchdog: one waiting thread per context with a time budget.
#include "z3_watchdog.hpp"

namespace ldfi::solver {

Z3Watchdog::Z3Watchdog(z3::context& ctx, Deadline deadline) : m_ctx(ctx), m_deadline(deadline) {
    if (!m_deadline) return;
    m_thread = std::thread([this] {
        std::unique_lock lock(m_mutex);
        if (!m_wake.wait_until(lock, *m_deadline, [this] { return m_stop; })) m_ctx.interrupt();
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

bool Z3Watchdog::expired() const { return m_deadline && std::chrono::steady_clock::now() >= *m_deadline; }

Z3Watchdog::Deadline deadline_after(double seconds) {
    if (seconds <= 0) return std::nullopt;
    using Clock = std::chrono::steady_clock;
    return Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

}  // namespace ldfi::solver
