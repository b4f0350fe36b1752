// `ldfi check`: search for a fault set within the bounds that breaks the invariant.
#include <iostream>

#include "cli.hpp"
#include "ldfi/search/check.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/viz/check_output.hpp"

namespace ldfi::cli {

namespace {

struct CheckCommandOptions {
    std::vector<std::string> specs;
    BoundsOptions bounds;
    std::string oracle = "implies";
    std::string strategy = "ldfi";
    search::CheckOptions search;
    std::string format = "text";
    bool no_timing = false;
    bool strict = false;
};

int check_command(CheckCommandOptions& opts) {
    LoadedSpec spec = load_spec(opts.specs);
    // Without --eff, omissions are allowed at every send time before EOT.
    sim::FaultModel model = opts.bounds.model(opts.bounds.eot);
    opts.search.oracle = opts.oracle == "molly" ? sim::OracleKind::MOLLY : sim::OracleKind::IMPLIES;
    opts.search.strategy = opts.strategy == "random"       ? search::Strategy::RANDOM
                           : opts.strategy == "exhaustive" ? search::Strategy::EXHAUSTIVE
                                                           : search::Strategy::LDFI;
    if (opts.search.jobs == 0) throw InputError("--jobs must be at least 1");
    if (opts.search.timeout_seconds < 0) throw InputError("--timeout must not be negative");
    search::CheckResult result = search::check(spec.program, model, opts.search);
    viz::CheckContext ctx{*spec.program, model, opts.specs, opts.search, !opts.no_timing};
    std::cout << (opts.format == "json" ? viz::check_json(ctx, result) : viz::check_text(ctx, result));
    if (result.vacuous && opts.strict) {
        throw InputError("--strict: the invariant is vacuous (no `pre` tuple held in any run)");
    }
    switch (result.outcome) {
        case search::Outcome::CERTIFIED: return EXIT_OK;
        case search::Outcome::COUNTEREXAMPLE: return EXIT_VIOLATION;
        case search::Outcome::UNKNOWN: return EXIT_UNKNOWN;
    }
    return EXIT_INTERNAL;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<CheckCommandOptions>();
    CLI::App* cmd = app.add_subcommand("check", "search for faults that break the invariant, or certify the bound");
    cmd->add_option("spec", opts->specs, "Dedalus spec files, read as one program")->required();
    opts->bounds.add_to(*cmd, true);
    cmd->add_option("--oracle", opts->oracle, "how a run is judged")->check(CLI::IsMember({"implies", "molly"}))
        ->capture_default_str();
    cmd->add_option("--strategy", opts->strategy, "search strategy")
        ->check(CLI::IsMember({"ldfi", "random", "exhaustive"}))
        ->capture_default_str();
    cmd->add_flag("--all", opts->search.all, "collect every minimal counterexample, not only the first");
    cmd->add_option("-j,--jobs", opts->search.jobs, "runs simulated in parallel")->capture_default_str();
    cmd->add_option("--max-runs", opts->search.max_runs, "stop after this many executions (verdict unknown)");
    cmd->add_option("--timeout", opts->search.timeout_seconds, "stop after this many seconds (verdict unknown)");
    cmd->add_option("--seed", opts->search.seed, "seed of --strategy random")->capture_default_str();
    cmd->add_option("--dump-smt", opts->search.dump_smt_dir, "write every solver query as SMT-LIB 2 into DIR");
    cmd->add_option("--max-tuples", opts->search.max_tuples, "tuples one run may hold")->capture_default_str();
    cmd->add_option("--format", opts->format, "output format")->check(CLI::IsMember({"text", "json"}));
    cmd->add_flag("--no-timing", opts->no_timing, "leave the timing line out (for byte-identical output)");
    cmd->add_flag("--strict", opts->strict, "treat a vacuous invariant as an error");
    cmd->callback([opts, &exit_code] { exit_code = check_command(*opts); });
}

}  // namespace ldfi::cli
