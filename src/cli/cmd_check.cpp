// `ldfi check`: search for a fault set within the bounds that breaks the invariant.
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "ldfi/search/check.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/viz/check_output.hpp"
#include "ldfi/viz/junit.hpp"
#include "ldfi/viz/progress.hpp"
#include "report.hpp"

namespace ldfi::cli {

namespace {

struct CheckCommandOptions {
    std::vector<std::string> specs;
    BoundsOptions bounds;
    std::string oracle = "implies";
    std::string strategy = "auto";
    search::CheckOptions search;
    std::string format = "text";
    bool no_timing = false;
    bool strict = false;
    std::string lineage_dir;
    std::optional<std::uint64_t> max_memory_mb;
    std::string junit_file;
    std::string report_dir;
};

// run-N.lineage.json and run-N.lineage.dot for every run whose lineage the search learned.
void write_lineage(const std::string& dir, const analysis::CheckedProgram& program,
                   const sim::FaultModel& model, const search::CheckResult& result) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw InputError("cannot create " + dir + ": " + ec.message());
    for (std::size_t i = 0; i < result.runs.size(); ++i) {
        const auto& lineage = result.runs[i].lineage;
        if (!lineage) continue;
        std::filesystem::path base = std::filesystem::path(dir) / ("run-" + std::to_string(i) + ".lineage");
        write_file(base.string() + ".json", lineage->to_json(program, model) + "\n");
        write_file(base.string() + ".dot", lineage->to_dot(program, model));
    }
}

// --strict: the lints that make a check pass by mistake are errors (exit 2), after the output.
void fail_on_gate_lints(const std::vector<analysis::Lint>& lints, const SourceFiles& files) {
    std::string lines;
    std::size_t n = 0;
    for (const auto& lint : lints) {
        if (!lint.gates()) continue;
        lines += "  " + viz::lint_line(lint, &files) + "\n";
        ++n;
    }
    if (n == 0) return;
    throw InputError("--strict: " + std::to_string(n) + (n == 1 ? " warning" : " warnings") +
                     " that could make this check pass by mistake:\n" + lines.substr(0, lines.size() - 1));
}

int check_command(CheckCommandOptions& opts) {
    check_output_path(opts.junit_file, false, "--junit");
    check_output_path(opts.report_dir, true, "--report");
    check_output_path(opts.lineage_dir, true, "--lineage");
    apply_memory_limit(opts.max_memory_mb);
    LoadedSpec spec = load_spec(opts.specs);
    // Without --eff, omissions are allowed at every send time before EOT.
    sim::FaultModel model = opts.bounds.model(opts.bounds.eot);
    opts.search.oracle = opts.oracle == "molly" ? sim::OracleKind::MOLLY : sim::OracleKind::IMPLIES;
    opts.search.strategy = search::parse_strategy(opts.strategy).value_or(search::Strategy::AUTO);
    if (opts.search.jobs == 0) throw InputError("--jobs must be at least 1");
    check_timeout(opts.search.timeout_seconds);
    viz::ProgressLine progress(std::cerr, stderr_is_terminal() && !quiet());
    opts.search.on_progress = [&progress](const search::Progress& p) {
        if (progress.due()) progress.update("ldfi check: " + viz::check_progress_text(p));
    };
    opts.search.keep_runs = opts.search.keep_runs || !opts.report_dir.empty();  // the report draws them
    // The resource guard's clock too, so that one simulation or grounding cannot run past it.
    opts.search.guard_deadline = true;
    search::CheckResult result = search::check(spec.program, model, opts.search);
    progress.clear();
    opts.search.on_progress = nullptr;
    if (!opts.lineage_dir.empty()) write_lineage(opts.lineage_dir, *spec.program, model, result);
    viz::CheckContext ctx{*spec.program, model,           opts.specs,
                          opts.search,   !opts.no_timing, analysis::lint(*spec.program, model.nodes()),
                          &spec.files};
    std::cout << (opts.format == "json" ? viz::check_json(ctx, result) : viz::check_text(ctx, result));
    if (!opts.report_dir.empty()) write_report(opts.report_dir, spec, ctx, result);
    if (!opts.junit_file.empty()) {
        viz::JunitSuite suite{"ldfi check", result.times.total, {viz::check_junit_case(ctx, result)}};
        write_file(opts.junit_file, viz::junit_xml(suite, !opts.no_timing));
    }
    if (!result.untargeted_pre.empty() && opts.strict) {
        throw InputError(
            "--strict: certified by the lineage loop, which did not target every `pre` tuple "
            "that may hold under faults (--strategy symbolic covers them)");
    }
    if (opts.strict) fail_on_gate_lints(viz::check_lints(ctx, result), spec.files);
    switch (result.outcome) {
        case search::Outcome::CERTIFIED:
            return EXIT_OK;
        case search::Outcome::COUNTEREXAMPLE:
            return EXIT_VIOLATION;
        case search::Outcome::UNKNOWN:
            return EXIT_UNKNOWN;
    }
    return EXIT_INTERNAL;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<CheckCommandOptions>();
    CLI::App* cmd =
        app.add_subcommand("check", "search for faults that break the invariant, or certify the bound");
    cmd->add_option("spec", opts->specs, "Dedalus spec files, read as one program")->required();
    opts->bounds.add_to(*cmd, true);
    cmd->add_option("--oracle", opts->oracle, "how a run is judged")
        ->check(CLI::IsMember({"implies", "molly"}))
        ->capture_default_str();
    cmd->add_option("--strategy", opts->strategy,
                    "search strategy: auto (symbolic when the program grounds within --max-ground, else "
                    "ldfi), symbolic, ldfi, random or exhaustive")
        ->check(CLI::IsMember({"auto", "symbolic", "ldfi", "random", "exhaustive"}))
        ->capture_default_str();
    cmd->add_option("--max-ground", opts->search.max_ground,
                    "the most ground rule instances the symbolic engine takes (auto falls back to ldfi "
                    "beyond it; symbolic stops with exit 3)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_flag("--all", opts->search.all, "collect every minimal counterexample, not only the first");
    cmd->add_option("-j,--jobs", opts->search.jobs,
                    "runs simulated in parallel by --strategy random and exhaustive (ldfi chooses each "
                    "hypothesis from the lineage of the runs before it, so runs one at a time)")
        ->capture_default_str();
    cmd->add_option("--max-runs", opts->search.max_runs, "stop after this many executions (verdict unknown)")
        ->check(non_negative());
    cmd->add_option("--timeout", opts->search.timeout_seconds,
                    "stop after this many seconds (verdict unknown)");
    cmd->add_option("--seed", opts->search.seed, "seed of --strategy random")
        ->capture_default_str()
        ->check(non_negative());
    cmd->add_option("--dump-smt", opts->search.dump_smt_dir,
                    "write every solver query as SMT-LIB 2 into DIR");
    cmd->add_option("--max-tuples", opts->search.max_tuples, "stop (exit 3) when one run holds more tuples")
        ->capture_default_str()
        ->check(non_negative());
    add_work_option(*cmd, opts->search.max_work);
    add_memory_option(*cmd, opts->max_memory_mb);
    cmd->add_option("--format", opts->format, "output format")->check(CLI::IsMember({"text", "json"}));
    cmd->add_flag("--no-timing", opts->no_timing, "leave the timing line out (for byte-identical output)");
    cmd->add_flag("--strict", opts->strict,
                  "treat the warnings that make a check pass by mistake (a vacuous invariant, a relation "
                  "never defined, a location outside --nodes) as errors, exit 2");
    cmd->add_option("--junit", opts->junit_file, "also write the verdict as JUnit XML into FILE");
    cmd->add_option("--report", opts->report_dir,
                    "write an HTML report with runs.json and counterexample-N.json into DIR");
    cmd->add_option(
        "--lineage", opts->lineage_dir,
        "write the lineage the lineage loop learned from each run into DIR (run-N.lineage.json and "
        ".dot; the symbolic engine learns none)");
    cmd->callback([opts, &exit_code] {
        const BoundsOptions& b = opts->bounds;
        std::string name =
            viz::check_case_name(opts->specs, b.nodes, b.eot, b.eff.value_or(b.eot), b.crashes,
                                 opts->oracle == "molly" ? sim::OracleKind::MOLLY : sim::OracleKind::IMPLIES);
        exit_code = with_junit_on_error(opts->junit_file, {"ldfi check", "ldfi.check", name}, [&] {
            return with_json_error(opts->format == "json", [&] { return check_command(*opts); });
        });
    });
}

}  // namespace ldfi::cli
