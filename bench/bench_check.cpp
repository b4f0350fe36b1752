// End-to-end LDFI checks on the paper's configurations, and single runs of their protocols.
#include <benchmark/benchmark.h>

#include "bench_support.hpp"
#include "ldfi/search/check.hpp"

namespace ldfi::bench {
namespace {

struct PaperCase {
    const char* name;
    const char* file;
    std::vector<std::string> nodes;
    std::int32_t eot, eff, crashes;
};

const std::vector<PaperCase>& paper_cases() {
    static const std::vector<PaperCase> cases = {
        {"simple-deliv", "protocols/simple-deliv.ded", {"a", "b", "c"}, 4, 2, 0},
        {"retry-deliv", "protocols/retry-deliv.ded", {"a", "b", "c"}, 4, 2, 1},
        {"classic-deliv", "protocols/classic-deliv.ded", {"a", "b", "c"}, 5, 3, 0},
        {"2pc", "protocols/2pc.ded", {"a", "b", "c", "C"}, 5, 0, 1},
        {"2pc-ctp", "protocols/2pc-ctp.ded", {"a", "b", "c", "C"}, 8, 0, 1},
        {"3pc", "protocols/3pc.ded", {"a", "b", "c", "C"}, 9, 7, 1},
        {"kafka", "protocols/kafka.ded", {"a", "b", "c", "C", "Z"}, 6, 4, 1},
        {"redun-deliv", "protocols/redun-deliv.ded", {"a", "b", "c"}, 11, 10, 1},
        {"ack-deliv", "protocols/ack-deliv.ded", {"a", "b", "c"}, 8, 7, 1},
        {"paxos-synod", "protocols/paxos-synod.ded", {"a", "b", "c"}, 7, 6, 1},
        {"bully-le", "protocols/bully-le.ded", {"a", "b", "c"}, 10, 9, 1},
        {"flux", "protocols/flux.ded", {"a", "b", "c"}, 22, 21, 1},  // single runs only (unknown)
    };
    return cases;
}

void BM_Check(benchmark::State& state) {
    const PaperCase& c = paper_cases()[static_cast<std::size_t>(state.range(0))];
    state.SetLabel(c.name);
    auto program = load({c.file});
    sim::FaultModel model(c.nodes, sim::FaultBounds{c.eot, c.eff, c.crashes});
    search::CheckOptions options;
    options.timeout_seconds = 120;
    search::CheckResult last;
    for (auto _ : state) last = search::check(program, model, options);
    state.counters["executions"] = static_cast<double>(last.runs.size());
    state.counters["solver_calls"] = static_cast<double>(last.solver_calls);
    state.counters["ms_per_solver_call"] =
        last.solver_calls ? 1000.0 * last.times.solve / static_cast<double>(last.solver_calls) : 0.0;
    state.counters["ms_per_run"] = 1000.0 * last.times.simulate / static_cast<double>(last.runs.size());
    state.counters["counterexample"] = last.outcome == search::Outcome::COUNTEREXAMPLE ? 1 : 0;
}
BENCHMARK(BM_Check)->DenseRange(0, 10)->Unit(benchmark::kMillisecond);

void BM_FaultFreeRun(benchmark::State& state) {
    const PaperCase& c = paper_cases()[static_cast<std::size_t>(state.range(0))];
    state.SetLabel(c.name);
    sim::Simulator simulator(load({c.file}), sim::FaultModel(c.nodes, sim::FaultBounds{c.eot, c.eff, c.crashes}));
    for (auto _ : state) benchmark::DoNotOptimize(simulator.run(sim::FailureSpec{}).db.size());
}
BENCHMARK(BM_FaultFreeRun)->DenseRange(0, 11)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace ldfi::bench
