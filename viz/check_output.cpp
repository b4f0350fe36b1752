// Text and JSON renderings of a check's result.
#include "ldfi/viz/check_output.hpp"

#include <algorithm>
#include <cstdio>

#include "json_util.hpp"
#include "ldfi/util/version.hpp"
#include "ldfi/viz/run_output.hpp"

namespace ldfi::viz {

namespace {

std::string milliseconds(double seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f ms", seconds * 1000.0);
    return buf;
}

std::string count(std::uint64_t n, const char* noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string join(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
    return out;
}

std::string config_line(const CheckContext& ctx) {
    const auto& b = ctx.model.bounds();
    return join(ctx.files, " ") + "  nodes " + join(ctx.model.nodes(), ",") + "  eot " +
           std::to_string(b.eot) + "  eff " + std::to_string(b.eff) + "  crashes " +
           std::to_string(b.max_crashes) + "  oracle " + oracle_name(ctx.options.oracle) + "  strategy " +
           search::to_string(ctx.options.strategy);
}

std::string counterexample_text(const CheckContext& ctx, const search::Counterexample& ce, std::size_t n) {
    std::string out = "counterexample " + std::to_string(n) + ": " +
                      (ce.faults.empty() ? std::string("no faults needed") : ctx.model.format(ce.faults)) +
                      "\n";
    for (const auto& t : ce.verdict.missing) out += "  " + format_tuple("pre", t) + " has no post\n";
    return out;
}

std::string engine_text(const search::CheckResult& r) {
    std::string out;
    if (r.engine == search::Strategy::SYMBOLIC && r.grounding) {
        const search::GroundingSize& g = *r.grounding;
        out +=
            "engine: symbolic (" + count(g.atoms, "ground atom") + ", " + count(g.instances, "rule instance");
        if (r.evaluations > 0) out += "; " + count(r.evaluations, "fault set") + " evaluated outright";
        if (r.solver_calls > 0) {
            out += "; Z3: " + count(g.variables, "variable") + ", " + count(g.constraints, "constraint") +
                   ", " + std::to_string(r.solver_calls) + (r.solver_calls == 1 ? " query" : " queries");
        }
        out += ")\n";
        if (r.outcome == search::Outcome::CERTIFIED) {
            out += "proved: no fault set within the bounds violates the invariant (" + r.fault_sets +
                   (r.fault_sets == "1" ? " fault set)\n" : " fault sets)\n");
        }
    } else if (!r.fallback_reason.empty()) {
        out += "engine: ldfi (auto: " + r.fallback_reason + ")\n";
    }
    return out;
}

std::string untargeted_text(const search::CheckResult& r) {
    if (r.untargeted_pre.empty()) return {};
    std::string out =
        "warning: certified by the lineage loop, which targets only the fault-free run's outcomes; "
        "these `pre` tuples may hold under faults and were not targeted (--strategy symbolic "
        "covers them):\n";
    for (const auto& t : r.untargeted_pre) out += "  " + format_tuple("pre", t.values) + "\n";
    return out;
}

}  // namespace

std::vector<analysis::Lint> check_lints(const CheckContext& ctx, const search::CheckResult& r) {
    std::vector<analysis::Lint> out = ctx.lints;
    for (const auto& name : r.unknown_nodes) {
        auto same = [&](const analysis::Lint& l) {
            return l.kind == analysis::LintKind::LOCATION && l.name == name;
        };
        if (std::none_of(out.begin(), out.end(), same)) out.push_back(analysis::unknown_node_lint(name));
    }
    if (r.vacuous) out.push_back(analysis::vacuous_lint());
    return out;
}

std::string lint_where(const analysis::Lint& lint, const SourceFiles* sources) {
    if (!sources || !lint.loc.known() || lint.loc.file >= sources->size()) return {};
    return sources->path(lint.loc.file) + ":" + std::to_string(lint.loc.line) + ":" +
           std::to_string(lint.loc.col);
}

std::string lint_line(const analysis::Lint& lint, const SourceFiles* sources) {
    std::string where = lint_where(lint, sources);
    return "[" + lint.key() + "] " + (where.empty() ? "" : where + ": ") + lint.message;
}

const char* oracle_name(sim::OracleKind o) { return o == sim::OracleKind::MOLLY ? "molly" : "implies"; }

std::string check_text(const CheckContext& ctx, const search::CheckResult& r) {
    std::string out = "check " + config_line(ctx) + "\n";
    out += "verdict: " + std::string(search::to_string(r.outcome)) + " after " +
           count(r.runs.size(), "execution");
    if (r.engine == search::Strategy::LDFI) {
        out += " (" + count(r.rounds, "round") + ", " + count(r.solver_calls, "solver call") + ", " +
               count(r.evaluations, "fault set") + " evaluated)";
    }
    out += "\n" + engine_text(r);
    if (!r.unknown_reason.empty()) out += "reason: " + r.unknown_reason + "\n";
    if (r.vacuous) {
        out += r.engine == search::Strategy::SYMBOLIC
                   ? "warning: no `pre` tuple holds in any run within the bounds: the invariant is vacuous\n"
                   : "warning: no `pre` tuple held in any run explored: the invariant is vacuous\n";
    }
    for (const auto& lint : check_lints(ctx, r)) {
        if (lint.kind != analysis::LintKind::VACUOUS)
            out += "warning: " + lint_line(lint, ctx.sources) + "\n";
    }
    out += untargeted_text(r);
    std::size_t shown =
        ctx.options.all ? r.counterexamples.size() : std::min<std::size_t>(1, r.counterexamples.size());
    for (std::size_t i = 0; i < shown; ++i) out += counterexample_text(ctx, r.counterexamples[i], i + 1);
    if (ctx.timing) {
        out += "time: simulate " + milliseconds(r.times.simulate) + ", lineage " +
               milliseconds(r.times.lineage) + ", ground " + milliseconds(r.times.ground) + ", solve " +
               milliseconds(r.times.solve) + ", total " + milliseconds(r.times.total) + "\n";
    }
    return out;
}

std::string check_json(const CheckContext& ctx, const search::CheckResult& r) {
    const auto& b = ctx.model.bounds();
    ordered_json doc;
    doc["schema"] = 1;
    doc["tool"] = "ldfi";
    doc["version"] = version();
    doc["verdict"] = search::to_string(r.outcome);
    doc["executions"] = r.runs.size();
    doc["config"] = {{"files", ctx.files},
                     {"nodes", ctx.model.nodes()},
                     {"eot", b.eot},
                     {"eff", b.eff},
                     {"crashes", b.max_crashes},
                     {"oracle", oracle_name(ctx.options.oracle)},
                     {"strategy", search::to_string(ctx.options.strategy)},
                     {"all", ctx.options.all},
                     {"max_runs", ctx.options.max_runs},
                     {"seed", ctx.options.seed}};
    ordered_json ces = ordered_json::array();
    for (const auto& ce : r.counterexamples) {
        ordered_json missing = ordered_json::array();
        for (const auto& t : ce.verdict.missing) missing.push_back(tuple_json(t));
        ces.push_back({{"faults", faults_json(ctx.model, ce.faults)},
                       {"summary", ce.faults.empty() ? std::string("none") : ctx.model.format(ce.faults)},
                       {"missing", missing},
                       {"run", ce.run_index}});
    }
    doc["counterexamples"] = ces;
    ordered_json runs = ordered_json::array();
    for (std::size_t i = 0; i < r.runs.size(); ++i) {
        const auto& run = r.runs[i];
        runs.push_back({{"index", i},
                        {"round", run.round},
                        {"faults", faults_json(ctx.model, run.faults)},
                        {"violated", run.verdict.violated},
                        {"pre_count", run.verdict.pre_count}});
    }
    doc["runs"] = runs;
    ordered_json goals = ordered_json::array();
    for (const auto& g : r.goals) goals.push_back(tuple_json(g.values));
    doc["goals"] = goals;
    doc["rounds"] = r.rounds;
    doc["solver_calls"] = r.solver_calls;
    doc["evaluations"] = r.evaluations;
    doc["hypotheses"] = r.hypotheses;
    doc["vacuous"] = r.vacuous;
    ordered_json warnings = ordered_json::array();
    for (const auto& lint : check_lints(ctx, r)) {
        ordered_json w = {{"key", lint.key()},       {"kind", analysis::to_string(lint.kind)},
                          {"name", lint.name},       {"gates", lint.gates()},
                          {"message", lint.message}, {"file", nullptr},
                          {"line", nullptr},         {"column", nullptr}};
        if (ctx.sources && lint.loc.known() && lint.loc.file < ctx.sources->size()) {
            w["file"] = ctx.sources->path(lint.loc.file);
            w["line"] = lint.loc.line;
            w["column"] = lint.loc.col;
        }
        warnings.push_back(std::move(w));
    }
    doc["warnings"] = warnings;
    doc["engine"] = search::to_string(r.engine);
    doc["fallback_reason"] =
        r.fallback_reason.empty() ? ordered_json(nullptr) : ordered_json(r.fallback_reason);
    if (r.grounding) {
        doc["grounding"] = {{"atoms", r.grounding->atoms},
                            {"rule_instances", r.grounding->instances},
                            {"certain_atoms", r.grounding->certain},
                            {"z3_variables", r.grounding->variables},
                            {"z3_constraints", r.grounding->constraints}};
    } else {
        doc["grounding"] = nullptr;
    }
    doc["fault_sets"] = r.fault_sets;
    ordered_json untargeted = ordered_json::array();
    for (const auto& t : r.untargeted_pre) untargeted.push_back(tuple_json(t.values));
    doc["untargeted_pre"] = untargeted;
    doc["unknown_reason"] = r.unknown_reason.empty() ? ordered_json(nullptr) : ordered_json(r.unknown_reason);
    if (ctx.timing) {
        doc["timing"] = {{"simulate_seconds", r.times.simulate},
                         {"lineage_seconds", r.times.lineage},
                         {"solve_seconds", r.times.solve},
                         {"ground_seconds", r.times.ground},
                         {"total_seconds", r.times.total}};
    }
    return doc.dump(2) + "\n";
}

}  // namespace ldfi::viz
