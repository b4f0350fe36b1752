// search::check: the broadcast family of the paper, --jobs independence, budgets, the baselines,
// the oracles, and the input errors (issue 3, parts 2 and 4).
#include <gtest/gtest.h>

#include <csignal>

#include "ldfi/util/error.hpp"
#include "ldfi/util/interrupt.hpp"
#include "ldfi/util/memory.hpp"
#include "search_helpers.hpp"

namespace ldfi::test {
namespace {

using search::Outcome;
using search::Strategy;

const std::vector<std::string> ABC{"a", "b", "c"};

sim::Omission omit(NodeId from, NodeId to, std::int32_t t) { return {from, to, t}; }
const NodeId A{0}, B{1}, C{2};

sim::FailureSpec faults(std::vector<sim::Fault> fs) {
    sim::FailureSpec s;
    for (const auto& f : fs) s.add(f);
    return s;
}

/// Checks the invariants every result must satisfy, whatever the strategy.
void expect_well_formed(const search::CheckResult& r, const ProgramPtr& program, const sim::FaultModel& m,
                        sim::OracleKind oracle = sim::OracleKind::IMPLIES) {
    ASSERT_FALSE(r.runs.empty());
    EXPECT_TRUE(r.runs[0].faults.empty()) << "runs[0] must be the fault-free run";
    EXPECT_EQ(r.runs[0].round, 0u);
    for (const auto& ce : r.counterexamples) {
        ASSERT_LT(ce.run_index, r.runs.size());
        EXPECT_EQ(r.runs[ce.run_index].faults, ce.faults);
        EXPECT_TRUE(r.runs[ce.run_index].verdict.violated);
        EXPECT_TRUE(ce.verdict.violated);
        EXPECT_FALSE(m.violation(ce.faults)) << "counterexample outside the bounds: " << m.format(ce.faults);
        EXPECT_TRUE(really_violates(program, m, ce.faults, oracle)) << m.format(ce.faults);
    }
    for (std::size_t i = 1; i < r.counterexamples.size(); ++i) {
        EXPECT_LE(r.counterexamples[i - 1].faults.size(), r.counterexamples[i].faults.size())
            << "counterexamples must be smallest first";
    }
    EXPECT_EQ(r.outcome == Outcome::COUNTEREXAMPLE, !r.counterexamples.empty());
    EXPECT_EQ(r.outcome == Outcome::UNKNOWN, !r.unknown_reason.empty()) << r.unknown_reason;
}

/// Everything a result reports except wall-clock times.
void expect_same_result(const search::CheckResult& a, const search::CheckResult& b,
                        const sim::FaultModel& m) {
    EXPECT_EQ(a.outcome, b.outcome);
    EXPECT_EQ(a.unknown_reason, b.unknown_reason);
    EXPECT_EQ(a.rounds, b.rounds);
    EXPECT_EQ(a.hypotheses, b.hypotheses);
    EXPECT_EQ(a.vacuous, b.vacuous);
    ASSERT_EQ(a.runs.size(), b.runs.size());
    for (std::size_t i = 0; i < a.runs.size(); ++i) {
        EXPECT_EQ(a.runs[i].faults, b.runs[i].faults)
            << "run " << i << ": " << m.format(a.runs[i].faults) << " vs " << m.format(b.runs[i].faults);
        EXPECT_EQ(a.runs[i].round, b.runs[i].round) << "run " << i;
        EXPECT_EQ(a.runs[i].verdict.violated, b.runs[i].verdict.violated) << "run " << i;
        EXPECT_EQ(a.runs[i].verdict.missing, b.runs[i].verdict.missing) << "run " << i;
    }
    ASSERT_EQ(a.counterexamples.size(), b.counterexamples.size());
    for (std::size_t i = 0; i < a.counterexamples.size(); ++i) {
        EXPECT_EQ(a.counterexamples[i].faults, b.counterexamples[i].faults);
        EXPECT_EQ(a.counterexamples[i].run_index, b.counterexamples[i].run_index);
    }
}

// ---- The broadcast family (protocols/) -----------------------------------------------------------

TEST(BroadcastFamily, SimpleDelivCounterexampleInTwoExecutions) {
    auto program = protocol("simple-deliv.ded");
    auto m = model(ABC, 4, 2, 0);
    auto r = run_check(program, m);
    expect_well_formed(r, program, m);
    EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
    EXPECT_LE(r.runs.size(), 2u);
    ASSERT_EQ(r.counterexamples.size(), 1u);
    // One lost broadcast to b or to c.
    auto f = r.counterexamples[0].faults;
    EXPECT_TRUE(f == faults({omit(A, B, 1)}) || f == faults({omit(A, C, 1)})) << m.format(f);
}

TEST(BroadcastFamily, RetryDelivCounterexampleInThreeExecutionsWithACrash) {
    auto program = protocol("retry-deliv.ded");
    auto m = model(ABC, 4, 2, 1);
    auto r = run_check(program, m);
    expect_well_formed(r, program, m);
    EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
    EXPECT_LE(r.runs.size(), 3u);
    ASSERT_EQ(r.counterexamples.size(), 1u);
    // A lost first broadcast, then the originator crashes at 2 before its retry.
    auto f = r.counterexamples[0].faults;
    EXPECT_TRUE(f == faults({omit(A, B, 1), sim::Crash{A, 2}}) ||
                f == faults({omit(A, C, 1), sim::Crash{A, 2}}))
        << m.format(f);
}

TEST(BroadcastFamily, RetryDelivCertifiedWithoutCrashes) {
    auto program = protocol("retry-deliv.ded");
    auto m = model(ABC, 4, 2, 0);
    auto r = run_check(program, m);
    expect_well_formed(r, program, m);
    EXPECT_EQ(r.outcome, Outcome::CERTIFIED);
    EXPECT_FALSE(r.vacuous);
}

TEST(BroadcastFamily, RedunDelivCertified_8_6_1) {
    auto program = protocol("redun-deliv.ded");
    auto m = model(ABC, 8, 6, 1);
    auto r = run_check(program, m);
    expect_well_formed(r, program, m);
    EXPECT_EQ(r.outcome, Outcome::CERTIFIED);
    EXPECT_FALSE(r.vacuous);
}

TEST(BroadcastFamily, RedunDelivCertified_11_10_1) {
    auto program = protocol("redun-deliv.ded");
    auto m = model(ABC, 11, 10, 1);
    auto r = run_check(program, m);
    expect_well_formed(r, program, m);
    EXPECT_EQ(r.outcome, Outcome::CERTIFIED);
    EXPECT_LT(r.times.total, 10.0) << "redun-deliv 11/10/1 is slow; tell the lead";
}

// ---- --jobs does not change the result -----------------------------------------------------------

struct JobsCase {
    const char* file;
    std::int32_t eot, eff, crashes;
    Strategy strategy;
    bool all;
};

TEST(Jobs, OneAndTwoJobsGiveIdenticalResults) {
    const JobsCase cases[] = {
        {"simple-deliv.ded", 4, 2, 0, Strategy::LDFI, false},
        {"simple-deliv.ded", 4, 2, 0, Strategy::LDFI, true},
        {"retry-deliv.ded", 4, 2, 1, Strategy::LDFI, false},
        {"retry-deliv.ded", 4, 2, 1, Strategy::LDFI, true},
        {"retry-deliv.ded", 4, 2, 0, Strategy::LDFI, false},
        {"redun-deliv.ded", 8, 6, 1, Strategy::LDFI, false},
        {"redun-deliv.ded", 11, 10, 1, Strategy::LDFI, false},
        {"ack-deliv.ded", 4, 2, 1, Strategy::LDFI, true},
        {"classic-deliv.ded", 5, 2, 0, Strategy::LDFI, true},
        {"retry-deliv.ded", 4, 2, 1, Strategy::EXHAUSTIVE, false},
        {"retry-deliv.ded", 4, 2, 1, Strategy::EXHAUSTIVE, true},
        {"retry-deliv.ded", 4, 4, 0, Strategy::RANDOM, false},
        {"redun-deliv.ded", 5, 4, 1, Strategy::RANDOM, false},
    };
    for (const JobsCase& c : cases) {
        SCOPED_TRACE(std::string(c.file) + " " + std::to_string(c.eot) + "/" + std::to_string(c.eff) + "/" +
                     std::to_string(c.crashes) + " " + search::to_string(c.strategy) +
                     (c.all ? " --all" : ""));
        auto program = protocol(c.file);
        auto m = model(ABC, c.eot, c.eff, c.crashes);
        CheckArgs args{
            .strategy = c.strategy, .all = c.all, .max_runs = c.strategy == Strategy::RANDOM ? 60u : 0u};
        args.jobs = 1;
        auto one = run_check(program, m, args);
        args.jobs = 2;
        auto two = run_check(program, m, args);
        expect_well_formed(one, program, m);
        expect_same_result(one, two, m);
    }
}

// ---- Budgets ------------------------------------------------------------------------------------

TEST(Budget, MaxRunsGivesUnknownWithReason) {
    auto program = protocol("redun-deliv.ded");
    auto m = model(ABC, 8, 6, 1);
    auto r = run_check(program, m, {.max_runs = 3});
    expect_well_formed(r, program, m);
    EXPECT_EQ(r.outcome, Outcome::UNKNOWN);
    EXPECT_EQ(r.unknown_reason, "max-runs 3 reached");
    EXPECT_LE(r.runs.size(), 3u);
}

TEST(Budget, MaxRunsOneStopsAfterTheFaultFreeRun) {
    auto program = protocol("redun-deliv.ded");
    auto m = model(ABC, 8, 6, 1);
    auto r = run_check(program, m, {.max_runs = 1});
    EXPECT_EQ(r.outcome, Outcome::UNKNOWN);
    EXPECT_EQ(r.unknown_reason, "max-runs 1 reached");
    EXPECT_EQ(r.runs.size(), 1u);
}

TEST(Budget, MaxRunsLargeEnoughDoesNotChangeTheVerdict) {
    auto program = protocol("redun-deliv.ded");
    auto m = model(ABC, 8, 6, 1);
    auto free = run_check(program, m);
    auto bounded = run_check(program, m, {.max_runs = free.runs.size() + 1});
    EXPECT_EQ(bounded.outcome, Outcome::CERTIFIED);
    EXPECT_TRUE(bounded.unknown_reason.empty());
}

TEST(Budget, ExhaustiveMaxRuns) {
    auto program = protocol("retry-deliv.ded");
    auto m = model(ABC, 4, 2, 0);
    auto r = run_check(program, m, {.strategy = Strategy::EXHAUSTIVE, .max_runs = 5});
    expect_well_formed(r, program, m);
    EXPECT_EQ(r.outcome, Outcome::UNKNOWN);
    EXPECT_EQ(r.unknown_reason, "max-runs 5 reached");
    EXPECT_EQ(r.runs.size(), 5u);
}

TEST(Budget, TimeoutGivesUnknownWithReason) {
    auto program = protocol("redun-deliv.ded");
    auto m = model(ABC, 11, 10, 1);
    search::CheckOptions o;
    o.timeout_seconds = 1e-9;
    auto r = search::check(program, m, o);
    EXPECT_EQ(r.outcome, Outcome::UNKNOWN);
    EXPECT_EQ(r.unknown_reason.rfind("timeout ", 0), 0u) << r.unknown_reason;
}

// The fault-free run's join enumerates a billion bindings and stores none (the spec of the golden
// case check/timeout_inside_simulation), so only the resource guard, armed by guard_deadline,
// stops it. The guard is armed after the check's own clock starts, so the check always finds its
// deadline passed (unknown, never a ResourceError), and disarmed when the check returns (the
// report that `ldfi check` writes next simulates again).
TEST(Budget, GuardDeadlineStopsASimulationAsUnknownAndEndsWithTheCheck) {
    auto program =
        checked_files({std::string(LDFI_SOURCE_DIR) + "/tests/golden/check/lib/join_without_storing.ded"});
    auto m = model({"a", "b"}, 3, 2, 0);
    for (int i = 0; i < 20; ++i) {
        search::CheckOptions o;
        o.timeout_seconds = 0.002;
        o.guard_deadline = true;
        auto r = search::check(program, m, o);
        EXPECT_EQ(r.outcome, Outcome::UNKNOWN);
        EXPECT_EQ(r.unknown_reason, "timeout 0.002s reached");
        EXPECT_TRUE(r.runs.empty());
        EXPECT_NO_THROW(check_resource_limits("after the check"));
    }
}

// A signal asked the process to stop (util/interrupt.hpp): every engine ends unknown, saying so.
TEST(Budget, InterruptGivesUnknownWithReason) {
    auto program = protocol("redun-deliv.ded");
    auto m = model(ABC, 11, 10, 1);
    for (Strategy s : {Strategy::AUTO, Strategy::SYMBOLIC, Strategy::LDFI, Strategy::EXHAUSTIVE}) {
        request_interrupt(SIGINT);
        search::CheckOptions o;
        o.strategy = s;
        auto r = search::check(program, m, o);
        request_interrupt(0);
        EXPECT_EQ(r.outcome, Outcome::UNKNOWN) << search::to_string(s);
        EXPECT_EQ(r.unknown_reason, "interrupted by SIGINT") << search::to_string(s);
    }
}

// ---- Random -------------------------------------------------------------------------------------

std::vector<sim::FailureSpec> fault_sequence(const search::CheckResult& r) {
    std::vector<sim::FailureSpec> out;
    for (const auto& run : r.runs) out.push_back(run.faults);
    return out;
}

TEST(Random, DeterministicPerSeed) {
    auto program = protocol("redun-deliv.ded");  // certified: the random search uses its whole budget
    auto m = model(ABC, 5, 4, 1);
    auto a = run_check(program, m, {.strategy = Strategy::RANDOM, .max_runs = 40, .seed = 7});
    auto b = run_check(program, m, {.strategy = Strategy::RANDOM, .max_runs = 40, .seed = 7});
    auto c = run_check(program, m, {.strategy = Strategy::RANDOM, .max_runs = 40, .seed = 8});
    expect_well_formed(a, program, m);
    EXPECT_EQ(a.runs.size(), 40u);
    EXPECT_EQ(fault_sequence(a), fault_sequence(b));
    EXPECT_NE(fault_sequence(a), fault_sequence(c));
    EXPECT_EQ(a.outcome, Outcome::UNKNOWN);
    EXPECT_EQ(a.unknown_reason, "random search: 40 runs without a counterexample");
    for (const auto& run : a.runs) EXPECT_FALSE(m.violation(run.faults)) << m.format(run.faults);
}

TEST(Random, FindsAnEasyCounterexample) {
    auto program = protocol("simple-deliv.ded");
    auto m = model(ABC, 4, 2, 0);
    auto r = run_check(program, m, {.strategy = Strategy::RANDOM, .max_runs = 200, .seed = 3});
    expect_well_formed(r, program, m);
    EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
}

// ---- Exhaustive ---------------------------------------------------------------------------------

TEST(Exhaustive, StopsAtTheFirstCounterexample) {
    auto program = protocol("simple-deliv.ded");
    auto m = model(ABC, 4, 2, 0);
    auto r = run_check(program, m, {.strategy = Strategy::EXHAUSTIVE});
    expect_well_formed(r, program, m);
    EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
    ASSERT_EQ(r.counterexamples.size(), 1u);
    EXPECT_EQ(r.counterexamples[0].faults.size(), 1u);
    EXPECT_EQ(r.runs.size(), r.counterexamples[0].run_index + 1);
}

TEST(Exhaustive, AllCollectsEveryMinimalCounterexample) {
    auto program = protocol("simple-deliv.ded");
    auto m = model(ABC, 4, 2, 0);
    auto r = run_check(program, m, {.strategy = Strategy::EXHAUSTIVE, .all = true});
    expect_well_formed(r, program, m);
    EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
    EXPECT_EQ(counterexample_sets(r), (SpecSet{faults({omit(A, B, 1)}), faults({omit(A, C, 1)})}));
    // 6 possible omissions; every set without a->b@1 or a->c@1 is run: 1 + 6 + 6 + 4 + 1.
    EXPECT_EQ(r.runs.size(), 18u);
    for (const auto& run : r.runs) {
        for (const auto& ce : r.counterexamples) {
            EXPECT_TRUE(run.faults == ce.faults || !is_subset(ce.faults, run.faults)) << m.format(run.faults);
        }
    }
}

TEST(Exhaustive, AllWithTwoFaultCounterexamples) {
    auto program = protocol("retry-deliv.ded");
    auto m = model(ABC, 4, 2, 1);
    auto r = run_check(program, m, {.strategy = Strategy::EXHAUSTIVE, .all = true});
    expect_well_formed(r, program, m);
    EXPECT_EQ(counterexample_sets(r), (SpecSet{faults({omit(A, B, 1), sim::Crash{A, 2}}),
                                               faults({omit(A, C, 1), sim::Crash{A, 2}})}));
}

TEST(Exhaustive, CertifiesWhenNothingBreaks) {
    auto program = protocol("retry-deliv.ded");
    auto m = model(ABC, 4, 2, 0);
    auto r = run_check(program, m, {.strategy = Strategy::EXHAUSTIVE});
    expect_well_formed(r, program, m);
    EXPECT_EQ(r.outcome, Outcome::CERTIFIED);
    EXPECT_EQ(r.runs.size(), 64u);  // every subset of the 6 omissions
}

// ---- LDFI --all ---------------------------------------------------------------------------------

TEST(LdfiAll, SimpleDelivBothOmissions) {
    auto program = protocol("simple-deliv.ded");
    auto m = model(ABC, 4, 2, 0);
    auto r = run_check(program, m, {.all = true});
    expect_well_formed(r, program, m);
    EXPECT_EQ(counterexample_sets(r), (SpecSet{faults({omit(A, B, 1)}), faults({omit(A, C, 1)})}));
}

TEST(Ldfi, RunsKeepTheirLineage) {
    auto program = protocol("redun-deliv.ded");
    auto m = model(ABC, 8, 6, 1);
    auto r = run_check(program, m);
    ASSERT_EQ(r.outcome, Outcome::CERTIFIED);
    ASSERT_GT(r.runs.size(), 1u);
    for (const auto& run : r.runs) {
        ASSERT_NE(run.lineage, nullptr) << "every non-violating LDFI run keeps the lineage learned from it";
    }
    EXPECT_NE(r.runs[0].run, nullptr) << "the fault-free run is kept";
    EXPECT_EQ(r.runs[0].lineage->goals().size(), r.goals.size());
}

// ---- Oracles ------------------------------------------------------------------------------------

// c never gets a post: with `implies` the fault-free run already violates; with `molly` only a
// post of the fault-free run that goes missing counts, so only the lost broadcast to b matters.
const char* const POST_NEVER_AT_C = R"(
bcast("a", "x")@1;
log(N, P) :- bcast(N, P);
log(N, P)@next :- log(N, P);
log(M, P)@async :- bcast(N, P), node(N, M);
pre(N, P) :- live(N), bcast(_, P)@1;
post(N, P) :- log(N, P), N != "c";
)";

TEST(Oracle, MollyDiffersFromImplies) {
    auto program = spec(POST_NEVER_AT_C);
    auto m = model(ABC, 3, 2, 0);
    for (Strategy s : {Strategy::LDFI, Strategy::EXHAUSTIVE}) {
        SCOPED_TRACE(search::to_string(s));
        auto implies = run_check(program, m, {.strategy = s});
        expect_well_formed(implies, program, m);
        EXPECT_EQ(implies.outcome, Outcome::COUNTEREXAMPLE);
        EXPECT_EQ(counterexample_sets(implies), SpecSet{sim::FailureSpec{}});
        EXPECT_EQ(implies.runs.size(), 1u);

        auto molly = run_check(program, m, {.strategy = s, .all = true, .oracle = sim::OracleKind::MOLLY});
        expect_well_formed(molly, program, m, sim::OracleKind::MOLLY);
        EXPECT_EQ(molly.outcome, Outcome::COUNTEREXAMPLE);
        EXPECT_EQ(counterexample_sets(molly), SpecSet{faults({omit(A, B, 1)})});
    }
}

// With `molly` a run is compared with the fault-free one; a pre that only faults create is no
// violation (the abort path of a commit protocol), while `implies` reports it.

TEST(Oracle, MollyIgnoresPreTuplesOnlyFaultsCreate) {
    auto program = spec(ABORT_ONLY_UNDER_FAULTS);
    auto m = model({"a", "C"}, 4, 4, 0);
    auto implies = run_check(program, m, {.strategy = Strategy::EXHAUSTIVE});
    EXPECT_EQ(implies.outcome, Outcome::COUNTEREXAMPLE);
    for (Strategy s : {Strategy::LDFI, Strategy::EXHAUSTIVE}) {
        auto molly = run_check(program, m, {.strategy = s, .oracle = sim::OracleKind::MOLLY});
        EXPECT_EQ(molly.outcome, Outcome::CERTIFIED) << search::to_string(s);
    }
}

// ---- Fault-free violations, vacuous invariants, input errors ------------------------------------

const char* const BROKEN_WITHOUT_FAULTS = R"(
bcast("a", "x")@1;
log(N, P) :- bcast(N, P);
log(N, P)@next :- log(N, P);
pre(N, P) :- live(N), bcast(_, P)@1;
post(N, P) :- log(N, P);
)";

