// The memory guard: a process-wide limit on resident memory, polled by the long loops (the
// evaluator), so a spec that explodes ends with a ResourceError instead of an out-of-memory kill.
#pragma once

#include <cstdint>

namespace ldfi {

/// Sets the limit on this process's resident set size in bytes (0: no limit).
void set_memory_limit(std::uint64_t bytes);
/// The limit set, in bytes (0: none).
[[nodiscard]] std::uint64_t memory_limit();
/// The resident set size of this process in bytes (/proc/self/statm; 0 where unknown).
[[nodiscard]] std::uint64_t resident_bytes();
/// Physical memory in bytes (/proc/meminfo MemTotal; 0 where unknown).
[[nodiscard]] std::uint64_t physical_memory_bytes();
/// Throws ResourceError naming `where` when a limit is set and the resident set exceeds it.
void check_memory(const char* where);

}  // namespace ldfi
