// The grid of `ldfi sweep`: its ranges (`--eot 4..12`, `--crashes 0..2`), its EFF (a number, a range,
// or one that follows EOT: `eot`, `eot-K`), and the points they span.
#pragma once

#include <string>
#include <vector>

namespace ldfi::cli {

/// A..B, both included.
struct IntRange {
    int from = 0;
    int to = 0;
};

/// "N" or "A..B" (A <= B), whole numbers 0..100000; InputError naming `option` otherwise.
[[nodiscard]] IntRange parse_range(const std::string& text, const std::string& option);

/// --eff: the values of a range, or EOT minus `minus` at each EOT.
struct EffSpec {
    bool follows_eot = false;
    IntRange values;  ///< unless follows_eot
    int minus = 0;    ///< when follows_eot
};

/// "N", "A..B", "eot" or "eot-K"; InputError otherwise.
[[nodiscard]] EffSpec parse_eff(const std::string& text);

/// One point of the grid.
struct GridPoint {
    int crashes = 0, eot = 0, eff = 0;
    std::string row_eff;  ///< the EFF of its row: the number, "eot" or "eot-K"
};

/// The points in order: crash count, then EFF (the row), then EOT, each ascending. A combination
/// whose EFF falls outside 0..EOT is no point of the grid (`--eot 2..6 --eff 3` starts at 3).
/// At most MAX_SWEEP_POINTS points (InputError beyond).
[[nodiscard]] std::vector<GridPoint> sweep_grid(const IntRange& eot, const EffSpec& eff,
                                                const IntRange& crashes);

constexpr std::size_t MAX_SWEEP_POINTS = 100'000;

}  // namespace ldfi::cli
