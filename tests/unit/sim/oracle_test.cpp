// The implies and molly oracles of dedalus.md section 4.
#include <gtest/gtest.h>

#include "../eval/eval_helpers.hpp"

namespace ldfi::test {
namespace {

constexpr const char* SPEC = R"(
    want(a, 1)@1; want(a, 2)@1; want(b, 3)@1;
    have(a, 1)@1;
    have(N, X)@next :- have(N, X);
    have(b, X)@async :- want(a, X);
    want(N, X)@next :- want(N, X);
    pre(N, X) :- want(N, X);
    post(N, X) :- have(N, X);
)";

TEST(Oracle, TuplesAtAreSorted) {
    auto sim = simulator(SPEC, {"a", "b"}, 3);
    auto run = sim.run({});
    auto t = sim::tuples_at(run, sim.program().find("want"), 3);
    ASSERT_EQ(t.size(), 3u);
    EXPECT_TRUE(std::is_sorted(t.begin(), t.end(), [](const auto& x, const auto& y) {
        return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end(), value_less);
    }));
}

TEST(Oracle, ImpliesAndMolly) {
    auto sim = simulator(SPEC, {"a", "b"}, 3);
    auto good = sim.run({});
    auto implies = sim::judge(sim.program(), good, sim::OracleKind::IMPLIES);
    EXPECT_TRUE(implies.violated);  // want(a,2), want(b,3) never held by a
    EXPECT_EQ(implies.pre_count, 3u);
    auto molly_good = sim::judge(sim.program(), good, sim::OracleKind::MOLLY, &good);
    EXPECT_FALSE(molly_good.violated);

    sim::FailureSpec spec;
    spec.add(sim::Crash{NodeId{0}, 1});
    auto bad = sim.run(spec);
    auto molly_bad = sim::judge(sim.program(), bad, sim::OracleKind::MOLLY, &good);
    // have(b, 1), have(b, 2) held in the good run; only pre-matching missing ones count: none match
    // pre (want(b, 3) only), so the molly oracle is not violated
    EXPECT_FALSE(molly_bad.violated);
}

TEST(Oracle, NoPreOrPostIsNeverViolated) {
    auto sim = simulator("p(a)@1;", {"a"}, 2);
    auto run = sim.run({});
    EXPECT_FALSE(sim::judge(sim.program(), run, sim::OracleKind::IMPLIES).violated);
}

}  // namespace
}  // namespace ldfi::test
