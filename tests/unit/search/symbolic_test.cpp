// The symbolic engine against exhaustive enumeration: the same verdict and the same smallest
// counterexample size on hand-written reproductions and on hundreds of random programs (negation,
// aggregates, crash reads, recursion within a step, messages); with `all`, the same minimal sets.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "ldfi/sim/ground_evaluator.hpp"
#include "ldfi/sim/run.hpp"
#include "ldfi/util/error.hpp"
#include "random_dedalus.hpp"
#include "random_protocol.hpp"
#include "search_helpers.hpp"
#include "verdict_cases.hpp"

namespace ldfi::test {
namespace {

using search::Outcome;
using search::Strategy;

std::string compare(const sim::FaultModel& m, const search::CheckResult& sym, const search::CheckResult& exh,
                    bool all);

/// Everything that differs between SYMBOLIC and EXHAUSTIVE on one spec and bound (empty: none).
std::string differences(const ProgramPtr& program, const sim::FaultModel& m, bool all,
                        sim::OracleKind oracle = sim::OracleKind::IMPLIES) {
    auto exh = run_check(program, m, {.strategy = Strategy::EXHAUSTIVE, .all = all, .oracle = oracle});
    // Z3 for every level, and the default (small levels evaluated on the grounding).
    std::string out;
    for (std::optional<std::uint64_t> budget :
         {std::optional<std::uint64_t>(0), std::optional<std::uint64_t>()}) {
        auto sym = run_check(
            program, m,
            {.strategy = Strategy::SYMBOLIC, .all = all, .oracle = oracle, .direct_budget = budget});
        std::string diff = compare(m, sym, exh, all);
        if (!diff.empty())
            out += std::string(budget ? "  (Z3 only)\n" : "  (small levels outright)\n") + diff;
    }
    return out;
}

std::string compare(const sim::FaultModel& m, const search::CheckResult& sym, const search::CheckResult& exh,
                    bool all) {
    std::string out;
    if (sym.engine != Strategy::SYMBOLIC) out += "  the symbolic engine did not decide\n";
    if (sym.outcome != exh.outcome) {
        out += std::string("  outcome: symbolic ") + search::to_string(sym.outcome) + ", exhaustive " +
               search::to_string(exh.outcome) + "\n";
    }
    if (!sym.counterexamples.empty() && !exh.counterexamples.empty() &&
        sym.counterexamples[0].faults.size() != exh.counterexamples[0].faults.size()) {
        out += "  smallest: symbolic " + m.format(sym.counterexamples[0].faults) + ", exhaustive " +
               m.format(exh.counterexamples[0].faults) + "\n";
    }
    if (all && counterexample_sets(sym) != counterexample_sets(exh)) {
        out += "  all: symbolic " + format_sets(m, counterexample_sets(sym)) + ", exhaustive " +
               format_sets(m, counterexample_sets(exh)) + "\n";
    }
    return out;
}

// ---- The reproductions of issue 15: ldfi certified these wrongly -----------------------------

struct Reproduction {
    const char* name;
    const char* text;
    std::vector<std::string> nodes;
    std::int32_t eot, eff, crashes;
    const char* counterexample;
};

const Reproduction REPRODUCTIONS[] = {
    {"AggregateGainsARowWhenAVetoIsLost",
     R"(
c("b", 1)@2; c("b", 2)@2; v("a", 2)@1;
veto("b", V)@async :- v("a", V);
m(N, max<V>) :- c(N, V), notin veto(N, V);
pre(N) :- c(N, _);
post(N) :- m(N, 1);
)",
     {"a", "b"},
     2,
     2,
     0,
     "omit a->b@1"},
    {"CountGainsARowInARunWithoutTheCrash",
     R"(
peer("b", "a")@2; peer("b", "c")@2; oksrc("c", "b")@1;
ok(B)@async :- oksrc(C, B);
live(N, count<M>) :- peer(N, M), notin crash(N, M, _);
pre(N) :- peer(N, _);
post(N) :- ok(N);
post(N) :- live(N, 1);
)",
     {"a", "b", "c"},
     2,
     2,
     1,
     "omit c->b@1"},
    {"PreThatHoldsOnlyUnderFaults",
     R"(
hbsrc("a", "b")@1;
hb(B, A)@async :- hbsrc(A, B);
watch("b", "a")@2;
pre("b", "ok")@2; post("b", "ok")@2;
pre(N, A) :- watch(N, A), notin hb(N, A);
)",
     {"a", "b"},
     2,
     2,
     0,
     "omit a->b@1"},
};

