// The simulator: messages under omissions and crashes, built-ins, warnings, provenance.
#include <gtest/gtest.h>


#include "../eval/eval_helpers.hpp"

namespace ldfi::test {
namespace {

using sim::Crash;
using sim::Delivery;
using sim::FailureSpec;
using sim::Omission;

constexpr const char* BROADCAST = R"(
    node(a, b)@1; node(a, c)@1; node(b, a)@1; node(c, a)@1;
    bcast(a, "hi")@1;
    node(N, M)@next :- node(N, M);
    log(N, P)@next :- log(N, P);
    log(M, P)@async :- bcast(N, P), node(N, M);
    log(N, P) :- bcast(N, P);
    pre(N, P) :- node(_, N), bcast(a, P)@1;
    post(N, P) :- log(N, P);
)";

FailureSpec faults(std::vector<sim::Fault> list) {
    FailureSpec spec;
    for (const auto& f : list) spec.add(f);
    return spec;
}

TEST(Simulator, AsyncMessagesArriveAtTheNextStep) {
    auto sim = simulator(BROADCAST, {"a", "b", "c"}, 3);
    auto run = sim.run({});
    EXPECT_EQ(rows(run, sim.program(), "log", 1), Rows{"a,hi"});
    EXPECT_EQ(rows(run, sim.program(), "log", 2), (Rows{"a,hi", "b,hi", "c,hi"}));
    ASSERT_EQ(run.messages.size(), 2u);
    for (const auto& m : run.messages) {
        EXPECT_EQ(m.sent, 1);
        EXPECT_EQ(m.delivery, Delivery::DELIVERED);
        ASSERT_TRUE(m.tuple.valid());
        EXPECT_EQ(run.db.time(m.tuple), 2);
    }
}

TEST(Simulator, OmissionLosesOneMessage) {
    auto sim = simulator(BROADCAST, {"a", "b", "c"}, 3);
    auto run = sim.run(faults({Omission{NodeId{0}, NodeId{1}, 1}}));
    EXPECT_EQ(rows(run, sim.program(), "log", 3), (Rows{"a,hi", "c,hi"}));
    ASSERT_EQ(run.messages.size(), 2u);
    EXPECT_EQ(run.messages[0].delivery, Delivery::OMITTED);
    EXPECT_FALSE(run.messages[0].tuple.valid());
    auto verdict = sim::judge(sim.program(), run, sim::OracleKind::IMPLIES);
    EXPECT_TRUE(verdict.violated);
    EXPECT_EQ(verdict.missing, (std::vector<sim::ValueTuple>{{Value{std::string("b")}, Value{std::string("hi")}}}));
    EXPECT_EQ(verdict.pre_count, 3u);
}

TEST(Simulator, CrashedSenderSendsNothingButStillComputes) {
    auto sim = simulator(BROADCAST, {"a", "b", "c"}, 3);
    auto run = sim.run(faults({Crash{NodeId{0}, 1}}));
    EXPECT_EQ(rows(run, sim.program(), "log", 3), Rows{"a,hi"});
    for (const auto& m : run.messages) EXPECT_EQ(m.delivery, Delivery::SENDER_CRASHED);
    EXPECT_EQ(rows(run, sim.program(), "crash", 2), (Rows{"a,a,1", "b,a,1", "c,a,1"}));
    EXPECT_EQ(rows(run, sim.program(), "crash", 1), (Rows{"a,a,1", "b,a,1", "c,a,1"}));
}

TEST(Simulator, SelfSendsAreNeverOmittedAndClockReflectsDelivery) {
    auto sim = simulator(R"(
        go(a)@1;
        got(N)@async :- go(N);
        ticks(F, T, S) :- clock(F, T, S, _);
    )", {"a", "b"}, 2);
    auto run = sim.run(faults({Omission{NodeId{0}, NodeId{1}, 1}}));
    EXPECT_EQ(rows(run, sim.program(), "got", 2), Rows{"a"});
    EXPECT_EQ(rows(run, sim.program(), "clock", 1), (Rows{"a,a,1,2", "b,a,1,2", "b,b,1,2"}));
    EXPECT_EQ(rows(run, sim.program(), "ticks", 2), (Rows{"a,a,2", "a,b,2", "b,a,2", "b,b,2"}));
}

TEST(Simulator, ACrashedNodeStillGetsItsOwnMessages) {
    auto sim = simulator(R"(
        go(a)@1;
        go(N)@next :- go(N);
        self(N)@async :- go(N);
        other(b)@async :- go(N);
    )", {"a", "b"}, 4);
    auto run = sim.run(faults({Crash{NodeId{0}, 2}}));
    EXPECT_EQ(rows(run, sim.program(), "self", 4), Rows{"a"});    // sent at 3, after the crash
    EXPECT_EQ(rows(run, sim.program(), "other", 2), Rows{"b"});   // sent at 1, before it
    EXPECT_EQ(rows(run, sim.program(), "other", 3), Rows{});      // sent at 2: lost
    EXPECT_EQ(rows(run, sim.program(), "clock", 3), (Rows{"a,a,3,4", "b,a,3,4", "b,b,3,4"}));
}

TEST(Simulator, UnknownDestinationIsWarnedOnce) {
    auto sim = simulator(R"(
        go(a, x)@1; go(a, x)@2; go(a, y)@1;
        msg(D)@async :- go(N, D);
    )", {"a", "b"}, 3);
    auto run = sim.run({});
    EXPECT_EQ(run.warnings.size(), 2u);
    EXPECT_TRUE(run.messages.empty());
}

TEST(Simulator, NoMessagesAfterEot) {
    auto sim = simulator("go(a)@1; go(N)@next :- go(N); got(N)@async :- go(N);", {"a"}, 3);
    auto run = sim.run({});
    ASSERT_EQ(run.messages.size(), 2u);
    EXPECT_EQ(run.messages.back().sent, 2);
}

// Every firing's body exists at a time <= its head's, and the firings form an acyclic graph.
void expect_well_founded(const sim::Run& run) {
    std::vector<std::vector<std::uint32_t>> edges(run.db.size());
    for (const auto& f : run.firings) {
        if (!f.head.valid()) {
            ASSERT_TRUE(f.message.has_value());
            EXPECT_NE(run.messages[*f.message].delivery, Delivery::DELIVERED);
            continue;
        }
        for (auto b : f.body) {
            ASSERT_LT(b.index(), run.db.size());
            EXPECT_LE(run.db.time(b), run.db.time(f.head));
            edges[f.head.index()].push_back(b.value);
        }
    }
    std::vector<int> state(run.db.size(), 0);  // 0 new, 1 on stack, 2 done
    std::function<void(std::uint32_t)> visit = [&](std::uint32_t v) {
        state[v] = 1;
        for (auto w : edges[v]) {
            ASSERT_NE(state[w], 1) << "cycle through tuple " << w;
            if (state[w] == 0) visit(w);
        }
        state[v] = 2;
    };
    for (std::uint32_t v = 0; v < run.db.size(); ++v) {
        if (state[v] == 0) visit(v);
    }
}

TEST(Simulator, ProvenanceIsWellFounded) {
    auto sim = simulator(R"(
        e(a, 1, 2)@1; e(a, 2, 3)@1; e(a, 3, 1)@1; e(a, 2, 1)@1;
        e(N, X, Y)@next :- e(N, X, Y);
        p(N, X, Y) :- e(N, X, Y);
        p(N, X, Z) :- p(N, X, Y), p(N, Y, Z);
        n(N, count<Y>) :- p(N, _, Y);
        q(b, X)@async :- p(N, X, X), notin e(N, X, X);
    )", {"a", "b"}, 3);
    auto run = sim.run(faults({Omission{NodeId{0}, NodeId{1}, 2}}));
    EXPECT_FALSE(run.firings.empty());
    expect_well_founded(run);
    bool lost = false, aggregate = false;
    for (const auto& f : run.firings) {
        lost |= !f.head.valid();
        aggregate |= f.head.valid() && run.db.rel(f.head) == sim.program().find("n") && f.body.size() == 9;
        if (f.message && f.head.valid()) {
            EXPECT_EQ(f.negated.size(), 1u);
        }
    }
    EXPECT_TRUE(lost);
    EXPECT_TRUE(aggregate);
    // every derived tuple has a firing
    std::vector<bool> has(run.db.size(), false);
    for (const auto& f : run.firings) {
        if (f.head.valid()) has[f.head.index()] = true;
    }
    auto p = sim.program().find("p");
    for (auto t : run.db.tuples(p, 2)) EXPECT_TRUE(has[t.index()]);
}

TEST(Simulator, ProvenanceOffRecordsNothing) {
    sim::RunOptions options;
    options.provenance = false;
    auto sim = simulator(BROADCAST, {"a", "b", "c"}, 3, options);
    auto run = sim.run(faults({Omission{NodeId{0}, NodeId{1}, 1}}));
    EXPECT_TRUE(run.firings.empty());
    EXPECT_EQ(run.messages.size(), 2u);
}

}  // namespace
}  // namespace ldfi::test
