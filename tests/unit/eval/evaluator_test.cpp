// The evaluator on small Dedalus texts: facts, rules, joins, negation, arithmetic, aggregates,
// absolute-time atoms and location gating (dedalus.md section 3).
#include <gtest/gtest.h>

#include "eval_helpers.hpp"
#include "ldfi/util/error.hpp"

namespace ldfi::test {
namespace {

struct Fixture {
    sim::Simulator sim;
    sim::Run run;
    Fixture(const std::string& text, std::int32_t eot = 3, std::vector<std::string> nodes = {"a", "b", "c"})
        : sim(simulator(text, std::move(nodes), eot)), run(sim.run({})) {}
    Rows at(const std::string& rel, std::int32_t t) const { return rows(run, sim.program(), rel, t); }
};

TEST(Evaluator, FactsHoldOnlyAtTheirTime) {
    Fixture f("p(a, 1)@1; p(a, 2)@2; p(b, 3)@9;");
    EXPECT_EQ(f.at("p", 1), Rows{"a,1"});
    EXPECT_EQ(f.at("p", 2), Rows{"a,2"});
    EXPECT_EQ(f.at("p", 3), Rows{});
    EXPECT_EQ(f.run.derived_tuples, 0u);
}

TEST(Evaluator, DeductiveRulesAndJoins) {
    Fixture f(R"(
        edge(a, 1, 2)@1; edge(a, 2, 3)@1; edge(a, 3, 4)@1; edge(b, 1, 1)@1;
        path(N, X, Y) :- edge(N, X, Y);
        path(N, X, Z) :- path(N, X, Y), edge(N, Y, Z);
    )");
    EXPECT_EQ(f.at("path", 1), (Rows{"a,1,2", "a,1,3", "a,1,4", "a,2,3", "a,2,4", "a,3,4", "b,1,1"}));
    EXPECT_EQ(f.run.derived_tuples, 7u);
}

TEST(Evaluator, NegationOfALowerStratumWithWildcards) {
    Fixture f(R"(
        node(a, 1)@1; node(a, 2)@1; node(a, 3)@1; link(a, 1, 2)@1; link(a, 2, 2)@1;
        has_out(N, X) :- link(N, X, _);
        sink(N, X) :- node(N, X), notin has_out(N, X);
        lonely(N, X) :- node(N, X), notin link(N, _, X), notin link(N, X, _);
    )");
    EXPECT_EQ(f.at("sink", 1), Rows{"a,3"});
    EXPECT_EQ(f.at("lonely", 1), Rows{"a,3"});
}

TEST(Evaluator, ArithmeticComparisonsAndEqualityBinding) {
    Fixture f(R"(
        n(a, 7)@1; n(a, 0)@1; base(a)@1; n(a, "s")@1;
        n(N, 0 - 3) :- base(N); big(a, 9223372036854775807)@1;
        sum(N, X + 1, X * 2, X / 2, X % 3) :- n(N, X), X != 0;
        inv(N, Y) :- n(N, X), Y == 14 / X;
        ovf(N, Y) :- big(N, X), Y == X + 1;
        neg(N, X) :- n(N, X), X < 0;
        str(N, X) :- n(N, X), X > 100;
        eq(N, X) :- n(N, X), X == "s";
    )");
    EXPECT_EQ(f.at("sum", 1), (Rows{"a,-2,-6,-1,0", "a,8,14,3,1"}));
    EXPECT_EQ(f.at("inv", 1), (Rows{"a,-4", "a,2"}));
    EXPECT_EQ(f.at("ovf", 1), Rows{});
    EXPECT_EQ(f.at("neg", 1), Rows{"a,-3"});
    EXPECT_EQ(f.at("str", 1), Rows{"a,s"});  // integers before strings
    EXPECT_EQ(f.at("eq", 1), Rows{"a,s"});
}

TEST(Evaluator, EveryAggregateOverDistinctValues) {
    Fixture f(R"(
        v(a, x, 4)@1; v(a, y, 4)@1; v(a, z, 10)@1; v(a, w, "s")@1; base(b)@1;
        v(N, x, 0 - 1) :- base(N); w(c, "t")@1;
        val(N, V) :- v(N, _, V);
        cnt(N, count<V>) :- v(N, _, V);
        total(N, sum<V>) :- v(N, _, V);
        lo(N, min<V>) :- v(N, _, V);
        hi(N, max<V>) :- v(N, _, V);
        mean(N, avg<V>) :- v(N, _, V);
        only_str(N, min<V>) :- w(N, V);
        str_count(N, count<V>) :- w(N, V);
    )");
    EXPECT_EQ(f.at("cnt", 1), (Rows{"a,3", "b,1"}));
    EXPECT_EQ(f.at("total", 1), (Rows{"a,14", "b,-1"}));
    EXPECT_EQ(f.at("lo", 1), (Rows{"a,4", "b,-1"}));
    EXPECT_EQ(f.at("hi", 1), (Rows{"a,10", "b,-1"}));
    EXPECT_EQ(f.at("mean", 1), (Rows{"a,7", "b,-1"}));
    EXPECT_EQ(f.at("only_str", 1), Rows{});
    EXPECT_EQ(f.at("str_count", 1), Rows{"c,1"});
    EXPECT_EQ(f.at("cnt", 2), Rows{});
}

TEST(Evaluator, NextPersistsState) {
    Fixture f(R"(
        s(a, 1)@1;
        s(N, X)@next :- s(N, X);
        s(N, X + 1)@next :- s(N, X), X < 2;
    )",
              4);
    EXPECT_EQ(f.at("s", 1), Rows{"a,1"});
    EXPECT_EQ(f.at("s", 2), (Rows{"a,1", "a,2"}));
    EXPECT_EQ(f.at("s", 4), (Rows{"a,1", "a,2"}));
}

TEST(Evaluator, AbsoluteTimeAtoms) {
    Fixture f(R"(
        p(a, 1)@1; p(a, 3)@3; q(a, 5)@5;
        past(N, X) :- tick(N), p(N, X)@1;
        future(N, X) :- tick(N), p(N, X)@3;
        derived_later(N, X) :- tick(N), r(N, X)@3;
        r(N, X) :- p(N, X);
        tick(a)@1; tick(a)@2; tick(a)@3; tick(a)@4;
        beyond(N, X) :- tick(N), q(N, X)@5;
        gone(N) :- tick(N), notin p(N, _)@1;
    )",
              4);
    EXPECT_EQ(f.at("past", 2), Rows{"a,1"});
    EXPECT_EQ(f.at("future", 1), Rows{"a,3"});    // k > t: the facts given for k
    EXPECT_EQ(f.at("derived_later", 1), Rows{});  // not derived yet at t = 1
    EXPECT_EQ(f.at("derived_later", 4), Rows{"a,3"});
    EXPECT_EQ(f.at("beyond", 1), Rows{});  // facts beyond EOT never matter
    EXPECT_EQ(f.at("gone", 1), Rows{});
}