TEST(Check, ViolationWithoutFaultsIsACounterexampleWithNoFaults) {
    auto program = spec(BROKEN_WITHOUT_FAULTS);
    auto m = model(ABC, 3, 2, 1);
    for (Strategy s : {Strategy::LDFI, Strategy::EXHAUSTIVE, Strategy::RANDOM}) {
        SCOPED_TRACE(search::to_string(s));
        auto r = run_check(program, m, {.strategy = s});
        expect_well_formed(r, program, m);
        EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
        EXPECT_EQ(r.runs.size(), 1u);
        ASSERT_EQ(r.counterexamples.size(), 1u);
        EXPECT_TRUE(r.counterexamples[0].faults.empty());
        EXPECT_EQ(r.counterexamples[0].run_index, 0u);
        // pre(b, x) and pre(c, x) have no post.
        EXPECT_EQ(r.counterexamples[0].verdict.missing.size(), 2u);
    }
}

// With --all, the empty fault set is the only minimal counterexample when the fault-free run
// violates: every other fault set is a superset of it. (Regression: both strategies went on and
// reported supersets of the empty set; exhaustive here reports every single omission.)
TEST(Check, ViolationWithoutFaultsWithAll) {
    auto m = model(ABC, 3, 2, 0);
    for (const char* text : {BROKEN_WITHOUT_FAULTS, POST_NEVER_AT_C}) {
        auto program = spec(text);
        for (Strategy s : {Strategy::LDFI, Strategy::EXHAUSTIVE}) {
            auto r = run_check(program, m, {.strategy = s, .all = true});
            EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE) << search::to_string(s);
            EXPECT_EQ(counterexample_sets(r), SpecSet{sim::FailureSpec{}})
                << search::to_string(s) << ": " << format_sets(m, counterexample_sets(r)) << "\n"
                << text;
        }
    }
}

