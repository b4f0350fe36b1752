// Pieces the report's JSON and HTML share, and the spec digest.
#include "report_parts.hpp"

#include <algorithm>

#include "ldfi/util/fnv.hpp"

namespace ldfi::viz {

SpecDigest spec_digest(const std::vector<std::string>& paths, const std::vector<std::string>& texts) {
    SpecDigest d;
    std::uint64_t all = FNV1A64_OFFSET;
    for (std::size_t i = 0; i < paths.size() && i < texts.size(); ++i) {
        d.sources.push_back({paths[i], hex64(fnv1a64(texts[i]))});
        all = fnv1a64(texts[i], all);
    }
    d.hash = hex64(all);
    return d;
}

sim::Simulator report_simulator(const CheckContext& ctx, bool provenance) {
    std::shared_ptr<const analysis::CheckedProgram> alias(std::shared_ptr<void>(), &ctx.program);
    return sim::Simulator(alias, ctx.model,
                          sim::RunOptions{.provenance = provenance,
                                          .max_tuples = ctx.options.max_tuples,
                                          .max_probes = ctx.options.max_work});
}

std::shared_ptr<const lineage::LineageGraph> fault_free_lineage(const CheckContext& ctx,
                                                                const search::CheckResult& result) {
    if (result.runs.empty()) return nullptr;
    if (result.runs[0].lineage) return result.runs[0].lineage;
    const analysis::CheckedProgram& program = ctx.program;
    if (!program.pre.valid() || !program.post.valid()) return nullptr;
    sim::Run run = report_simulator(ctx, true).run(sim::FailureSpec{});
    std::int32_t eot = run.db.eot();
    std::vector<lineage::TupleKey> goals;
    for (auto& values : sim::tuples_at(run, program.post, eot))
        goals.push_back({program.post, std::move(values), eot});
    return std::make_shared<const lineage::LineageGraph>(lineage::LineageGraph::build(program, run, goals));
}

std::shared_ptr<const sim::Run> fault_free_run(const ReportContext& ctx) {
    const auto& runs = ctx.result.runs;
    if (runs.empty()) return nullptr;
    if (runs[0].run && runs[0].faults.empty()) return runs[0].run;
    return std::make_shared<const sim::Run>(report_simulator(ctx.check, false).run(sim::FailureSpec{}));
}

std::vector<sim::ValueTuple> goal_values(const ReportContext& ctx) {
    std::vector<sim::ValueTuple> out;
    for (const auto& g : ctx.result.goals) out.push_back(g.values);
    if (out.empty() && ctx.fault_free_lineage) {
        for (std::uint32_t t : ctx.fault_free_lineage->goals())
            out.push_back(ctx.fault_free_lineage->tuples()[t].key.values);
    }
    std::sort(out.begin(), out.end(), sim::tuple_less);
    return out;
}

std::vector<sim::ValueTuple> goals_lost(const ReportContext& ctx, const search::RunRecord& run) {
    std::vector<sim::ValueTuple> out;
    if (!run.run || !ctx.check.program.post.valid()) return out;
    std::vector<sim::ValueTuple> posts = sim::tuples_at(*run.run, ctx.check.program.post, run.run->db.eot());
    for (auto& g : goal_values(ctx)) {
        if (!sim::contains(posts, g)) out.push_back(std::move(g));
    }
    return out;
}

std::vector<std::uint32_t> broken_roots(const lineage::LineageGraph& graph,
                                        const std::vector<sim::ValueTuple>& missing) {
    std::vector<std::uint32_t> roots;
    for (std::uint32_t t : graph.goals()) {
        if (std::find(missing.begin(), missing.end(), graph.tuples()[t].key.values) != missing.end())
            roots.push_back(t);
    }
    return roots;
}

std::set<MessageKey> lineage_messages(const analysis::CheckedProgram& program,
                                      const lineage::LineageGraph& graph,
                                      const std::vector<std::uint32_t>& roots) {
    std::set<MessageKey> out;
    std::vector<char> seen(graph.tuples().size());
    std::vector<std::uint32_t> stack;
    for (std::uint32_t r : roots) stack.push_back(r);
    while (!stack.empty()) {
        std::uint32_t t = stack.back();
        stack.pop_back();
        if (seen[t]) continue;
        seen[t] = 1;
        for (std::uint32_t f : graph.tuples()[t].firings) {
            const auto& firing = graph.firings()[f];
            if (firing.message) {
                out.insert({program.rule(firing.rule).head_rel, firing.message->from, firing.message->to,
                            firing.message->sent});
            }
            for (std::uint32_t b : firing.body) stack.push_back(b);
            for (const auto& n : firing.negated) {
                std::vector<std::uint32_t> support = n.every_support_tuple();
                stack.insert(stack.end(), support.begin(), support.end());
            }
        }
    }
    return out;
}

bool has_details(const ReportContext& ctx, std::size_t index) {
    if (index >= ctx.result.runs.size() || !ctx.result.runs[index].run) return false;
    return index < REPORT_DETAIL_RUNS || has_article(ctx, index);
}

bool has_article(const ReportContext& ctx, std::size_t index) {
    std::size_t n = counterexample_number(ctx, index);
    return n > 0 && n <= REPORT_CE_ARTICLES;
}

std::size_t counterexample_number(const ReportContext& ctx, std::size_t index) {
    for (std::size_t i = 0; i < ctx.result.counterexamples.size(); ++i) {
        if (ctx.result.counterexamples[i].run_index == index) return i + 1;
    }
    return 0;
}

std::string faults_summary(const sim::FaultModel& model, const sim::FailureSpec& faults) {
    return faults.empty() ? std::string("none") : model.format(faults);
}

}  // namespace ldfi::viz
