// "Did you mean ...?": the nearest of some names to a misspelled one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ldfi {

/// Edits (insertions, deletions, substitutions, swaps of neighbours) that turn `a` into `b`.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word` when it is close enough to be a misspelling (at most a third
/// of the word's length in edits, and at least one); the first in order on a tie. Names longer
/// than 64 bytes are never matched.
[[nodiscard]] std::optional<std::string> nearest_name(std::string_view word,
                                                      const std::vector<std::string>& candidates);

}  // namespace ldfi