TEST(SymbolicReproductions, EveryStrategyThatCertifiesFindsTheOneFaultCounterexample) {
    for (const Reproduction& r : REPRODUCTIONS) {
        SCOPED_TRACE(r.name);
        auto program = program_from_text(r.text);
        auto m = model(r.nodes, r.eot, r.eff, r.crashes);
        for (Strategy s : {Strategy::SYMBOLIC, Strategy::AUTO, Strategy::EXHAUSTIVE}) {
            auto result = run_check(program, m, {.strategy = s});
            ASSERT_EQ(result.outcome, Outcome::COUNTEREXAMPLE) << search::to_string(s);
            EXPECT_EQ(m.format(result.counterexamples[0].faults), r.counterexample) << search::to_string(s);
        }
    }
}

// ---- Recursion within a time step -----------------------------------------------------------

// A cycle b <-> c that only the edge a -> b (sent by b as a message) reaches: losing that message
// must leave the cycle unreached (completion alone would let it support itself).
TEST(SymbolicRecursion, ACycleCannotSupportItself) {
    auto program = program_from_text(R"(
edge("b", "c")@1; edge("c", "b")@1;
edge(X, Y)@next :- edge(X, Y);
src("b", "a", "b")@1;
edge(A, B)@async :- src(S, A, B);
reach("a")@1;
reach(X)@next :- reach(X);
reach(Y) :- reach(X), edge(X, Y);
pre("c")@3;
post(X) :- reach(X);
)");
    auto m = model({"a", "b", "c"}, 3, 2, 0);
    auto result = run_check(program, m, {.strategy = Strategy::SYMBOLIC});
    ASSERT_EQ(result.outcome, Outcome::COUNTEREXAMPLE);
    EXPECT_EQ(m.format(result.counterexamples[0].faults), "omit b->a@1");
    EXPECT_EQ(differences(program, m, true), "");
}

// A reachability that holds whatever is lost: certified, and the certificate covers every set.
TEST(SymbolicRecursion, RedundantPathsAreCertified) {
    auto program = program_from_text(R"(
edge("a", "b")@1; edge("b", "c")@1; edge("a", "c")@1; edge("c", "a")@1;
edge(X, Y)@next :- edge(X, Y);
reach("a")@1;
reach(X)@next :- reach(X);
reach(Y) :- reach(X), edge(X, Y);
pre("c")@3;
post(X) :- reach(X);
)");
    auto m = model({"a", "b", "c"}, 3, 3, 1);
    auto result = run_check(program, m, {.strategy = Strategy::SYMBOLIC});
    EXPECT_EQ(result.outcome, Outcome::CERTIFIED);
    ASSERT_TRUE(result.grounding.has_value());
    EXPECT_GT(result.grounding->instances, 0u);
    EXPECT_EQ(result.fault_sets, "28672");  // 2^12 omission sets times 1 + 3 * 2 crash choices
}

// ---- Order ----------------------------------------------------------------------------------

// `--all` lists equal sizes in the fault order, both search paths
// (tests/golden/check/lib/all_in_fault_order.ded: three minimal counterexamples of two faults).
// The engine sorted its answers by FailureSpec's own order (omissions first) and listed
// {crash b@1, omit a->b@1} first, not the first in the fault order that it reports without `--all`
// (found while writing the verdict comparison, tests/support/verdict_compare.hpp).
TEST(SymbolicOrder, AllListsEqualSizesInTheFaultOrder) {
    auto program =
        checked_files({std::string(LDFI_SOURCE_DIR) + "/tests/golden/check/lib/all_in_fault_order.ded"});
    auto m = model({"a", "b"}, 3, 2, 1);
    const auto exh = run_check(program, m, {.strategy = Strategy::EXHAUSTIVE, .all = true});
    std::vector<std::string> expected;
    for (const auto& ce : exh.counterexamples) expected.push_back(m.format(ce.faults));
    ASSERT_EQ(expected, (std::vector<std::string>{"crash a@1, omit b->a@1", "crash b@1, omit a->b@1",
                                                  "omit a->b@1, omit b->a@1"}));
    for (std::optional<std::uint64_t> budget :
         {std::optional<std::uint64_t>(0), std::optional<std::uint64_t>()}) {
        const auto sym =
            run_check(program, m, {.strategy = Strategy::SYMBOLIC, .all = true, .direct_budget = budget});
        std::vector<std::string> got;
        for (const auto& ce : sym.counterexamples) got.push_back(m.format(ce.faults));
        EXPECT_EQ(got, expected) << (budget ? "Z3 only" : "small levels outright");
        const auto first = run_check(program, m, {.strategy = Strategy::SYMBOLIC, .direct_budget = budget});
        ASSERT_EQ(first.counterexamples.size(), 1u);
        EXPECT_EQ(m.format(first.counterexamples[0].faults), expected[0]);
    }
}

