// The resource guard: process-wide limits on resident memory and on wall-clock time, polled by
// the long loops (the evaluator), so a spec that explodes ends with a ResourceError instead of
// an out-of-memory kill or a run that never ends.
#pragma once

#include <cstdint>
#include <string>

namespace ldfi {

/// Sets the limit on this process's resident set size in bytes (0: no limit).
void set_memory_limit(std::uint64_t bytes);
/// The limit set, in bytes (0: none).
[[nodiscard]] std::uint64_t memory_limit();
/// The resident set size of this process in bytes (/proc/self/statm; 0 where unknown).
[[nodiscard]] std::uint64_t resident_bytes();
/// Physical memory in bytes (/proc/meminfo MemTotal; 0 where unknown).
[[nodiscard]] std::uint64_t physical_memory_bytes();
/// Sets a wall-clock limit of `seconds` from now (0: no limit), for `ldfi run --timeout` and (through
/// CheckOptions::guard_deadline) `ldfi check --timeout`.
void set_time_limit(double seconds);

/// A time limit of `seconds` from now (set_time_limit) for this object's lifetime; none after.
class ScopedTimeLimit {
public:
    explicit ScopedTimeLimit(double seconds) { set_time_limit(seconds); }
    ~ScopedTimeLimit() { set_time_limit(0); }
    ScopedTimeLimit(const ScopedTimeLimit&) = delete;
    ScopedTimeLimit& operator=(const ScopedTimeLimit&) = delete;
};

/// Throws ResourceError naming `where` when the resident set exceeds the memory limit, the time
/// limit has passed, or a signal asked the process to stop (interrupt.hpp).
void check_resource_limits(const char* where);
/// "0.5" for 0.5, "120" for 120.0: seconds as the user would write them.
[[nodiscard]] std::string format_seconds(double seconds);

}  // namespace ldfi
