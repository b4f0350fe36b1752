// `ldfi sweep`: one check per point of a grid of bounds, and the frontier along EOT per crash count.
#include <iostream>

#include "batch_check.hpp"
#include "cli.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/interrupt.hpp"
#include "ldfi/viz/check_output.hpp"
#include "shard.hpp"
#include "sweep_files.hpp"

namespace ldfi::cli {

namespace {

struct SweepOptions {
    std::vector<std::string> inputs;  ///< spec files; with --merge, sweep JSON files
    std::string nodes, eot, eff = "eot", crashes = "0";
    std::string oracle = "implies", strategy = "auto";
    double timeout = 120;
    unsigned jobs = 1;
    std::string shard, format = "text", svg;
    bool no_timing = false, merge = false;
    std::optional<std::uint64_t> max_memory_mb;
};

viz::SweepConfig sweep_config(const SweepOptions& o) {
    return {o.inputs, split_nodes(o.nodes), o.eot,     o.eff,   o.crashes,
            o.oracle, o.strategy,           o.timeout, o.shard, {},
            0};
}

// Every point's bounds, checked before anything runs: an absurd one is bad input, not an error point.
std::vector<BoundsOptions> point_bounds(const viz::SweepConfig& config, const std::vector<GridPoint>& grid) {
    std::vector<BoundsOptions> bounds;
    for (const GridPoint& g : grid) {
        BoundsOptions b{config.nodes, g.eot, g.eff, g.crashes};
        try {
            (void)b.model(g.eot);
        } catch (const InputError& e) {
            throw InputError("at eot " + std::to_string(g.eot) + ", eff " + std::to_string(g.eff) +
                             ", crashes " + std::to_string(g.crashes) + ": " + e.what());
        }
        bounds.push_back(std::move(b));
    }
    return bounds;
}

SweepResult run_sweep(const SweepOptions& o) {
    if (o.nodes.empty() || o.eot.empty()) throw InputError("ldfi sweep needs --nodes and --eot (or --merge)");
    SweepResult result{sweep_config(o), {}};
    const std::vector<GridPoint> grid = config_grid(result.config);
    if (grid.empty()) throw InputError("no point of the grid has 0 <= EFF <= EOT (see --eff)");
    const std::vector<BoundsOptions> bounds = point_bounds(result.config, grid);
    std::vector<std::size_t> chosen(grid.size());
    for (std::size_t i = 0; i < grid.size(); ++i) chosen[i] = i;
    if (!o.shard.empty())
        chosen = shard_items(std::vector<std::optional<double>>(grid.size()), parse_shard(o.shard));
    const auto spec = std::make_shared<const LoadedSpec>(load_spec(o.inputs));
    const sim::OracleKind oracle = o.oracle == "molly" ? sim::OracleKind::MOLLY : sim::OracleKind::IMPLIES;
    const search::Strategy strategy = search::parse_strategy(o.strategy).value_or(search::Strategy::AUTO);
    result.points.resize(chosen.size());
    BatchProgress progress("ldfi sweep", chosen.size());
    run_parallel(chosen.size(), o.jobs, [&](std::size_t i) {
        progress.change(1, 0);
        const GridPoint& g = grid[chosen[i]];
        const std::string name = "sweep: crashes " + std::to_string(g.crashes) + ", eot " +
                                 std::to_string(g.eot) + ", eff " + std::to_string(g.eff);
        CheckSummary s = interrupt_signal() != 0 ? not_run(interrupt_reason())
                                                 : run_batch_check({name,
                                                                    [&spec] { return spec; },
                                                                    bounds[chosen[i]],
                                                                    oracle,
                                                                    strategy,
                                                                    o.timeout,
                                                                    [&progress] { progress.change(0, 0); },
                                                                    {}});
        result.points[i] = {g.crashes, g.eot,        g.eff,    g.row_eff, s.got,
                            s.engine,  s.executions, s.detail, s.seconds};
        progress.change(0, 1);
    });
    return result;
}

int sweep_command(const SweepOptions& o) {
    if (o.jobs == 0) throw InputError("--jobs must be at least 1");
    check_output_path(o.svg, false, "--svg");
    check_timeout(o.timeout);
    apply_memory_limit(o.max_memory_mb);
    const SweepResult sweep = o.merge ? merge_sweep_files(o.inputs) : run_sweep(o);
    const bool timing = !o.no_timing;
    std::cout << (o.format == "json" ? viz::sweep_json(sweep.config, sweep.points, timing)
                                     : viz::sweep_text(sweep.config, sweep.points, timing));
    if (!o.svg.empty()) write_file(o.svg, viz::sweep_svg(sweep.config, sweep.points));
    for (const auto& p : sweep.points) {
        if (p.verdict != "certified" && p.verdict != "counterexample") return EXIT_UNKNOWN;
    }
    return EXIT_OK;
}

}  // namespace

void add_sweep_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<SweepOptions>();
    CLI::App* cmd = app.add_subcommand(
        "sweep",
        "check every point of a grid of bounds and print the frontier: the highest EOT certified, the "
        "first with a counterexample");
    cmd->add_option("spec", o->inputs,
                    "Dedalus spec files, read as one program (with --merge: sweep JSON files)")
        ->required();
    std::vector<CLI::Option*> grid_options = {
        cmd->add_option("-N,--nodes", o->nodes, "the nodes, comma-separated (e.g. a,b,c)"),
        cmd->add_option("-t,--eot", o->eot, "the EOTs: N or a range A..B (e.g. 4..12)"),
        cmd->add_option("-f,--eff", o->eff, "the EFF: N, a range A..B, eot, or eot-K (K below each EOT)")
            ->capture_default_str(),
        cmd->add_option("-c,--crashes", o->crashes, "the crash bounds: N or a range A..B (e.g. 0..2)")
            ->capture_default_str(),
        cmd->add_option("--oracle", o->oracle, "how a run is judged")
            ->check(CLI::IsMember({"implies", "molly"}))
            ->capture_default_str(),
        cmd->add_option("--strategy", o->strategy, "search strategy of every point (as check --strategy)")
            ->check(CLI::IsMember({"auto", "symbolic", "ldfi", "random", "exhaustive"}))
            ->capture_default_str(),
        cmd->add_option("--timeout", o->timeout, "seconds per point before its verdict is unknown")
            ->capture_default_str(),
    };
    cmd->add_option("-j,--jobs", o->jobs, "points checked in parallel")->capture_default_str();
    add_shard_option(*cmd, o->shard, "the grid's points, round-robin in grid order");
    grid_options.push_back(cmd->get_option("--shard"));
    cmd->add_option("--format", o->format, "output format")->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--svg", o->svg, "also draw the grid and its frontier as an SVG image into FILE");
    cmd->add_flag("--no-timing", o->no_timing, "leave the times out (for byte-identical output)");
    add_memory_option(*cmd, o->max_memory_mb);
    CLI::Option* merge =
        cmd->add_flag("--merge", o->merge,
                      "join the JSON of a sharded sweep's parts (the files given) into the whole "
                      "sweep's output");
    for (CLI::Option* opt : grid_options) merge->excludes(opt);
    cmd->callback([o, &exit_code] {
        exit_code = with_json_error(o->format == "json", [&] { return sweep_command(*o); });
    });
}

}  // namespace ldfi::cli