TEST(Check, VacuousInvariant) {
    auto program = spec(R"(
bcast("a", "x")@1;
log(N, P) :- bcast(N, P);
pre(N, P) :- log(N, P), N == "z";
post(N, P) :- log(N, P);
)");
    auto m = model(ABC, 3, 2, 0);
    for (Strategy s : {Strategy::LDFI, Strategy::EXHAUSTIVE}) {
        auto r = run_check(program, m, {.strategy = s});
        EXPECT_EQ(r.outcome, Outcome::CERTIFIED) << search::to_string(s);
        EXPECT_TRUE(r.vacuous) << search::to_string(s);
    }
}

TEST(Check, SpecWithoutPreOrPostThrowsInputError) {
    const char* const texts[] = {
        "bcast(\"a\", \"x\")@1;\nlog(N, P) :- bcast(N, P);\n",
        "bcast(\"a\", \"x\")@1;\nlog(N, P) :- bcast(N, P);\npost(N, P) :- log(N, P);\n",
        "bcast(\"a\", \"x\")@1;\nlog(N, P) :- bcast(N, P);\npre(N, P) :- log(N, P);\n",
    };
    auto m = model(ABC, 3, 2, 0);
    for (const char* t : texts) {
        auto program = spec(t);
        for (Strategy s : {Strategy::LDFI, Strategy::EXHAUSTIVE, Strategy::RANDOM}) {
            EXPECT_THROW(run_check(program, m, {.strategy = s}), InputError) << search::to_string(s) << "\n"
                                                                             << t;
        }
    }
}

TEST(Check, GoalsAreThePostTuplesWithTheirPre) {
    auto program = protocol("simple-deliv.ded");
    auto m = model(ABC, 4, 2, 0);
    auto r = run_check(program, m);
    // post(N, data) for a, b, c at EOT, each with its pre.
    ASSERT_EQ(r.goals.size(), 3u);
    for (const auto& g : r.goals) {
        EXPECT_EQ(g.rel, program->post);
        EXPECT_EQ(g.time, 4);
    }
}

}  // namespace
}  // namespace ldfi::test
