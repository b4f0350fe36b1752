// The interrupt flag, set by an async-signal-safe handler.
#include "ldfi/util/interrupt.hpp"

#include <atomic>
#include <csignal>

namespace ldfi {

namespace {

std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the handler may only touch a lock-free atomic");

extern "C" void on_interrupt(int signal) {
    int expected = 0;
    if (g_signal.compare_exchange_strong(expected, signal)) return;
    // The second one: the user insists, so the default action (termination) happens at once.
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

}  // namespace

void install_interrupt_handlers() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;  // reads and writes in progress go on; the loops poll the flag
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

int interrupt_signal() { return g_signal.load(std::memory_order_relaxed); }

void request_interrupt(int signal) { g_signal.store(signal, std::memory_order_relaxed); }

std::string interrupt_reason() {
    int s = interrupt_signal();
    if (s == SIGINT) return "interrupted by SIGINT";
    if (s == SIGTERM) return "interrupted by SIGTERM";
    return "interrupted by signal " + std::to_string(s);
}

}  // namespace ldfi
