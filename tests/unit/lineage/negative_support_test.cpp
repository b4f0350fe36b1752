// Negative support of negated atoms (STABLE / CRASHES / TUPLES / ANY_FAULT) and the static
// fault-sensitivity analysis (losable / gainable) on tiny specs (issue 3, part 3).
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "ldfi/lineage/fault_sensitivity.hpp"
#include "lineage_helpers.hpp"

namespace ldfi::test {
namespace {

using lineage::LineageGraph;
using lineage::NegatedKey;
using lineage::NegativeSupport;

// a sends m to every other node at 1; m persists. Relations derived from it:
//   gone(N)    gained when m(N) is lost (notin of a losable relation)
//   gone2(N)   reads gone positively: gainable through a gainable positive atom
//   cnt(N, K)  an aggregate over m; cntg(N, K) over gone (rows can be gained); cntn(N, K) with
//              a negated gainable atom (rows can be lost by a gain)
//   never(N)   derived from nothing faults can touch
//   alarm(N)   reads crash positively; g1..g12 a long chain of positive copies of gone
//   blocked(N) needs gone(N) and never(N); both(N) needs gone(N) gained AND k(N) lost
// and one rule per negative-support case, each deriving u_<case>(N).
const char* const KINDS = R"(
start("a")@1;
m(M)@async :- start(N), node(N, M);
m(N)@next :- m(N);
gone(N) :- live(N), notin m(N);
gone2(N) :- gone(N);
cnt(N, count<M>) :- m(N), live(M);
cntg(N, count<M>) :- gone(N), live(M);
cntn(N, count<M>) :- live(N), live(M), notin gone(N);
never(N) :- live(N), N == "z";
u_stable(N) :- live(N), notin never(N);
u_crashes(N) :- live(N), notin crash(_, N, _);
u_tuples(N) :- live(N), notin gone(N);
u_via_positive(N) :- live(N), notin gone2(N);
alarm(N) :- live(N), crash(_, N, _);
u_any_crash(N) :- live(N), notin alarm(N);
g1(N) :- gone(N);
g2(N) :- g1(N);
g3(N) :- g2(N);
g4(N) :- g3(N);
g5(N) :- g4(N);
g6(N) :- g5(N);
g7(N) :- g6(N);
g8(N) :- g7(N);
g9(N) :- g8(N);
g10(N) :- g9(N);
g11(N) :- g10(N);
g12(N) :- g11(N);
u_any_deep(N) :- live(N), notin g12(N);
u_aggregate(N) :- live(N), notin cnt(N, 7);
u_aggregate_gain(N) :- live(N), notin cntg(N, 7);
u_aggregate_negated(N) :- live(N), notin cntn(N, 7);
u_message(N) :- m(N);
k(M)@async :- start(N), node(N, M);
k(N)@next :- k(N);
blocked(N) :- gone(N), never(N);
u_blocked(N) :- live(N), notin blocked(N);
both(N) :- gone(N), notin k(N);
u_both(N) :- live(N), notin both(N);
mk(N, 1) :- m(N);
mk(N, 2) :- k(N);
quiet(N) :- live(N), notin mk(N, _);
u_all_of(N) :- live(N), notin quiet(N);
leads("a")@1;
leads(N)@next :- leads(N);
ok(L, M) :- m(M), live(L);
q(M) :- live(M), live(L), leads(L), notin ok(L, M);
u_location(N) :- live(N), notin q(N);
)";

struct KindsFixture : ::testing::Test {
    Simulated sim = simulate(KINDS, {"a", "b"}, 3);
    const analysis::CheckedProgram& p = *sim.program;

