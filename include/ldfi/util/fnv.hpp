// FNV-1a, 64 bit: the hash of spec texts recorded in counterexample files (docs/json.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ldfi {

constexpr std::uint64_t FNV1A64_OFFSET = 0xcbf29ce484222325ULL;
constexpr std::uint64_t FNV1A64_PRIME = 0x100000001b3ULL;

/// Continues an FNV-1a 64 hash `h` over `bytes` (start with FNV1A64_OFFSET); hashing two
/// strings one after the other equals hashing their concatenation.
constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t h = FNV1A64_OFFSET) {
    for (char c : bytes) {
        h ^= static_cast<std::uint8_t>(c);
        h *= FNV1A64_PRIME;
    }
    return h;
}

/// 16 lowercase hex digits.
inline std::string hex64(std::uint64_t h) {
    static constexpr char DIGITS[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = DIGITS[h & 0xf];
    return out;
}

}  // namespace ldfi
