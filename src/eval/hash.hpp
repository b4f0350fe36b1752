// Hashing of value-id sequences, shared by the tuple store and the join indexes.
#pragma once

#include <cstdint>
#include <span>

#include "ldfi/util/ids.hpp"

namespace ldfi::eval::detail {

[[nodiscard]] inline std::uint64_t mix(std::uint64_t h, std::uint32_t v) {
    h = (h ^ v) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

[[nodiscard]] inline std::uint64_t hash_values(std::span<const ValueId> values) {
    std::uint64_t h = 0x243F6A8885A308D3ULL;
    for (ValueId v : values) h = mix(h, v.value);
    return h;
}

}  // namespace ldfi::eval::detail
