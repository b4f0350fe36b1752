// Pieces the report's JSON and HTML share: goals lost per run, the roots of a broken goal's lineage.
#pragma once

#include "ldfi/viz/report.hpp"

namespace ldfi::viz {

/// A simulator of the check's program and fault model under its tuple and join-work limits, for
/// the runs a report simulates again. The program is not owned: it outlives the report.
sim::Simulator report_simulator(const CheckContext& ctx, bool provenance);

/// The fault-free run: the search's first run when it kept it, else simulated again; null when the
/// search recorded no run (it stopped inside the fault-free run, which the report does not repeat).
std::shared_ptr<const sim::Run> fault_free_run(const ReportContext& ctx);

/// The good outcomes (`post` tuples at EOT of the fault-free run) by value.
std::vector<sim::ValueTuple> goal_values(const ReportContext& ctx);

/// The good outcomes missing from a run's `post` at EOT (empty when the run was not kept).
std::vector<sim::ValueTuple> goals_lost(const ReportContext& ctx, const search::RunRecord& run);

/// Indexes of the goal tuples of `graph` whose values are among `missing`.
std::vector<std::uint32_t> broken_roots(const lineage::LineageGraph& graph,
                                        const std::vector<sim::ValueTuple>& missing);

/// The messages the lineage of `roots` depends on (relation, from, to, sent).
std::set<MessageKey> lineage_messages(const analysis::CheckedProgram& program,
                                      const lineage::LineageGraph& graph,
                                      const std::vector<std::uint32_t>& roots);

/// Whether the report embeds diagrams and messages of run `index`: it was kept, and it is among
/// the first REPORT_DETAIL_RUNS runs or a counterexample.
bool has_details(const ReportContext& ctx, std::size_t index);

/// Whether run `index` is one of the first REPORT_CE_ARTICLES counterexamples, drawn on the page.
bool has_article(const ReportContext& ctx, std::size_t index);

/// 1-based number of the counterexample found by run `index`, 0 if none.
std::size_t counterexample_number(const ReportContext& ctx, std::size_t index);

/// `omit a->b@1, crash c@2`, or "none".
std::string faults_summary(const sim::FaultModel& model, const sim::FailureSpec& faults);

}  // namespace ldfi::viz
