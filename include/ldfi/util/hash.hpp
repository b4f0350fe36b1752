// Hashing of value-id sequences, shared by the tuple store, the join indexes and the simulator's
// record of the messages sent in a step.
#pragma once

#include <cstdint>
#include <span>

#include "ldfi/util/ids.hpp"

namespace ldfi {

inline constexpr std::uint64_t HASH_SEED = 0x243F6A8885A308D3ULL;

/// Continues hash `h` with `v`.
[[nodiscard]] inline std::uint64_t hash_mix(std::uint64_t h, std::uint32_t v) {
    h = (h ^ v) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

/// Continues hash `h` (by default a fresh one) with every value of `values`.
[[nodiscard]] inline std::uint64_t hash_values(std::span<const ValueId> values, std::uint64_t h = HASH_SEED) {
    for (ValueId v : values) h = hash_mix(h, v.value);
    return h;
}

}  // namespace ldfi