// ---- Limits ---------------------------------------------------------------------------------

TEST(SymbolicLimits, AutoFallsBackToLdfiBeyondMaxGround) {
    auto program = protocol("simple-deliv.ded");
    auto m = model({"a", "b", "c"}, 4, 2, 0);
    search::CheckOptions o;
    o.strategy = Strategy::AUTO;
    o.max_ground = 3;
    auto result = search::check(program, m, o);
    EXPECT_EQ(result.engine, Strategy::LDFI);
    EXPECT_NE(result.fallback_reason.find("--max-ground 3"), std::string::npos) << result.fallback_reason;
    EXPECT_EQ(result.outcome, Outcome::COUNTEREXAMPLE);
    o.strategy = Strategy::SYMBOLIC;
    EXPECT_THROW(search::check(program, m, o), ResourceError);
}

// ---- Random programs ------------------------------------------------------------------------

TEST(SymbolicRandom, AgreesWithExhaustiveOnRandomAsyncProtocols) {
    const std::uint32_t first = env_count("LDFI_SYMBOLIC_FIRST_SEED", 1);
    const std::uint32_t seeds = env_count("LDFI_SYMBOLIC_SEEDS", 160);
    std::string failures;
    int with_counterexample = 0;
    for (std::uint32_t seed = first; seed < first + seeds; ++seed) {
        RandomProtocol p = RandomProtocolGen(seed * 7919, seed % 2 == 0).build();
        auto program = program_from_text(std::string(NODES) + p.text);
        auto m = model(p.nodes, p.eot, p.eff, p.crashes);
        const auto oracle = seed % 5 == 0 ? sim::OracleKind::MOLLY : sim::OracleKind::IMPLIES;
        std::string diff = differences(program, m, seed % 3 == 0, oracle);
        if (!diff.empty()) failures += "seed " + std::to_string(seed) + ":\n" + diff + p.text + "\n";
        with_counterexample +=
            run_check(program, m, {.strategy = Strategy::EXHAUSTIVE, .oracle = oracle}).outcome ==
            Outcome::COUNTEREXAMPLE;
    }
    std::cout << "random async protocols: " << seeds << " (" << with_counterexample
              << " with a counterexample)\n";
    EXPECT_EQ(failures, "");
    if (seeds >= 40) {
        EXPECT_GT(with_counterexample, static_cast<int>(seeds / 10));
        EXPECT_LT(with_counterexample, static_cast<int>(seeds - seeds / 10));
    }
}

