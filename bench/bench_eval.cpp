// Evaluator throughput: tuples derived per second on a broadcast where every node relays, and the
// time of a run whose rule sends the same few messages many times.
#include <benchmark/benchmark.h>

#include "bench_support.hpp"
#include "ldfi/sim/run.hpp"

namespace ldfi::bench {
namespace {

// Redundant broadcast over a full mesh: every node relays what it has to every other node at
// every step, so each step derives nodes * (nodes - 1) messages and the persisted logs.
std::string broadcast_spec(std::size_t nodes) {
    std::string spec;
    for (std::size_t i = 0; i < nodes; ++i) {
        for (std::size_t j = 0; j < nodes; ++j) {
            if (i != j) spec += "node(\"n" + std::to_string(i) + "\", \"n" + std::to_string(j) + "\")@1;\n";
        }
    }
    spec +=
        "bcast(\"n0\", \"data\")@1;\n"
        "node(N, M)@next :- node(N, M);\n"
        "log(N, P) :- bcast(N, P);\n"
        "log(N, P)@next :- log(N, P);\n"
        "log(M, P)@async :- log(N, P), node(N, M);\n";
    return spec;
}

void BM_BroadcastTuplesPerSecond(benchmark::State& state) {
    const auto nodes = static_cast<std::size_t>(state.range(0));
    const auto eot = static_cast<std::int32_t>(state.range(1));
    const bool provenance = state.range(2) != 0;
    sim::Simulator simulator(load_text(broadcast_spec(nodes)),
                             sim::FaultModel(node_names(nodes), sim::FaultBounds{eot, eot, 0}),
                             sim::RunOptions{.provenance = provenance});
    std::uint64_t derived = 0;
    for (auto _ : state) {
        sim::Run run = simulator.run(sim::FailureSpec{});
        derived += run.derived_tuples;
        benchmark::DoNotOptimize(run.db.size());
    }
    state.counters["tuples/s"] =
        benchmark::Counter(static_cast<double>(derived), benchmark::Counter::kIsRate);
    state.counters["tuples/run"] = static_cast<double>(derived) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_BroadcastTuplesPerSecond)
    ->ArgNames({"nodes", "eot", "provenance"})
    ->Args({10, 50, 0})
    ->Args({10, 50, 1})
    ->Unit(benchmark::kMillisecond);

// A message rule whose body is a cross product: every binding sends one of the same few
// messages, so each step routes `values`^2 * 4 sends (two senders, two peers each) and records
// only 12 messages.
std::string duplicate_sends_spec(std::size_t values) {
    return "n(\"n0\", 0)@1;\n"
           "n(\"n1\", 0)@1;\n"
           "n(N, X + 1) :- n(N, X), X < " +
           std::to_string(values - 1) +
           ";\n"
           "n(N, X)@next :- n(N, X);\n"
           "peer(\"n0\", \"n1\")@1; peer(\"n0\", \"n2\")@1; peer(\"n1\", \"n0\")@1; peer(\"n1\", \"n2\")@1;\n"
           "peer(N, M)@next :- peer(N, M);\n"
           "m(D, X % 3)@async :- n(L, X), n(L, Y), peer(L, D);\n";
}

void BM_DuplicateSends(benchmark::State& state) {
    const auto values = static_cast<std::size_t>(state.range(0));
    const auto eot = static_cast<std::int32_t>(state.range(1));
    sim::Simulator simulator(load_text(duplicate_sends_spec(values)),
                             sim::FaultModel(node_names(3), sim::FaultBounds{eot, eot, 0}),
                             sim::RunOptions{.provenance = false});
    std::uint64_t messages = 0;
    for (auto _ : state) {
        sim::Run run = simulator.run(sim::FailureSpec{});
        messages += run.messages.size();
        benchmark::DoNotOptimize(run.db.size());
    }
    state.counters["messages/run"] = static_cast<double>(messages) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_DuplicateSends)->ArgNames({"values", "eot"})->Args({300, 5})->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ldfi::bench
