// --max-memory, --max-work and --timeout: the limits shared by `run`, `check` and `suite`
// (reliability.md).
#include <cmath>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/memory.hpp"

namespace ldfi::cli {

namespace {

// Without /proc/meminfo: a limit that still ends a runaway spec before most machines swap.
constexpr std::uint64_t FALLBACK_LIMIT_MB = 4096;
// About 11 days: beyond it a timeout is a typo, and the solver's timeout is in 32-bit milliseconds.
constexpr double MAX_TIMEOUT_SECONDS = 1e6;

}  // namespace

CLI::Validator non_negative() {
    // CLI11 would wrap "-1" around to 2^64-1 in an unsigned option.
    return CLI::Validator(
        [](std::string& text) {
            auto first = text.find_first_not_of(" \t");
            return first != std::string::npos && text[first] == '-'
                       ? std::string("must not be negative ('" + text + "')")
                       : std::string();
        },
        "UINT");
}

void add_memory_option(CLI::App& cmd, std::optional<std::uint64_t>& max_memory_mb) {
    cmd.add_option("--max-memory", max_memory_mb,
                   "stop (verdict unknown, exit 3) when ldfi's resident memory exceeds this many MiB; "
                   "0: no limit (default: 3/4 of physical memory)")
        ->check(non_negative());
}

void add_work_option(CLI::App& cmd, std::uint64_t& max_work) {
    cmd.add_option("--max-work", max_work,
                   "stop (exit 3) when one simulation's joins scan more tuples (plus rules visited) than "
                   "this; bounds work that stores little; 0: no limit")
        ->capture_default_str()
        ->check(non_negative());
}

void check_timeout(double seconds) {
    // NaN and infinity would pass a plain `< 0` and overflow the solver's millisecond timeout.
    if (!std::isfinite(seconds) || seconds < 0 || seconds > MAX_TIMEOUT_SECONDS) {
        std::ostringstream text;
        text << seconds;
        throw InputError("--timeout " + text.str() + " is out of range (0.." +
                         std::to_string(static_cast<long>(MAX_TIMEOUT_SECONDS)) + " seconds; 0: no limit)");
    }
}

std::uint64_t default_memory_limit_mb() {
    std::uint64_t physical = physical_memory_bytes();
    return physical == 0 ? FALLBACK_LIMIT_MB : physical / 4 * 3 >> 20;
}

void apply_memory_limit(const std::optional<std::uint64_t>& max_memory_mb) {
    std::uint64_t mb = max_memory_mb.value_or(default_memory_limit_mb());
    if (mb > (std::uint64_t{1} << 40))
        throw InputError("--max-memory " + std::to_string(mb) + " is out of range");
    set_memory_limit(mb << 20);
}

}  // namespace ldfi::cli
