// The suite manifest (`ldfi suite MANIFEST.json`): its checks, read and validated.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "ldfi/search/check.hpp"
#include "ldfi/sim/oracle.hpp"

namespace ldfi::cli {

/// One check of a manifest, with its expected verdict.
struct SuiteCase {
    std::string name;
    std::vector<std::string> files;  ///< resolved against the manifest's directory
    BoundsOptions bounds;
    sim::OracleKind oracle = sim::OracleKind::IMPLIES;
    std::string expected;
    std::optional<std::uint64_t> max_executions;
    search::Strategy strategy = search::Strategy::AUTO;  ///< "strategy", default auto
    std::vector<std::string> allow;  ///< lint keys (analysis::Lint::key) that do not fail the gate
    std::optional<double> cost;      ///< "cost": recorded seconds, for balancing `--shard` (shard.hpp)
};

/// Parses a manifest's text (`path` names it in messages and resolves its `files`). Throws
/// InputError naming the check and the field on anything malformed, absurd bounds included.
std::vector<SuiteCase> parse_manifest(std::string_view text, const std::string& path);

/// Reads and parses the manifest at `path`; InputError when it cannot be read.
std::vector<SuiteCase> read_manifest(const std::string& path);

}  // namespace ldfi::cli
