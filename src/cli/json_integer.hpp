// Reading an integer field of a JSON input (a manifest, a counterexample file) without an
// undefined or wrapping conversion: one rule for every reader, with its own messages.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <utility>

namespace ldfi::cli {

enum class JsonInteger {
    OK,
    NOT_A_NUMBER,    ///< a string, an object, ...
    NOT_AN_INTEGER,  ///< a fraction, or an integer too big for 64 bits (nlohmann reads it as a double)
    OUT_OF_RANGE,    ///< an integer outside [lo, hi]
};

/// Reads `v` into `out` when it is an integer within [lo, hi] (found by fuzz_json: huge numbers
/// and fractions must be errors).
inline JsonInteger read_json_integer(const nlohmann::json& v, std::int64_t lo, std::int64_t hi,
                                     std::int64_t& out) {
    if (v.is_number_float()) return JsonInteger::NOT_AN_INTEGER;
    if (!v.is_number_integer()) return JsonInteger::NOT_A_NUMBER;
    if (v.is_number_unsigned() && !std::in_range<std::int64_t>(v.get<std::uint64_t>())) {
        return JsonInteger::OUT_OF_RANGE;
    }
    const auto i = v.get<std::int64_t>();
    if (i < lo || i > hi) return JsonInteger::OUT_OF_RANGE;
    out = i;
    return JsonInteger::OK;
}

}  // namespace ldfi::cli
