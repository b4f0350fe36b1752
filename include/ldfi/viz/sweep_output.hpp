// A sweep over bounds (`ldfi sweep`): its points, the frontier per row, and their text, JSON and
// SVG renderings.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ldfi::viz {

/// One check of a sweep: its bounds and how it ended.
struct SweepPoint {
    int crashes = 0;
    int eot = 0;
    int eff = 0;
    std::string row_eff;  ///< the EFF of its row as the sweep gave it: a number, "eot" or "eot-K"
    std::string verdict;  ///< certified, counterexample, unknown or error
    std::string engine = "-";
    std::size_t executions = 0;
    std::string detail;  ///< the first counterexample's faults, why unknown, or the error
    double seconds = 0;
};

/// What a sweep covered, as given.
struct SweepConfig {
    std::vector<std::string> files;
    std::vector<std::string> nodes;
    std::string eot, eff, crashes;  ///< "4..12", "eot-1", "0..2"
    std::string oracle, strategy;
    double timeout = 0;           ///< seconds per point
    std::string shard;            ///< "K/N", or empty: every point of the grid
    std::vector<int> eots;        ///< every EOT of the grid: the columns
    std::size_t grid_points = 0;  ///< the points of the whole grid (every shard)
};

/// Consecutive EOTs of a row with one verdict.
struct SweepRun {
    std::string verdict;
    int from = 0, to = 0;
};

/// A row of the grid (one crash count, one EFF) along EOT.
struct SweepFrontier {
    int crashes = 0;
    std::string eff;
    std::optional<int> highest_certified;     ///< the highest EOT certified
    std::optional<int> first_counterexample;  ///< the lowest EOT with a counterexample
    /// The row as maximal runs of one verdict over consecutive EOTs, ascending (a point not
    /// run, outside the grid or in another shard, ends a run).
    std::vector<SweepRun> runs;
    /// Along EOT the verdict changes between certified and counterexample at most once (points
    /// without a verdict left aside): the row has one frontier.
    bool monotone = true;
    std::size_t undecided = 0;  ///< points with no verdict (unknown, error)
};

/// The rows of `points` (in the order they first appear) and their frontiers.
[[nodiscard]] std::vector<SweepFrontier> sweep_frontier(const std::vector<SweepPoint>& points);

/// The points, a grid of verdicts (rows: crashes and EFF; columns: EOT) and the frontier.
[[nodiscard]] std::string sweep_text(const SweepConfig& config, const std::vector<SweepPoint>& points,
                                     bool timing);

/// One JSON document (docs/json.md), ending in a newline.
[[nodiscard]] std::string sweep_json(const SweepConfig& config, const std::vector<SweepPoint>& points,
                                     bool timing);

/// The grid as a standalone SVG image: a cell per point coloured by verdict, the frontier drawn
/// wherever a row's verdict changes between certified and counterexample from one EOT to the next
/// (a step line across rows that have one change each). Same input, same bytes.
[[nodiscard]] std::string sweep_svg(const SweepConfig& config, const std::vector<SweepPoint>& points);

}  // namespace ldfi::viz
