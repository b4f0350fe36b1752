// `ldfi run`: one simulation under exactly the faults the user names.
#include <iostream>

#include "cli.hpp"
#include "ldfi/sim/oracle.hpp"
#include "ldfi/sim/run.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/memory.hpp"
#include "ldfi/viz/run_output.hpp"

namespace ldfi::cli {

namespace {

struct RunOptions {
    std::vector<std::string> specs;
    BoundsOptions bounds;
    FaultOptions faults;
    std::string format = "text";
    std::vector<std::string> show;
    std::uint64_t max_tuples = sim::RunOptions{}.max_tuples;
    std::uint64_t max_work = 0;
    std::optional<std::uint64_t> max_memory_mb;
    double timeout_seconds = 0;
};

void check_show(const RunOptions& opts, const analysis::CheckedProgram& program) {
    for (const std::string& name : opts.show) {
        if (!program.find(name).valid()) throw InputError("--show: the spec has no relation '" + name + "'");
    }
}

int run_command(const RunOptions& opts) {
    apply_memory_limit(opts.max_memory_mb);
    check_timeout(opts.timeout_seconds);
    LoadedSpec spec = load_spec(opts.specs);
    check_show(opts, *spec.program);
    auto [run_model, faults] = opts.faults.parse(opts.bounds);
    set_time_limit(opts.timeout_seconds);  // the simulation's budget: parsing is not counted
    return simulate_and_print(
        spec, run_model, faults,
        {opts.format, opts.show, sim::OracleKind::IMPLIES, opts.max_tuples, opts.max_work});
}

}  // namespace

int simulate_and_print(const LoadedSpec& spec, const sim::FaultModel& model, const sim::FailureSpec& faults,
                       const PrintRunOptions& print) {
    sim::Simulator simulator(
        spec.program, model,
        sim::RunOptions{.provenance = false, .max_tuples = print.max_tuples, .max_probes = print.max_work});
    sim::Run run = simulator.run(faults);
    // The molly oracle compares with the fault-free run.
    std::optional<sim::Run> fault_free;
    if (print.oracle == sim::OracleKind::MOLLY) fault_free = simulator.run(sim::FailureSpec{});
    sim::Verdict verdict = sim::judge(*spec.program, run, print.oracle, fault_free ? &*fault_free : nullptr);
    viz::RunContext ctx{*spec.program, model, spec.paths, print.show};
    std::cout << (print.format == "json" ? viz::run_json(ctx, run, verdict)
                                         : viz::run_text(ctx, run, verdict));
    return verdict.violated ? EXIT_VIOLATION : EXIT_OK;
}

void add_run_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<RunOptions>();
    CLI::App* cmd = app.add_subcommand("run", "simulate a spec once, under exactly the faults given");
    cmd->add_option("spec", opts->specs, "Dedalus spec files, read as one program")->required();
    opts->bounds.add_to(*cmd, false);
    opts->faults.add_to(*cmd);
    cmd->add_option("--format", opts->format, "output format")->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--show", opts->show, "print only these relations (comma-separated)")->delimiter(',');
    cmd->add_option("--max-tuples", opts->max_tuples, "stop (exit 3) when the run holds more tuples")
        ->capture_default_str()
        ->check(non_negative());
    add_work_option(*cmd, opts->max_work);
    add_memory_option(*cmd, opts->max_memory_mb);
    cmd->add_option("--timeout", opts->timeout_seconds,
                    "stop (exit 3) when the simulation takes longer than this many seconds; 0: no limit");
    cmd->callback([opts, &exit_code] {
        exit_code = with_json_error(opts->format == "json", [&] { return run_command(*opts); });
    });
}

}  // namespace ldfi::cli