// The evaluator's differential generator (aggregates, arithmetic, recursion, clock, crash reads)
// with an invariant over two of its relations.
TEST(SymbolicRandom, AgreesWithExhaustiveOnRandomDedalusPrograms) {
    const std::uint32_t first = env_count("LDFI_SYMBOLIC_FIRST_SEED", 1);
    const std::uint32_t seeds = env_count("LDFI_SYMBOLIC_SEEDS", 160);
    std::string failures;
    int checked = 0, with_counterexample = 0, fell_back = 0;
    for (std::uint32_t seed = first; seed < first + seeds; ++seed) {
        DifferentialCase c = RandomDedalus(seed + 500'000).build();
        if (c.relations.size() < 2) continue;
        auto m = model(c.nodes, std::min(c.eot, 4), 2, seed % 2);
        const std::string text = with_invariant(c, m, seed);
        ProgramPtr program = program_from_text(text);
        auto sym = run_check(program, m, {.strategy = Strategy::AUTO});
        if (std::getenv("LDFI_SYMBOLIC_VERBOSE")) {
            std::cout << "seed " << seed << ": " << search::to_string(sym.outcome) << " "
                      << sym.fallback_reason << "\n"
                      << text << "\n";
        }
        if (sym.engine != Strategy::SYMBOLIC) {
            ++fell_back;
            continue;
        }
        ++checked;
        std::string diff = differences(program, m, seed % 4 == 0);
        if (!diff.empty()) failures += "seed " + std::to_string(seed) + ":\n" + diff + text + "\n";
        with_counterexample += sym.outcome == Outcome::COUNTEREXAMPLE;
    }
    std::cout << "random Dedalus programs: " << checked << " compared (" << with_counterexample
              << " with a counterexample), " << fell_back << " not encodable\n";
    EXPECT_EQ(failures, "");
    EXPECT_GT(checked, static_cast<int>(seeds) / 2);
}

}  // namespace
}  // namespace ldfi::test

namespace ldfi::test {
namespace {

// The grounded program evaluated directly agrees with the simulator, fault set by fault set.
TEST(SymbolicGrounding, EvaluatingTheGroundingMatchesTheSimulator) {
    int compared = 0;
    for (std::uint32_t seed = 1; seed <= 150; ++seed) {
        RandomProtocol p = RandomProtocolGen(seed * 104729, seed % 2 == 1).build();
        auto program = program_from_text(std::string(NODES) + p.text);
        auto m = model(p.nodes, p.eot, p.eff, p.crashes);
        sim::FaultSpace space(m);
        sim::GroundingResult g = sim::ground(*program, space, {});
        ASSERT_TRUE(g.grounding.has_value()) << g.refusal;
        sim::GroundEvaluator evaluator(*program, *g.grounding, space, {});
        sim::Simulator simulator(program, m, sim::RunOptions{.provenance = false});
        std::mt19937 rng(seed);
        for (std::size_t size = 0; size <= 3; ++size) {
            space.for_each_set(size, [&](const std::vector<std::uint32_t>& set) {
                if (rng() % 3 != 0) return true;
                const bool simulated =
                    sim::judge(*program, simulator.run(space.spec_of(set)), sim::OracleKind::IMPLIES)
                        .violated;
                EXPECT_EQ(evaluator.violates(set), simulated)
                    << "seed " << seed << ": " << m.format(space.spec_of(set));
                ++compared;
                return true;
            });
        }
    }
    EXPECT_GT(compared, 1000);
}

}  // namespace
}  // namespace ldfi::test

namespace ldfi::test {
namespace {

// Every check of the protocol library that exhaustive enumeration finishes within a run budget:
// the symbolic engine reaches the same verdict with a smallest counterexample of the same size.
TEST(SymbolicManifest, AgreesWithExhaustiveWhereExhaustiveFinishes) {
    std::ifstream in(std::string(LDFI_SOURCE_DIR) + "/protocols/manifest.json");
    const nlohmann::json manifest = nlohmann::json::parse(in);
    int compared = 0;
    for (const auto& c : manifest["checks"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        auto program = protocol(c["files"][0].get<std::string>());
        auto m = model(c["nodes"].get<std::vector<std::string>>(), c["eot"].get<std::int32_t>(),
                       c["eff"].get<std::int32_t>(), c["crashes"].get<std::int32_t>());
        auto exh = run_check(program, m, {.strategy = Strategy::EXHAUSTIVE, .max_runs = 300});
        if (exh.outcome == Outcome::UNKNOWN) continue;
        auto sym = run_check(program, m, {.strategy = Strategy::SYMBOLIC});
        EXPECT_EQ(sym.outcome, exh.outcome);
        if (!sym.counterexamples.empty() && !exh.counterexamples.empty()) {
            EXPECT_EQ(sym.counterexamples[0].faults.size(), exh.counterexamples[0].faults.size());
        }
        ++compared;
    }
    std::cout << "manifest checks exhaustive finished within 300 runs: " << compared << "\n";
    EXPECT_GT(compared, 20);
}

}  // namespace
}  // namespace ldfi::test
