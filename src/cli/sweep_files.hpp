// A sweep's result, and the sweep that several `ldfi sweep --format json` files (its shards) make up.
#pragma once

#include <string>
#include <vector>

#include "ldfi/viz/sweep_output.hpp"
#include "sweep_grid.hpp"

namespace ldfi::cli {

/// What a sweep covered and found.
struct SweepResult {
    viz::SweepConfig config;
    std::vector<viz::SweepPoint> points;  ///< in grid order
};

/// The grid `config`'s eot, eff and crashes span (sweep_grid); sets config.eots and grid_points.
[[nodiscard]] std::vector<GridPoint> config_grid(viz::SweepConfig& config);

/// The sweep that the JSON documents at `paths` are the parts of (`ldfi sweep --merge`): their
/// configurations agree but for the shard, and together they hold every point of the grid once.
/// InputError "PATH: REASON" otherwise.
[[nodiscard]] SweepResult merge_sweep_files(const std::vector<std::string>& paths);

}  // namespace ldfi::cli
