// `--shard K/N`: a deterministic, balanced part of a list of work items (suite checks, sweep points).
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ldfi::cli {

/// The K-th of N shards (1 <= K <= N).
struct Shard {
    std::size_t index = 1;
    std::size_t count = 1;
};

/// The most shards: beyond it a count is a typo.
constexpr std::size_t MAX_SHARDS = 100'000;

/// Parses "K/N"; InputError naming `text` and what is wrong with it.
[[nodiscard]] Shard parse_shard(const std::string& text);

/// "K/N".
[[nodiscard]] std::string to_string(const Shard& shard);

/// Registers `--shard K/N` on `cmd` (validated when parsed: a usage error, exit 2); `text` stays
/// empty when it is not given. `what` names the items split ("checks", "points").
void add_shard_option(CLI::App& cmd, std::string& text, const std::string& what);

/// The items of `shard`, as indices into `costs` in increasing order. Every item is in exactly one
/// of the N shards, and the same costs and shard give the same items everywhere. The items are
/// assigned greedily, longest first (ties in list order), each to the shard with the least cost so
/// far (ties to the lowest K): with no costs at all every item costs the same, which makes this
/// round-robin in list order; an item without a cost among items with one costs their mean.
/// Costs are seconds, compared in whole milliseconds (at least 1), so floating point cannot make
/// two machines disagree.
[[nodiscard]] std::vector<std::size_t> shard_items(const std::vector<std::optional<double>>& costs,
                                                   const Shard& shard);

}  // namespace ldfi::cli
