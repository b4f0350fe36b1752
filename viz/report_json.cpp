// The report's JSON files: runs.json and counterexample-N.json (docs/json.md).
#include "json_util.hpp"
#include "ldfi/util/version.hpp"
#include "report_parts.hpp"

namespace ldfi::viz {

namespace {

ordered_json header(const char* kind) {
    ordered_json doc;
    doc["schema"] = 1;
    doc["tool"] = "ldfi";
    doc["version"] = version();
    doc["kind"] = kind;
    return doc;
}

ordered_json tuples_json(const std::vector<sim::ValueTuple>& tuples) {
    ordered_json out = ordered_json::array();
    for (const auto& t : tuples) out.push_back(tuple_json(t));
    return out;
}

ordered_json spec_json(const ReportContext& ctx) {
    ordered_json sources = ordered_json::array();
    for (const auto& s : ctx.spec.sources) sources.push_back({{"path", s.path}, {"fnv1a64", s.hash}});
    return {{"files", ctx.check.files}, {"fnv1a64", ctx.spec.hash}, {"sources", sources}};
}

ordered_json config_json(const CheckContext& c) {
    const auto& b = c.model.bounds();
    return {{"nodes", c.model.nodes()},
            {"eot", b.eot},
            {"eff", b.eff},
            {"crashes", b.max_crashes},
            {"oracle", oracle_name(c.options.oracle)},
            {"strategy", search::to_string(c.options.strategy)},
            {"all", c.options.all},
            {"max_runs", c.options.max_runs},
            {"seed", c.options.seed}};
}

ordered_json run_json_entry(const ReportContext& ctx, std::size_t i) {
    const search::RunRecord& run = ctx.result.runs[i];
    std::size_t ce = counterexample_number(ctx, i);
    bool details = has_details(ctx, i);
    ordered_json j = {{"index", i},
                      {"round", run.round},
                      {"faults", faults_json(ctx.check.model, run.faults)},
                      {"summary", faults_summary(ctx.check.model, run.faults)},
                      {"violated", run.verdict.violated},
                      {"pre_count", run.verdict.pre_count},
                      {"missing", tuples_json(run.verdict.missing)},
                      {"goals_lost", run.run ? tuples_json(goals_lost(ctx, run)) : ordered_json(nullptr)},
                      {"counterexample", ce > 0 ? ordered_json(ce) : ordered_json(nullptr)},
                      {"details", details}};
    if (details) j["messages"] = messages_json(ctx.check.program, ctx.check.model, *run.run);
    return j;
}

}  // namespace

std::string report_runs_json(const ReportContext& ctx) {
    const search::CheckResult& r = ctx.result;
    ordered_json doc = header("runs");
    doc["verdict"] = search::to_string(r.outcome);
    doc["executions"] = r.runs.size();
    doc["spec"] = spec_json(ctx);
    doc["config"] = config_json(ctx.check);
    doc["goals"] = tuples_json(goal_values(ctx));
    ordered_json ces = ordered_json::array();
    for (std::size_t n = 1; n <= r.counterexamples.size(); ++n) {
        const auto& ce = r.counterexamples[n - 1];
        ces.push_back({{"number", n},
                       {"file", "counterexample-" + std::to_string(n) + ".json"},
                       {"run", ce.run_index},
                       {"summary", faults_summary(ctx.check.model, ce.faults)}});
    }
    doc["counterexamples"] = ces;
    doc["details_limit"] = REPORT_DETAIL_RUNS;
    ordered_json runs = ordered_json::array();
    for (std::size_t i = 0; i < r.runs.size(); ++i) runs.push_back(run_json_entry(ctx, i));
    doc["runs"] = runs;
    doc["unknown_reason"] = r.unknown_reason.empty() ? ordered_json(nullptr) : ordered_json(r.unknown_reason);
    doc["engine"] = search::to_string(r.engine);
    doc["fault_sets"] = r.fault_sets;
    if (ctx.check.timing) {
        doc["timing"] = {{"simulate_seconds", r.times.simulate},
                         {"ground_seconds", r.times.ground},
                         {"lineage_seconds", r.times.lineage},
                         {"solve_seconds", r.times.solve},
                         {"total_seconds", r.times.total}};
    }
    return doc.dump(2) + "\n";
}

std::string report_counterexample_json(const ReportContext& ctx, std::size_t n) {
    const search::Counterexample& ce = ctx.result.counterexamples.at(n - 1);
    const sim::FaultModel& model = ctx.check.model;
    ordered_json doc = header("counterexample");
    doc["number"] = n;
    doc["spec"] = spec_json(ctx);
    const auto& b = model.bounds();
    doc["config"] = {{"nodes", model.nodes()},
                     {"eot", b.eot},
                     {"eff", b.eff},
                     {"crashes", b.max_crashes},
                     {"oracle", oracle_name(ctx.check.options.oracle)}};
    doc["faults"] = faults_json(model, ce.faults);
    doc["summary"] = faults_summary(model, ce.faults);
    doc["verdict"] = {{"violated", ce.verdict.violated},
                      {"pre_count", ce.verdict.pre_count},
                      {"missing", tuples_json(ce.verdict.missing)}};
    doc["run"] = ce.run_index;
    ordered_json messages = ordered_json::array();
    if (ctx.fault_free_lineage) {
        auto roots = broken_roots(*ctx.fault_free_lineage, ce.verdict.missing);
        for (const auto& [rel, from, to, sent] :
             lineage_messages(ctx.check.program, *ctx.fault_free_lineage, roots)) {
            bool cut = sim::FaultModel::deliver(ce.faults, from, to, sent) != sim::Delivery::DELIVERED;
            messages.push_back({{"relation", ctx.check.program.relation(rel).name},
                                {"from", model.node_name(from)},
                                {"to", model.node_name(to)},
                                {"sent", sent},
                                {"cut", cut}});
        }
    }
    doc["lineage_messages"] = messages;
    return doc.dump(2) + "\n";
}

}  // namespace ldfi::viz