// Regression: at t == k, `r(..)@k` reads the current step, including what the same stratum
// derives in this step (it used to see only the tuples present before the stratum ran).
TEST(Evaluator, AbsoluteTimeAtomAtTheCurrentStepSeesItsStratum) {
    Fixture f(R"(
        p(a, 3)@3; tick(a)@1; tick(a)@2; tick(a)@3; tick(a)@4;
        same(N, X) :- tick(N), r(N, X)@3;
        r(N, X) :- p(N, X);
        r(N, X)@next :- r(N, X);
    )",
              4);
    EXPECT_EQ(f.at("same", 2), Rows{});
    EXPECT_EQ(f.at("same", 3), Rows{"a,3"});
    EXPECT_EQ(f.at("same", 4), Rows{"a,3"});
}

TEST(Evaluator, LocationGatingAndWildcardLocation) {
    Fixture f(R"(
        p(a, 1)@1; p(z, 2)@1; p(3, 3)@1;
        here(L, X) :- p(L, X);
        anywhere(L, X) :- p(_, X), p(L, X);
    )",
              1, {"a", "b"});
    EXPECT_EQ(f.at("here", 1), Rows{"a,1"});
    EXPECT_EQ(f.at("anywhere", 1), (Rows{"3,3", "a,1", "z,2"}));
}

