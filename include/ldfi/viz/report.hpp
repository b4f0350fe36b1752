// The report of a check (`ldfi check --report DIR`): the self-contained HTML page, runs.json and
// one counterexample-N.json per counterexample, and the diagrams they are made of.
#pragma once

#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "ldfi/search/check.hpp"
#include "ldfi/viz/check_output.hpp"

namespace ldfi::viz {

/// Runs whose diagrams and messages a report embeds, besides the counterexamples drawn.
constexpr std::size_t REPORT_DETAIL_RUNS = 200;
/// Counterexamples drawn on the page (smallest first); later ones are only in the runs table.
constexpr std::size_t REPORT_CE_ARTICLES = 20;
/// Nodes (tuples and firings) one lineage graph shows at most.
constexpr std::size_t LINEAGE_MAX_NODES = 120;
/// Tuples the per-time tables of one run show at most.
constexpr std::size_t STATE_MAX_TUPLES = 2000;

/// One spec source file as read (the files given, then each include where first read).
struct SpecSource {
    std::string path;
    std::string hash;  ///< FNV-1a 64 of its bytes, 16 hex digits
};

/// What identifies the spec text: every source file's hash, and the hash of them all.
struct SpecDigest {
    std::vector<SpecSource> sources;
    std::string hash;  ///< FNV-1a 64 of the concatenated contents of `sources`, in order
};

/// The digest of `paths`/`texts` (parallel vectors, in read order).
SpecDigest spec_digest(const std::vector<std::string>& paths, const std::vector<std::string>& texts);

/// Everything a report is made of.
struct ReportContext {
    const CheckContext& check;
    const search::CheckResult& result;
    SpecDigest spec;
    /// The lineage of the good outcomes in the fault-free run: what a counterexample cut.
    std::shared_ptr<const lineage::LineageGraph> fault_free_lineage;
};

/// The lineage of the fault-free run: the one the search learned, or (for strategies that
/// learn none) built by simulating the fault-free run again with provenance.
std::shared_ptr<const lineage::LineageGraph> fault_free_lineage(const CheckContext& ctx,
                                                                const search::CheckResult& result);

/// `DIR/runs.json` (docs/json.md).
std::string report_runs_json(const ReportContext& ctx);
/// `DIR/counterexample-N.json` for `result.counterexamples[n - 1]` (docs/json.md).
std::string report_counterexample_json(const ReportContext& ctx, std::size_t n);
/// `DIR/index.html`: one self-contained page.
std::string report_html(const ReportContext& ctx);

/// `&`, `<`, `>`, `"`, `'`, tabs and line breaks escaped for HTML text and attribute values, and
/// malformed UTF-8 and control bytes shown as `\xHH` (xml_escape's attribute rules).
std::string html_escape(std::string_view text);

/// A message as the lineage names it: (relation, from, to, sent).
using MessageKey = std::tuple<RelId, NodeId, NodeId, std::int32_t>;

/// What to draw of a lineage graph.
struct LineageView {
    std::vector<std::uint32_t> roots;       ///< tuple indexes to start from (the broken goals)
    const sim::FailureSpec* cut = nullptr;  ///< faults to highlight: the messages they lose
    const sim::Run* faulty = nullptr;       ///< tuples absent from this run are marked
    std::size_t max_nodes = LINEAGE_MAX_NODES;
};

}  // namespace ldfi::viz
