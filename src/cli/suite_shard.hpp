// `ldfi suite --shard K/N` and `--record-costs`: which checks a shard runs, how its JUnit file
// names them, and the manifest with the costs measured.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "manifest.hpp"
#include "shard.hpp"

namespace ldfi::cli {

/// The checks a suite run takes from its manifest.
struct SuitePart {
    std::vector<SuiteCase> cases;
    std::vector<std::size_t> positions;  ///< each case's 1-based position in the manifest
    std::size_t total = 0;               ///< the manifest's checks
    std::optional<Shard> shard;          ///< unset: the whole manifest
};

/// The whole manifest, or with `shard_text` ("K/N") that shard's checks (shard_items, by "cost").
[[nodiscard]] SuitePart suite_part(std::vector<SuiteCase> all, const std::string& shard_text);

/// The suite's name in the table and JUnit: the manifest path, and " (shard K/N)" for a shard.
[[nodiscard]] std::string part_name(const SuitePart& part, const std::string& manifest);

/// A shard's JUnit <properties> (empty for the whole manifest): ldfi.manifest, ldfi.shard,
/// ldfi.checks and ldfi.positions, what `ldfi junit merge` restores the unsharded file from.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> part_properties(const SuitePart& part,
                                                                               const std::string& manifest);

/// "suite: P passed, F failed" and, for a shard, which part of the manifest it ran.
[[nodiscard]] std::string part_summary(const SuitePart& part, std::size_t failed);

/// Writes the manifest at `manifest` into `out` (JSON indented by one space, as the bundled
/// manifest) with the "cost" of each check run set to its measured seconds (milliseconds
/// precision); the checks not run (another shard's) keep theirs.
void record_costs(const std::string& manifest, const std::string& out, const SuitePart& part,
                  const std::vector<double>& seconds);

}  // namespace ldfi::cli
