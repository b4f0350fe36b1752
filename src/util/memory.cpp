// The memory guard: resident set size from /proc, compared with a process-wide limit.
#include "ldfi/util/memory.hpp"

#include <atomic>
#include <fstream>
#include <string>

#include <unistd.h>

#include "ldfi/util/error.hpp"

namespace ldfi {

namespace {

std::atomic<std::uint64_t> g_limit{0};

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

void check_memory(const char* where) {
    std::uint64_t limit = memory_limit();
    if (limit == 0 || resident_bytes() <= limit) return;
    throw ResourceError("memory limit " + std::to_string(limit >> 20) + " MiB reached " + where +
                        "; raise --max-memory to allow more");
}

}  // namespace ldfi