TEST(Evaluator, IdenticalInputsGiveIdenticalRuns) {
    auto sim = simulator(R"(
        e(a, 1, 2)@1; e(a, 2, 3)@1; e(a, 3, 1)@1;
        t(N, X, Y) :- e(N, X, Y);
        t(N, X, Z) :- t(N, X, Y), t(N, Y, Z);
        t(N, X, Y)@next :- t(N, X, Y);
    )",
                         {"a"}, 3);
    auto r1 = sim.run({});
    auto r2 = sim.run({});
    ASSERT_EQ(r1.db.size(), r2.db.size());
    for (std::uint32_t i = 0; i < r1.db.size(); ++i) {
        eval::TupleId t{i};
        EXPECT_EQ(r1.db.rel(t), r2.db.rel(t));
        EXPECT_TRUE(std::ranges::equal(r1.db.values(t), r2.db.values(t)));
    }
    ASSERT_EQ(r1.firings.size(), r2.firings.size());
    for (std::size_t i = 0; i < r1.firings.size(); ++i) EXPECT_EQ(r1.firings[i].body, r2.firings[i].body);
}

TEST(Evaluator, TupleLimitThrows) {
    sim::RunOptions options;
    options.max_tuples = 20;
    auto sim = simulator(R"(
        n(a, 0)@1;
        n(N, X + 1) :- n(N, X), X < 1000;
    )",
                         {"a"}, 2, options);
    EXPECT_THROW((void)sim.run({}), ResourceError);
}

// Expects run() to end with the ResourceError of the join work limit `limit`.
void expect_join_limit(const sim::Simulator& sim, std::uint64_t limit) {
    try {
        (void)sim.run({});
        ADD_FAILURE() << "no ResourceError after the join work limit";
    } catch (const ResourceError& e) {
        EXPECT_EQ(e.what(), "join work limit of " + std::to_string(limit) +
                                " reached at time 1; raise --max-work to allow more");
    }
}

// n holds 201 values, so the body enumerates 201^3 = 8 million bindings: seconds of work that the
// default tuple limit (10 million) does not stop in time.
TEST(Evaluator, JoinWorkLimitStopsALargeJoin) {
    sim::RunOptions options;
    options.max_probes = 100'000;
    auto sim = simulator(R"(
        n(a, 0)@1;
        n(N, X + 1) :- n(N, X), X < 200;
        triple(N, X, Y, Z) :- n(N, X), n(N, Y), n(N, Z);
    )",
                         {"a"}, 1, options);
    expect_join_limit(sim, 100'000);
}

// The same join deriving nothing: the tuple limit never sees it (what the fuzzer found).
TEST(Evaluator, JoinWorkLimitStopsAJoinThatStoresNothing) {
    sim::RunOptions options;
    options.max_tuples = 1'000;
    options.max_probes = 100'000;
    auto sim = simulator(R"(
        n(a, 0)@1;
        n(N, X + 1) :- n(N, X), X < 200;
        none(N) :- n(N, X), n(N, Y), n(N, Z), X + Y + Z < 0;
    )",
                         {"a"}, 1, options);
    expect_join_limit(sim, 100'000);
}

// A small program under a small budget: the same tuples and firings as without one, in every run
// (the count starts again with each run).
TEST(Evaluator, JoinWorkLimitLeavesSmallRunsAlone) {
    const std::string text = R"(
        edge(a, 1, 2)@1; edge(a, 2, 3)@1; edge(a, 3, 4)@1; edge(b, 1, 1)@1;
        path(N, X, Y) :- edge(N, X, Y);
        path(N, X, Z) :- path(N, X, Y), edge(N, Y, Z);
        edge(N, X, Y)@next :- edge(N, X, Y);
        none(N) :- path(N, X, _), notin edge(N, X, _);
    )";
    sim::RunOptions options;
    options.max_probes = 1'000;
    auto unlimited = simulator(text, {"a", "b", "c"}, 3);
    auto limited = simulator(text, {"a", "b", "c"}, 3, options);
    sim::Run expected = unlimited.run({});
    for (int i = 0; i < 3; ++i) {
        sim::Run run = limited.run({});
        for (std::int32_t t = 1; t <= 3; ++t) {
            for (const char* rel : {"path", "none"}) {
                EXPECT_EQ(rows(run, limited.program(), rel, t), rows(expected, unlimited.program(), rel, t));
            }
        }
        EXPECT_EQ(run.derived_tuples, expected.derived_tuples);
        EXPECT_EQ(run.firings.size(), expected.firings.size());
    }
    EXPECT_EQ(rows(expected, unlimited.program(), "path", 3).size(), 7u);
}

}  // namespace
}  // namespace ldfi::test