    /// The only negated atom needed by the firing of `rel`(b)@3.
    NegatedKey negated(const std::string& rel, LineageGraph* out = nullptr) {
        LineageGraph g = LineageGraph::build(p, sim.run, {key(p, rel, {str("b")}, 3)});
        EXPECT_EQ(g.goals().size(), 1u) << rel;
        if (g.goals().empty()) return {};
        const auto& firings = g.tuples()[g.goals()[0]].firings;
        EXPECT_EQ(firings.size(), 1u) << rel;
        const auto& f = g.firings()[firings.at(0)];
        EXPECT_EQ(f.negated.size(), 1u) << rel;
        NegatedKey k = f.negated.at(0);
        if (out) *out = std::move(g);
        return k;
    }
};

TEST_F(KindsFixture, StableWhenNoFaultCanAddTheTuple) {
    NegatedKey k = negated("u_stable");
    EXPECT_EQ(k.rel, p.find("never"));
    EXPECT_EQ(k.time, 3);
    EXPECT_EQ(k.values, (std::vector<std::optional<Value>>{str("b")}));
    EXPECT_EQ(k.support, NegativeSupport::STABLE);
    EXPECT_TRUE(k.support_tuples.empty());
}

TEST_F(KindsFixture, CrashesForTheBuiltInCrashRelation) {
    NegatedKey k = negated("u_crashes");
    EXPECT_EQ(k.rel, p.crash);
    EXPECT_EQ(k.support, NegativeSupport::CRASHES);
    // notin crash(_, N, _): the wildcards stay open.
    ASSERT_EQ(k.values.size(), 3u);
    EXPECT_FALSE(k.values[0].has_value());
    EXPECT_EQ(k.values[1], std::optional<Value>(str("b")));
    EXPECT_FALSE(k.values[2].has_value());
}

TEST_F(KindsFixture, TuplesWhenOneLevelOfWhyNotLineageSuffices) {
    LineageGraph g;
    NegatedKey k = negated("u_tuples", &g);
    EXPECT_EQ(k.rel, p.find("gone"));
    EXPECT_EQ(k.support, NegativeSupport::TUPLES);
    // gone(b)@3 could only appear if m(b)@3 were lost: that tuple is the support, and its own
    // lineage (the message a->b@1, persisted) is part of the graph.
    ASSERT_EQ(k.support_tuples.size(), 1u);
    const auto& support = g.tuples().at(k.support_tuples[0]);
    EXPECT_EQ(support.key, key(p, "m", {str("b")}, 3));
    bool message = false;
    for (const auto& f : g.firings()) {
        if (f.message) {
            message = true;
            EXPECT_EQ(sim.model.node_name(f.message->from), "a");
            EXPECT_EQ(sim.model.node_name(f.message->to), "b");
            EXPECT_EQ(f.message->sent, 1);
        }
    }
    EXPECT_TRUE(message) << "the support tuple's lineage is in the graph";
}

TEST_F(KindsFixture, AWildcardLiteralNeedsEveryMatchLost) {
    // quiet(b)@3 needs `notin mk(b, _)`: it appears only if mk(b, 1)@3 AND mk(b, 2)@3 are lost,
    // so they are one group, not two tuples each of which alone would flip it.
    LineageGraph g;
    NegatedKey k = negated("u_all_of", &g);
    EXPECT_EQ(k.rel, p.find("quiet"));
    EXPECT_EQ(k.support, NegativeSupport::TUPLES);
    EXPECT_TRUE(k.support_tuples.empty());
    ASSERT_EQ(k.support_all_of.size(), 1u);
    std::vector<lineage::TupleKey> group;
    for (std::uint32_t t : k.support_all_of[0]) group.push_back(g.tuples().at(t).key);
    ASSERT_EQ(group.size(), 2u);
    for (std::int64_t v : {1, 2}) {
        EXPECT_NE(std::find(group.begin(), group.end(), key(p, "mk", {str("b"), v}, 3)), group.end()) << v;
    }
    EXPECT_EQ(k.every_support_tuple().size(), 2u);
    // The JSON export names the group.
    auto j = nlohmann::json::parse(g.to_json(p, sim.model));
    bool exported = false;
    for (const auto& f : j["firings"]) {
        if (!f.contains("negated")) continue;
        for (const auto& n : f["negated"]) {
            if (n["relation"] == "quiet") {
                exported = n.contains("support_all_of") && n["support_all_of"].size() == 1;
            }
        }
    }
    EXPECT_TRUE(exported);
}

TEST_F(KindsFixture, EachValueOfAnOpenLocationIsItsOwnFiring) {
    // q(b)@3 :- live(b), live(L), leads(L), notin ok(L, b): the head leaves L open. Only L = a leads, and
    // no fault makes another node lead, so q(b) can appear only if ok(a, b)@3 is lost. Taking
    // the rule's literals with L open, ok(b, b)@3 was support too.
    LineageGraph g;
    NegatedKey k = negated("u_location", &g);
    EXPECT_EQ(k.rel, p.find("q"));
    EXPECT_EQ(k.support, NegativeSupport::TUPLES);
    ASSERT_EQ(k.support_tuples.size(), 1u);
    EXPECT_EQ(g.tuples().at(k.support_tuples[0]).key, key(p, "ok", {str("a"), str("b")}, 3));
    EXPECT_TRUE(k.support_all_of.empty());
}

TEST_F(KindsFixture, TuplesThroughAGainablePositiveAtom) {
    // gone2(b) can appear only if gone(b) does (unfolded recursively), i.e. if m(b)@3 is lost.
    LineageGraph g;
    NegatedKey k = negated("u_via_positive", &g);
    EXPECT_EQ(k.rel, p.find("gone2"));
    EXPECT_EQ(k.support, NegativeSupport::TUPLES);
    ASSERT_EQ(k.support_tuples.size(), 1u);
    EXPECT_EQ(g.tuples().at(k.support_tuples[0]).key, key(p, "m", {str("b")}, 3));
}

TEST_F(KindsFixture, CrashPatternWhenTheRuleReadsCrashPositively) {
    // alarm(b)@3 :- live(b), crash(_, b, _): it appears exactly when b crashes (at any time), so
    // the support is that crash pattern, not "any fault".
    NegatedKey k = negated("u_any_crash");
    EXPECT_EQ(k.rel, p.find("alarm"));
    EXPECT_EQ(k.support, NegativeSupport::TUPLES);
    EXPECT_TRUE(k.support_tuples.empty());
    ASSERT_EQ(k.support_crashes.size(), 1u);
    EXPECT_EQ(k.support_crashes[0],
              (std::vector<std::optional<Value>>{std::nullopt, str("b"), std::nullopt}));
}

TEST_F(KindsFixture, StableWhenAFullyBoundBlockingLiteralCannotChange) {
    // blocked(b)@3 needs never(b), which no fault can add: whatever happens to gone(b), the rule
    // cannot fire. (Before, the support was gone(b)'s, m(b)@3.)
    NegatedKey k = negated("u_blocked");
    EXPECT_EQ(k.rel, p.find("blocked"));
    EXPECT_EQ(k.support, NegativeSupport::STABLE);
    EXPECT_TRUE(k.support_tuples.empty());
}

TEST_F(KindsFixture, OneNecessaryChangeIsTheSupportOfARule) {
    // both(b)@3 needs gone(b) to appear (so m(b)@3 lost) AND k(b)@3 lost. Either one alone is a
    // necessary condition; the support is the first one's, not the union of both.
    LineageGraph g;
    NegatedKey k = negated("u_both", &g);
    EXPECT_EQ(k.rel, p.find("both"));
    EXPECT_EQ(k.support, NegativeSupport::TUPLES);
    ASSERT_EQ(k.support_tuples.size(), 1u);
    EXPECT_EQ(g.tuples().at(k.support_tuples[0]).key, key(p, "m", {str("b")}, 3));
}

TEST_F(KindsFixture, LineageJsonListsTheCrashPatterns) {
    LineageGraph g;
    negated("u_any_crash", &g);
    nlohmann::json doc = nlohmann::json::parse(g.to_json(p, sim.model));
    const auto first_firing = doc["tuples"][g.goals()[0]]["firings"][0].get<std::size_t>();
    const auto& negated_atoms = doc["firings"][first_firing]["negated"];
    ASSERT_EQ(negated_atoms.size(), 1u);
    EXPECT_EQ(negated_atoms[0]["support"], "tuples");
    EXPECT_EQ(negated_atoms[0]["support_crashes"], nlohmann::json::parse(R"([[null, "b", null]])"));
    // Without crash patterns the field is left out.
    LineageGraph plain;
    negated("u_tuples", &plain);
    nlohmann::json plain_doc = nlohmann::json::parse(plain.to_json(p, sim.model));
    for (const auto& f : plain_doc["firings"]) {
        for (const auto& n : f.value("negated", nlohmann::json::array())) {
            EXPECT_FALSE(n.contains("support_crashes"));
        }
    }
}

TEST_F(KindsFixture, LongChainOfPositiveCopies) {
    // g1 .. g12 each read the previous one positively: either the unfolding reaches gone(b) and
    // the support is m(b)@3, or it gives up (a depth bound) with the sound ANY_FAULT. Nothing else.
    LineageGraph g;
    NegatedKey k = negated("u_any_deep", &g);
    EXPECT_EQ(k.rel, p.find("g12"));
    if (k.support == NegativeSupport::TUPLES) {
        ASSERT_EQ(k.support_tuples.size(), 1u);
        EXPECT_EQ(g.tuples().at(k.support_tuples[0]).key, key(p, "m", {str("b")}, 3));
    } else {
        EXPECT_EQ(k.support, NegativeSupport::ANY_FAULT);
    }
}

// An aggregate's result changes only when its group gains or loses a row; in each case below
// that needs m(b)@3 lost, so it is the only support tuple.
//   cnt(b, _) counts the rows m(b) x live(M): losing m(b)@3 changes them;
//   cntg(b, _) gains rows when gone(b) appears, which needs m(b)@3 lost (unfolded recursively);
//   cntn(b, _) loses its rows when gone(b) appears (its `notin gone(N)` fails).
TEST_F(KindsFixture, AggregateChangesOnlyWhenItsGroupGainsOrLosesARow) {
    for (const auto& [user, aggregate] : {std::pair{"u_aggregate", "cnt"}, std::pair{"u_aggregate_gain", "cntg"},
                                          std::pair{"u_aggregate_negated", "cntn"}}) {
        LineageGraph g;
        NegatedKey k = negated(user, &g);
        EXPECT_EQ(k.rel, p.find(aggregate)) << user;
        EXPECT_EQ(k.values, (std::vector<std::optional<Value>>{str("b"), num(7)})) << user;
        EXPECT_EQ(k.support, NegativeSupport::TUPLES) << user;
        ASSERT_EQ(k.support_tuples.size(), 1u) << user;
        EXPECT_EQ(g.tuples().at(k.support_tuples[0]).key, key(p, "m", {str("b")}, 3)) << user;
    }
}

TEST_F(KindsFixture, PositiveFiringsNeedNoNegatedAtoms) {
    LineageGraph g = LineageGraph::build(p, sim.run, {key(p, "u_message", {str("b")}, 3)});
    for (const auto& f : g.firings()) EXPECT_TRUE(f.negated.empty());
}

TEST_F(KindsFixture, FaultSensitivityFlags) {
    lineage::FaultSensitivity s = lineage::analyze_fault_sensitivity(p);
    auto losable = [&](const char* r) { return static_cast<bool>(s.losable.at(p.find(r).index())); };
    auto gainable = [&](const char* r) { return static_cast<bool>(s.gainable.at(p.find(r).index())); };
    ASSERT_EQ(s.losable.size(), p.relations.size());
    ASSERT_EQ(s.gainable.size(), p.relations.size());
    // The built-ins: faults add crash tuples and remove clock tuples.
    EXPECT_TRUE(s.gainable[p.crash.index()]);
    EXPECT_FALSE(s.losable[p.crash.index()]);
    EXPECT_TRUE(s.losable[p.clock.index()]);
    EXPECT_FALSE(s.gainable[p.clock.index()]);
    // Facts and what only depends on facts: neither.
    for (const char* r : {"start", "proc", "live", "node", "never", "u_stable"}) {
        EXPECT_FALSE(losable(r)) << r;
        EXPECT_FALSE(gainable(r)) << r;
    }
    // A message relation (and what reads it positively) can only lose tuples.
    for (const char* r : {"m", "u_message"}) {
        EXPECT_TRUE(losable(r)) << r;
        EXPECT_FALSE(gainable(r)) << r;
    }
    // Through one notin it flips; through a positive atom it is kept.
    for (const char* r : {"gone", "gone2"}) {
        EXPECT_TRUE(gainable(r)) << r;
        EXPECT_FALSE(losable(r)) << r;
    }
    // Two notins: back to losable.
    for (const char* r : {"u_tuples", "u_via_positive", "u_any_deep"}) {
        EXPECT_TRUE(losable(r)) << r;
        EXPECT_FALSE(gainable(r)) << r;
    }
    // crash read positively: gainable; negated once more: losable.
    EXPECT_TRUE(gainable("alarm"));
    EXPECT_FALSE(losable("alarm"));
    EXPECT_TRUE(losable("u_any_crash"));
    EXPECT_FALSE(gainable("u_any_crash"));
    // notin crash: losable.
    EXPECT_TRUE(losable("u_crashes"));
    EXPECT_FALSE(gainable("u_crashes"));
    // An aggregate over a losable relation moves either way.
    EXPECT_TRUE(losable("cnt"));
    EXPECT_TRUE(gainable("cnt"));
    EXPECT_TRUE(losable("u_aggregate"));
    EXPECT_TRUE(gainable("u_aggregate"));
}

TEST(FaultSensitivity, CrashReadPositivelyIsGainableAndAsyncHeadsLosable) {
    ProgramPtr p = program_from_text(R"(
alarm(N, M) :- live(N), crash(N, M, _);
quiet(N) :- live(N), notin alarm(N, _);
echo(M)@async :- live(N), node(N, M);
kept(N)@next :- kept(N);
kept("a")@1;
)");
    lineage::FaultSensitivity s = lineage::analyze_fault_sensitivity(*p);
    auto at = [&](const std::vector<bool>& v, const char* r) { return static_cast<bool>(v.at(p->find(r).index())); };
    EXPECT_TRUE(at(s.gainable, "alarm"));
    EXPECT_FALSE(at(s.losable, "alarm"));
    EXPECT_TRUE(at(s.losable, "quiet"));
    EXPECT_FALSE(at(s.gainable, "quiet"));
    // Every @async head can be lost, even from a body no fault touches.
    EXPECT_TRUE(at(s.losable, "echo"));
    EXPECT_FALSE(at(s.gainable, "echo"));
    EXPECT_FALSE(at(s.losable, "kept"));
    EXPECT_FALSE(at(s.gainable, "kept"));
}

TEST(FaultSensitivity, FlagsFlowAcrossNextAndAsyncRules) {
    // x is lost by a message; y gained through notin x at the next step; z lost through a
    // message sent from y's absence: every kind of rule carries the flags.
    ProgramPtr p = program_from_text(R"(
go("a")@1;
x(M)@async :- go(N), node(N, M);
y(N)@next :- live(N), notin x(N);
z(M)@async :- live(N), node(N, M), notin y(N);
w(N) :- live(N), notin z(N);
)");
    lineage::FaultSensitivity s = lineage::analyze_fault_sensitivity(*p);
    auto at = [&](const std::vector<bool>& v, const char* r) { return static_cast<bool>(v.at(p->find(r).index())); };
    EXPECT_TRUE(at(s.losable, "x"));
    EXPECT_TRUE(at(s.gainable, "y"));
    EXPECT_FALSE(at(s.losable, "y"));
    EXPECT_TRUE(at(s.losable, "z"));
    EXPECT_FALSE(at(s.gainable, "z"));
    EXPECT_TRUE(at(s.gainable, "w"));
    EXPECT_FALSE(at(s.losable, "w"));
}

TEST(NegativeSupport, TuplesFollowsTheHeadBindingAndAbsoluteTimes) {
    // gone(N, P) can appear only if m(N, P) is lost: the support is m(b, x)@3, not m(b, y)@3.
    Simulated s = simulate(R"(
start("a", "x")@1; start("a", "y")@1;
m(M, P)@async :- start(N, P), node(N, M);
m(N, P)@next :- m(N, P);
gone(N, P) :- live(N), start(_, P)@1, notin m(N, P);
u(N, P) :- m(N, P), notin gone(N, P), P == "x";
)",
                           {"a", "b"}, 3);
    const auto& p = *s.program;
    LineageGraph g = LineageGraph::build(p, s.run, {key(p, "u", {str("b"), str("x")}, 3)});
    ASSERT_EQ(g.goals().size(), 1u);
    const auto& f = g.firings().at(g.tuples()[g.goals()[0]].firings.at(0));
    ASSERT_EQ(f.negated.size(), 1u);
    EXPECT_EQ(f.negated[0].support, NegativeSupport::TUPLES);
    ASSERT_EQ(f.negated[0].support_tuples.size(), 1u);
    EXPECT_EQ(g.tuples().at(f.negated[0].support_tuples[0]).key, key(p, "m", {str("b"), str("x")}, 3));
}

TEST(NegativeSupport, NextRuleLooksAtThePreviousTime) {
    // late(N)@next :- live(N), notin m(N): late(b)@3 could appear only if m(b)@2 were lost.
    Simulated s = simulate(R"(
start("a")@1;
m(M)@async :- start(N), node(N, M);
m(N)@next :- m(N);
late(N)@next :- live(N), notin m(N);
u(N) :- m(N), notin late(N);
)",
                           {"a", "b"}, 3);
    const auto& p = *s.program;
    LineageGraph g = LineageGraph::build(p, s.run, {key(p, "u", {str("b")}, 3)});
    ASSERT_EQ(g.goals().size(), 1u);
    const auto& f = g.firings().at(g.tuples()[g.goals()[0]].firings.at(0));
    ASSERT_EQ(f.negated.size(), 1u);
    EXPECT_EQ(f.negated[0].support, NegativeSupport::TUPLES);
    ASSERT_EQ(f.negated[0].support_tuples.size(), 1u);
    EXPECT_EQ(g.tuples().at(f.negated[0].support_tuples[0]).key, key(p, "m", {str("b")}, 2));
}

}  // namespace
}  // namespace ldfi::test
