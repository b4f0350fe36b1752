// The baselines LDFI is compared with: seeded random fault injection, and exhaustive
// enumeration of every fault set within the bounds (smallest first).
#include <algorithm>
#include <random>

#include "search_context.hpp"

namespace ldfi::search {

namespace {

constexpr std::uint64_t RANDOM_DEFAULT_RUNS = 1000;

// One random fault set: each allowed omission with probability 1/4, and a uniformly chosen
// number of crashed nodes (up to the bound), each at a uniformly chosen time.
sim::FailureSpec random_faults(const sim::FaultSpace& space, std::mt19937_64& rng) {
    sim::FailureSpec spec;
    std::bernoulli_distribution omit(0.25);
    for (std::uint32_t i = space.crash_count(); i < space.size(); ++i) {
        if (omit(rng)) spec.add(space.fault(i));
    }
    const sim::FaultModel& model = space.model();
    const auto& b = model.bounds();
    if (b.max_crashes > 0 && b.eot > 1) {
        std::vector<std::uint32_t> nodes(model.nodes().size());
        for (std::uint32_t i = 0; i < nodes.size(); ++i) nodes[i] = i;
        std::shuffle(nodes.begin(), nodes.end(), rng);
        std::uniform_int_distribution<int> count(
            0, std::min<int>(b.max_crashes, static_cast<int>(nodes.size())));
        std::uniform_int_distribution<std::int32_t> time(1, b.eot - 1);
        int n = count(rng);
        for (int i = 0; i < n; ++i) spec.add(sim::Crash{NodeId(nodes[i]), time(rng)});
    }
    return spec;
}

}  // namespace

CheckResult run_random(SearchContext& ctx) {
    CheckOptions opts = ctx.options();
    std::uint64_t limit = opts.max_runs == 0 ? RANDOM_DEFAULT_RUNS : opts.max_runs;
    ctx.run_fault_free();
    if (!ctx.result().counterexamples.empty()) return ctx.finish(true);  // every superset is not minimal
    std::mt19937_64 rng(opts.seed);
    while (!ctx.should_stop() && ctx.result().runs.size() < limit) {
        if (ctx.budget_exhausted()) return ctx.finish(false);
        std::vector<sim::FailureSpec> batch;
        std::size_t want =
            std::min<std::uint64_t>(std::max(1u, opts.jobs) * 4, limit - ctx.result().runs.size());
        while (batch.size() < want) batch.push_back(random_faults(ctx.fault_space(), rng));
        ctx.run_and_record(batch, 1, nullptr);
    }
    if (!ctx.should_stop() && ctx.result().counterexamples.empty()) {
        ctx.result().unknown_reason =
            "random search: " + std::to_string(limit) + " runs without a counterexample";
    }
    return ctx.finish(false);
}

CheckResult run_exhaustive(SearchContext& ctx) {
    ctx.run_fault_free();
    if (!ctx.result().counterexamples.empty()) return ctx.finish(true);  // every superset is not minimal
    const sim::FaultSpace& space = ctx.fault_space();
    std::vector<sim::FailureSpec> found;  // minimal counterexamples so far
    std::vector<sim::FailureSpec> batch;
    bool stopped = false;
    auto flush = [&] {
        ctx.run_and_record(batch, 1, [&](const sim::FailureSpec& f, const sim::Run&, bool bad) {
            if (bad) found.push_back(f);
        });
        batch.clear();
        stopped = ctx.should_stop() || ctx.budget_exhausted();
    };
    const std::size_t batch_size = std::max(1u, ctx.options().jobs) * 8;
    for (std::size_t size = 1; size <= space.size() && !stopped; ++size) {
        space.for_each_set(size, [&](const std::vector<std::uint32_t>& set) {
            const sim::FailureSpec spec = space.spec_of(set);
            for (const auto& f : found) {
                if (spec.includes(f)) return true;  // not minimal
            }
            if (ctx.runs_left() == 0) {
                stopped = ctx.budget_exhausted();
                return false;
            }
            batch.push_back(spec);
            if (batch.size() >= std::min(batch_size, ctx.runs_left())) flush();
            return !stopped;
        });
        if (!batch.empty() && !stopped) flush();
    }
    return ctx.finish(!stopped || ctx.should_stop());
}

}  // namespace ldfi::search
