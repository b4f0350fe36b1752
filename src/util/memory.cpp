// The resource guard: resident set size from /proc, compared with a process-wide limit, and a
// wall-clock deadline.
#include "ldfi/util/memory.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <string>

#include "ldfi/util/error.hpp"
#include "ldfi/util/interrupt.hpp"

namespace ldfi {

namespace {

std::atomic<std::uint64_t> g_limit{0};
using Clock = std::chrono::steady_clock;
std::atomic<Clock::rep> g_deadline{0};  ///< Clock ticks; 0: none
std::atomic<double> g_time_limit{0};

}  // namespace

void set_memory_limit(std::uint64_t bytes) { g_limit.store(bytes, std::memory_order_relaxed); }

std::uint64_t memory_limit() { return g_limit.load(std::memory_order_relaxed); }

std::uint64_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t size = 0, resident = 0;
    if (!(statm >> size >> resident)) return 0;
    long page = sysconf(_SC_PAGESIZE);
    return resident * static_cast<std::uint64_t>(page > 0 ? page : 4096);
}

std::uint64_t physical_memory_bytes() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key, unit;
    std::uint64_t kib = 0;
    while (meminfo >> key >> kib >> unit) {
        if (key == "MemTotal:") return kib * 1024;
    }
    return 0;
}

void set_time_limit(double seconds) {
    g_time_limit.store(seconds, std::memory_order_relaxed);
    Clock::rep deadline = 0;
    if (seconds > 0) {
        const auto span = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
        deadline = (Clock::now() + span).time_since_epoch().count();
    }
    g_deadline.store(deadline, std::memory_order_relaxed);
}

void check_resource_limits(const char* where) {
    if (interrupt_signal() != 0) throw ResourceError(interrupt_reason() + " " + where);
    std::uint64_t limit = memory_limit();
    if (limit != 0 && resident_bytes() > limit) {
        throw ResourceError("memory limit " + std::to_string(limit >> 20) + " MiB reached " + where +
                            "; raise --max-memory to allow more");
    }
    Clock::rep deadline = g_deadline.load(std::memory_order_relaxed);
    if (deadline != 0 && Clock::now().time_since_epoch().count() > deadline) {
        throw ResourceError("timeout " + format_seconds(g_time_limit.load(std::memory_order_relaxed)) +
                            "s reached " + where + "; raise --timeout to allow more");
    }
}

std::string format_seconds(double seconds) {
    std::string text = std::to_string(seconds);
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

}  // namespace ldfi
