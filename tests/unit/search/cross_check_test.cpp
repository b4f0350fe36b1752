// Soundness and completeness of LDFI against exhaustive enumeration (issue 3, part 1): on small
// hand-written protocols, the protocol library at small bounds, and random async protocols, LDFI
// and EXHAUSTIVE reach the same outcome; with `all`, every minimal counterexample exhaustive finds
// is one LDFI finds; and every LDFI counterexample violates when re-run from its fault set.
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <functional>
#include <iostream>

#include "ldfi/lineage/fault_sensitivity.hpp"
#include "random_protocol.hpp"
#include "search_helpers.hpp"

namespace ldfi::test {
namespace {

using search::Outcome;

// ---- Hand-written specs (each is preceded by NODES) ----------------------------------------

// Broadcast once, no retry: one lost message loses the payload.
const char* const BCAST = R"(
bcast("a", "x")@1;
log(N, P) :- bcast(N, P);
log(N, P)@next :- log(N, P);
log(M, P)@async :- bcast(N, P), node(N, M);
pre(N, P) :- live(N), bcast(_, P)@1;
post(N, P) :- log(N, P);
)";

// Same, invariant only over correct nodes with a correct originator (validity).
const char* const BCAST_VALIDITY = R"(
bcast("a", "x")@1;
log(N, P) :- bcast(N, P);
log(N, P)@next :- log(N, P);
log(M, P)@async :- bcast(N, P), node(N, M);
pre(N, P) :- correct(N), bcast(S, P)@1, correct(S);
post(N, P) :- log(N, P);
)";

// The originator resends at every step.
const char* const RETRY = R"(
bcast("a", "x")@1;
sender(N, P) :- bcast(N, P);
sender(N, P)@next :- sender(N, P);
log(N, P) :- bcast(N, P);
log(N, P)@next :- log(N, P);
log(M, P)@async :- sender(N, P), node(N, M);
pre(N, P) :- correct(N), bcast(S, P)@1, correct(S);
post(N, P) :- log(N, P);
)";

// A relay chain a -> b -> c, every holder forwarding at every step.
const char* const RELAY = R"(
start("a", "x")@1;
fwd("a", "b")@1; fwd("b", "c")@1;
fwd(N, M)@next :- fwd(N, M);
have(N, P) :- start(N, P);
have(N, P)@next :- have(N, P);
have(M, P)@async :- have(N, P), fwd(N, M);
pre(N, P) :- live(N), start(_, P)@1;
post(N, P) :- have(N, P);
)";

// Two paths: the originator sends once, every first receiver relays once.
const char* const TWO_PATHS = R"(
start("a", "x")@1;
have(N, P) :- start(N, P);
have(N, P)@next :- have(N, P);
got(M, P)@async :- start(N, P), node(N, M);
have(N, P) :- got(N, P);
relay(M, P)@async :- got(N, P), node(N, M), M != "a";
have(N, P) :- relay(N, P);
pre(N, P) :- live(N), start(_, P)@1;
post(N, P) :- have(N, P);
)";

// Retry until acknowledged (the sender stops once the ack arrives: a negation).
const char* const ACK_RETRY = R"(
msg("a", "b", "x")@1;
pending(N, M, P) :- msg(N, M, P);
pending(N, M, P)@next :- pending(N, M, P), notin acked(N, M, P);
got(M, N, P)@async :- pending(N, M, P);
got(M, N, P)@next :- got(M, N, P);
acked(N, M, P)@async :- got(M, N, P);
acked(N, M, P)@next :- acked(N, M, P);
pre(M, P) :- live(M), msg(_, M, P)@1;
post(M, P) :- got(M, _, P);
)";

// Two-phase commit with a timeout: commit when every vote is in at time 3, abort otherwise
// (`missing` is gained when a vote is lost); termination: every participant decides.
const char* const TPC = R"(
part("C", "a")@1; part("C", "b")@1;
part(C, N)@next :- part(C, N);
begin("C")@1;
tick("C", 1)@1;
tick(C, U)@next :- tick(C, T), U == T + 1;
prepare(N, C)@async :- begin(C), part(C, N);
vote(C, N)@async :- prepare(N, C);
vote(C, N)@next :- vote(C, N);
missing(C) :- part(C, N), notin vote(C, N);
commit(C) :- tick(C, 3), notin missing(C);
abort(C) :- tick(C, 3), missing(C);
commit(C)@next :- commit(C);
abort(C)@next :- abort(C);
decision(N, "commit")@async :- commit(C), part(C, N);
decision(N, "abort")@async :- abort(C), part(C, N);
decision(N, D)@next :- decision(N, D);
pre(N) :- part(_, N)@1, live(N);
post(N) :- decision(N, _);
)";

// Same protocol, agreement: whoever decided D, every participant decided D.
const char* const TPC_AGREE = R"(
part("C", "a")@1; part("C", "b")@1;
part(C, N)@next :- part(C, N);
begin("C")@1;
tick("C", 1)@1;
tick(C, U)@next :- tick(C, T), U == T + 1;
prepare(N, C)@async :- begin(C), part(C, N);
vote(C, N)@async :- prepare(N, C);
vote(C, N)@next :- vote(C, N);
missing(C) :- part(C, N), notin vote(C, N);
commit(C) :- tick(C, 3), notin missing(C);
abort(C) :- tick(C, 3), missing(C);
commit(C)@next :- commit(C);
abort(C)@next :- abort(C);
decision(N, "commit")@async :- commit(C), part(C, N);
decision(N, "abort")@async :- abort(C), part(C, N);
decision(N, D)@next :- decision(N, D);
pre(N, D) :- part(_, N)@1, live(N), decision(_, D);
post(N, D) :- decision(N, D);
)";

// Heartbeats and suspicion: a node suspects a peer whose heartbeat is missing at time 3.
// Invariant: no correct node is suspected (post holds through `notin suspect`).
const char* const HEARTBEAT = R"(
clk("a", 1)@1; clk("b", 1)@1; clk("c", 1)@1;
clk(N, U)@next :- clk(N, T), U == T + 1;
hb(M, N)@async :- live(N), node(N, M);
suspect(M, N) :- clk(M, 3), node(M, N), notin hb(M, N);
suspect(M, N)@next :- suspect(M, N);
pre(M, N) :- node(M, N), correct(N);
post(M, N) :- node(M, N), notin suspect(M, N);
)";

// Leader = the minimum rank a node heard of (an aggregate over received messages).
const char* const MIN_LEADER = R"(
rank("a", 1)@1; rank("b", 2)@1; rank("c", 3)@1;
rank(N, K)@next :- rank(N, K);
start("a")@1; start("b")@1; start("c")@1;
known(N, K) :- live(N), rank(N, K);
known(N, K)@next :- known(N, K);
known(M, K)@async :- live(N), rank(N, K), node(N, M), start(N);
leader(N, min<K>) :- known(N, K);
pre(N) :- live(N);
post(N) :- leader(N, 1);
)";

// A coordinator commits once it has two acks (count aggregate), asking at every step.
const char* const QUORUM = R"(
begin("C")@1;
begin(C)@next :- begin(C);
req(N, C)@async :- begin(C), node(C, N);
ack(C, N)@async :- req(N, C);
ack(C, N)@next :- ack(C, N);
acks(C, count<N>) :- ack(C, N);
committed(C) :- acks(C, K), K >= 2;
committed(C)@next :- committed(C);
pre(C) :- begin(C), live(C);
post(C) :- committed(C);
)";

// Fail-over that reads `crash` positively: when a crashes, b serves a's request.
const char* const FAILOVER = R"(
req("a", "w")@1;
req(N, W)@next :- req(N, W);
serve(N, W) :- req(N, W), notin crash(_, N, _);
fwd("b", W)@async :- req(N, W), crash(N, N, _);
serve(N, W) :- fwd(N, W);
serve(N, W)@next :- serve(N, W);
done(C, W)@async :- serve(N, W), node(N, C), C == "C";
done(C, W)@next :- done(C, W);
pre(C, W) :- live(C), C == "C", req(_, W)@1;
post(C, W) :- done(C, W);
)";

// ---- Cases ------------------------------------------------------------------------------------

struct Case {
    std::string name;
    std::function<ProgramPtr()> program;
    std::vector<std::string> nodes;
    std::int32_t eot, eff, crashes;
    Outcome expected;  ///< exhaustive's outcome (a sanity check that the case means what it says)
    sim::OracleKind oracle = sim::OracleKind::IMPLIES;
};

std::function<ProgramPtr()> text(const char* t) {
    return [t] { return spec(t); };
}
std::function<ProgramPtr()> file(const char* f) {
    return [f] { return protocol(f); };
}

const std::vector<std::string> AB{"a", "b"}, ABC{"a", "b", "c"}, ABCC{"a", "b", "C"},
    ABCDC{"a", "b", "c", "C"};
constexpr auto CE = Outcome::COUNTEREXAMPLE;
constexpr auto CERT = Outcome::CERTIFIED;
constexpr auto MOLLY = sim::OracleKind::MOLLY;

std::vector<Case> cases() {
    return {
        // Hand-written.
        {"bcast_3_2_0", text(BCAST), ABC, 3, 2, 0, CE},
        {"bcast_3_1_1", text(BCAST), ABC, 3, 1, 1, CE},
        {"bcast_validity_4_1_1", text(BCAST_VALIDITY), ABC, 4, 1, 1, CERT},
        {"bcast_3_2_0_molly", text(BCAST), ABC, 3, 2, 0, CE, MOLLY},
        {"retry_4_2_0", text(RETRY), ABC, 4, 2, 0, CERT},
        {"retry_3_3_0", text(RETRY), ABC, 3, 3, 0, CE},
        {"retry_4_2_1", text(RETRY), ABC, 4, 2, 1, CERT},
        {"retry_2nodes_3_3_1", text(RETRY), AB, 3, 3, 1, CE},
        {"relay_3_2_0", text(RELAY), ABC, 3, 2, 0, CE},
        {"relay_4_2_0", text(RELAY), ABC, 4, 2, 0, CERT},
        {"relay_4_3_0", text(RELAY), ABC, 4, 3, 0, CE},
        {"relay_4_1_1", text(RELAY), ABC, 4, 1, 1, CE},
        {"two_paths_4_3_0", text(TWO_PATHS), ABC, 4, 3, 0, CE},
        {"ack_retry_4_3_0", text(ACK_RETRY), AB, 4, 3, 0, CERT},
        {"ack_retry_3_3_0", text(ACK_RETRY), AB, 3, 3, 0, CE},
        {"ack_retry_4_3_1", text(ACK_RETRY), AB, 4, 3, 1, CE},
        {"ack_retry_4_3_1_molly", text(ACK_RETRY), AB, 4, 3, 1, CE, MOLLY},
        {"tpc_5_2_0", text(TPC), ABCC, 5, 2, 0, CERT},
        {"tpc_4_2_1", text(TPC), ABCC, 4, 2, 1, CE},
        {"tpc_2nodes_4_4_0", text(TPC), {"a", "C"}, 4, 4, 0, CE},
        {"tpc_agree_4_1_1", text(TPC_AGREE), ABCC, 4, 1, 1, CERT},
        {"heartbeat_4_3_1", text(HEARTBEAT), AB, 4, 3, 1, CE},
        {"heartbeat_4_2_1", text(HEARTBEAT), AB, 4, 2, 1, CERT},
        {"heartbeat_4_3_1_molly", text(HEARTBEAT), AB, 4, 3, 1, CE, MOLLY},
        {"min_leader_3_2_0", text(MIN_LEADER), ABC, 3, 2, 0, CE},
        {"min_leader_3_1_1", text(MIN_LEADER), ABC, 3, 1, 1, CE},
        {"quorum_3_2_0", text(QUORUM), ABCC, 3, 2, 0, CE},
        {"quorum_4_2_1", text(QUORUM), ABCC, 4, 2, 1, CE},
        {"failover_5_1_1", text(FAILOVER), ABCC, 5, 1, 1, CE},
        {"failover_5_2_1", text(FAILOVER), ABCC, 5, 2, 1, CE},
        // The protocol library at small bounds.
        {"simple_deliv_4_2_0", file("simple-deliv.ded"), ABC, 4, 2, 0, CE},
        {"simple_deliv_4_1_1", file("simple-deliv.ded"), ABC, 4, 1, 1, CERT},
        {"retry_deliv_4_2_0", file("retry-deliv.ded"), ABC, 4, 2, 0, CERT},
        {"retry_deliv_4_2_1", file("retry-deliv.ded"), ABC, 4, 2, 1, CE},
        {"classic_deliv_5_2_0", file("classic-deliv.ded"), ABC, 5, 2, 0, CE},
        {"classic_deliv_4_1_1", file("classic-deliv.ded"), ABC, 4, 1, 1, CERT},
        {"redun_deliv_4_2_1", file("redun-deliv.ded"), ABC, 4, 2, 1, CERT},
        {"ack_deliv_2nodes_5_3_1", file("ack-deliv.ded"), AB, 5, 3, 1, CERT},
        {"2pc_5_0_1", file("2pc.ded"), ABCC, 5, 0, 1, CE},
        {"2pc_6_2_0", file("2pc.ded"), ABCC, 6, 2, 0, CE},
        {"2pc_timeout_5_0_1", file("2pc-timeout.ded"), ABCC, 5, 0, 1, CE},
        {"2pc_timeout_6_2_0", file("2pc-timeout.ded"), ABCC, 6, 2, 0, CERT},
        {"2pc_ctp_8_0_1", file("2pc-ctp.ded"), ABCC, 8, 0, 1, CE},
        {"3pc_9_0_1", file("3pc.ded"), ABCC, 9, 0, 1, CERT},
        {"kafka_7_1_1", file("kafka.ded"), {"a", "b", "c", "C", "Z"}, 7, 1, 1, CERT},
        {"primary_backup_6_0_2", file("primary-backup.ded"), ABCC, 6, 0, 2, CE},
        {"primary_backup_async_6_0_1", file("primary-backup-async.ded"), ABCC, 6, 0, 1, CERT},
        {"chain_replication_liveness_8_0_1", file("chain-replication-liveness.ded"), ABCDC, 8, 0, 1, CE},
        {"chain_replication_6_0_2", file("chain-replication.ded"), ABCDC, 6, 0, 2, CERT},
        {"paxos_synod_5_2_1", file("paxos-synod.ded"), ABC, 5, 2, 1, CERT},
        {"bully_le_5_2_1", file("bully-le.ded"), ABC, 5, 2, 1, CERT},
        {"flux_6_2_1", file("flux.ded"), ABC, 6, 2, 1, CERT},
        {"flux_6_2_2", file("flux.ded"), ABC, 6, 2, 2, CE},
    };
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class CrossCheckTest : public ::testing::TestWithParam<Case> {};

TEST_P(CrossCheckTest, LdfiAgreesWithExhaustive) {
    const Case& c = GetParam();
    ProgramPtr program = c.program();
    sim::FaultModel m = model(c.nodes, c.eot, c.eff, c.crashes);
    CrossCheck r = cross_check(program, m, c.oracle);
    EXPECT_EQ(r.outcome, c.expected) << "exhaustive outcome is not the one this case was written for";
    EXPECT_TRUE(r.problems.empty()) << c.name << ":\n" << describe(r, m);
    EXPECT_TRUE(r.documented_limit.empty()) << c.name << ":\n" << describe(r, m);
    // `--all` promises minimal counterexamples: LDFI should report exactly exhaustive's.
    EXPECT_TRUE(r.ldfi_extra.empty()) << c.name << ": LDFI --all reports non-minimal counterexamples\n"
                                      << describe(r, m);
}

INSTANTIATE_TEST_SUITE_P(Specs, CrossCheckTest, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

// ---- Random small async protocols -------------------------------------------------------------

TEST(CrossCheckRandom, LdfiAgreesWithExhaustiveOnRandomProtocols) {
    // LDFI_RANDOM_SEEDS=N runs more (or fewer) protocols, e.g. for a longer hunt.
    std::uint32_t seeds = 80;
    if (const char* env = std::getenv("LDFI_RANDOM_SEEDS"))
        seeds = static_cast<std::uint32_t>(std::atoi(env));
    std::uint32_t first = 1;
    if (const char* env = std::getenv("LDFI_RANDOM_FIRST"))
        first = static_cast<std::uint32_t>(std::atoi(env));
    std::string failures;
    int with_counterexample = 0;
    int skipped = 0, limited = 0;
    for (std::uint32_t seed = first; seed < first + seeds; ++seed) {
        // A protocol whose fault-free run already violates tells nothing about the search (and
        // runs into the --all problem of Check.ViolationWithoutFaultsWithAll): draw again.
        RandomProtocol p;
        ProgramPtr program;
        for (std::uint32_t attempt = 0; attempt < 100; ++attempt) {
            p = RandomProtocolGen(seed * 1000 + attempt, seed % 2 == 0).build();
            program = spec(p.text);
            if (::testing::Test::HasFailure()) {
                FAIL() << "seed " << seed << " generated a program with errors:\n" << p.text;
            }
            sim::FaultModel m = model(p.nodes, p.eot, p.eff, p.crashes);
            if (!really_violates(program, m, sim::FailureSpec{}, sim::OracleKind::IMPLIES)) break;
            ++skipped;
        }
        sim::FaultModel m = model(p.nodes, p.eot, p.eff, p.crashes);
        // The solver's default, Z3 for every level, and Z3 taking over rounds midway, in turn.
        const std::array<std::optional<std::uint64_t>, 3> budgets{std::nullopt, 0, 300};
        CrossCheck r = cross_check(program, m, sim::OracleKind::IMPLIES, budgets[seed % budgets.size()]);
        if (r.outcome == Outcome::COUNTEREXAMPLE) ++with_counterexample;
        if (!r.documented_limit.empty()) ++limited;
        if (!r.problems.empty() || !r.ldfi_extra.empty()) {
            std::string nodes;
            for (const auto& n : p.nodes) nodes += (nodes.empty() ? "" : ",") + n;
            failures += "seed " + std::to_string(seed) + " (nodes " + nodes + ", eot " +
                        std::to_string(p.eot) + ", eff " + std::to_string(p.eff) + ", crashes " +
                        std::to_string(p.crashes) + "):\n" + describe(r, m) + p.text + "\n";
        }
    }
    EXPECT_TRUE(failures.empty()) << failures;
    std::cout << "random protocols: " << seeds << " checked (" << with_counterexample
              << " with a counterexample, " << limited << " with misses of the documented limit), " << skipped
              << " drawn again (fault-free violation)\n";
    // The generator is only useful if it produces both verdicts.
    if (seeds >= 40) {
        EXPECT_GT(with_counterexample, static_cast<int>(seeds) / 10);
        EXPECT_LT(with_counterexample, static_cast<int>(seeds) - static_cast<int>(seeds) / 10);
    }
}

// Random protocols with a count over rows that messages carry and crashes or other messages
// block (RandomProtocolGen's aggregate_block): the value of an aggregate changes when a row is
// lost and when one is gained, under more faults or fewer. (Before the lineage of an aggregate
// firing named the rows it could gain from a lost veto or a crash left out, LDFI missed minimal
// counterexamples at seeds 36 and 143 of this range, and 541 and 565 of 1..1000.)
TEST(CrossCheckRandom, LdfiAgreesWithExhaustiveOnRandomAggregates) {
    std::uint32_t seeds = 150;
    if (const char* env = std::getenv("LDFI_RANDOM_SEEDS")) {
        seeds = static_cast<std::uint32_t>(std::atoi(env));
    }
    std::string failures;
    int with_counterexample = 0;
    for (std::uint32_t seed = 1; seed <= seeds; ++seed) {
        RandomProtocol p;
        ProgramPtr program;
        for (std::uint32_t attempt = 0; attempt < 100; ++attempt) {
            p = RandomProtocolGen(seed * 1000 + attempt, seed % 2 == 0, true).build();
            program = spec(p.text);
            if (::testing::Test::HasFailure()) {
                FAIL() << "seed " << seed << " generated a program with errors:\n" << p.text;
            }
            sim::FaultModel m = model(p.nodes, p.eot, p.eff, p.crashes);
            if (!really_violates(program, m, sim::FailureSpec{}, sim::OracleKind::IMPLIES)) break;
        }
        sim::FaultModel m = model(p.nodes, p.eot, p.eff, p.crashes);
        const std::array<std::optional<std::uint64_t>, 3> budgets{std::nullopt, 0, 300};
        CrossCheck r = cross_check(program, m, sim::OracleKind::IMPLIES, budgets[seed % budgets.size()]);
        if (r.outcome == Outcome::COUNTEREXAMPLE) ++with_counterexample;
        if (!r.problems.empty() || !r.ldfi_extra.empty()) {
            failures += "seed " + std::to_string(seed) + " (eot " + std::to_string(p.eot) + ", eff " +
                        std::to_string(p.eff) + ", crashes " + std::to_string(p.crashes) + "):\n" +
                        describe(r, m) + p.text + "\n";
        }
    }
    EXPECT_TRUE(failures.empty()) << failures;
    std::cout << "random aggregate protocols: " << seeds << " checked (" << with_counterexample
              << " with a counterexample)\n";
}

// ---- Regressions: counterexamples earlier encodings missed (found by this cross-check) ---------
// LineageEncoder::cut() once over-approximated "s is lost" by "some fault on the recorded
// lineage of s" and followed only positive bodies and messages; these cases kept it honest, and
// now keep its replacement (every known derivation of s broken) honest.

// Three negations deep, through a crash: crash a -> s(N) lost -> p(N) gained -> post(N) lost.
// post's firing needed `notin p(N)`; p is gainable and its rule reads `notin s(N)`, so the
// negative support of that atom is the tuple s(N) (TUPLES). s(N) was derived with
// `notin crash(_, "a", _)`; an encoding of "s(N) is lost" that ignores that negated atom says
// false, and the goal looks unbreakable.
const char* const NEGATION_CHAIN = R"(
tick(N) :- live(N);
s(N) :- tick(N), notin crash(_, "a", _);
p(N) :- tick(N), notin s(N);
post(N) :- tick(N), notin p(N);
pre(N) :- tick(N);
)";

TEST(CrossCheckRegression, NegatedSupportTupleLostThroughACrash) {
    ProgramPtr program = spec(NEGATION_CHAIN);
    sim::FaultModel m = model(AB, 3, 1, 1);
    CrossCheck r = cross_check(program, m);
    EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
    EXPECT_EQ(r.exhaustive_all,
              (SpecSet{{{}, {sim::Crash{NodeId(0), 1}}}, {{}, {sim::Crash{NodeId(0), 2}}}}));
    EXPECT_TRUE(r.problems.empty()) << describe(r, m);
}

// The same gap through a message instead of a crash: losing a->b@1 loses r(b), which gains
// q(b), which loses s(b), which gains p(b), which loses post(b), through `notin q(b)`.
const char* const NEGATION_CHAIN_MESSAGE = R"(
start("a")@1;
r(M)@async :- start(N), node(N, M);
r(N)@next :- r(N);
q(N) :- live(N), notin r(N);
s(N) :- live(N), notin q(N);
p(N) :- live(N), notin s(N);
pre(N) :- live(N), N != "a";
post(N) :- live(N), notin p(N);
)";

TEST(CrossCheckRegression, NegatedSupportTupleLostThroughAMessage) {
    ProgramPtr program = spec(NEGATION_CHAIN_MESSAGE);
    sim::FaultModel m = model(AB, 3, 2, 0);
    CrossCheck r = cross_check(program, m);
    EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
    EXPECT_EQ(r.exhaustive_all, (SpecSet{{{sim::Omission{NodeId(0), NodeId(1), 1}}, {}}}));
    EXPECT_TRUE(r.problems.empty()) << describe(r, m);
}

// A negated atom whose support cannot be told (p's first rule reads `crash` positively) flips
// under any fault that can change a tuple at its time -- including an omission sent at that very
// time, whose clock tuple is at the send time: losing a->b@2 removes clock(a, b, 2, 3)@2, so
// p(b)@2 appears, q(b)@2 is lost and post(b)@3 with it. (Only omissions sent strictly before
// the atom's time used to count, and LDFI certified.)
const char* const CLOCK_SAME_TIME = R"(
p(N) :- live(N), crash(_, "z", _);
p(N) :- live(N), notin clock("a", N, 2, 3);
q(N) :- live(N), notin p(N);
post(N)@next :- q(N);
pre(N) :- live(N), N == "b";
)";

TEST(CrossCheckRegression, AnyFaultIncludesOmissionsAtTheAtomsTime) {
    ProgramPtr program = spec(CLOCK_SAME_TIME);
    sim::FaultModel m = model(AB, 3, 3, 0);
    CrossCheck r = cross_check(program, m);
    EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
    EXPECT_EQ(r.exhaustive_all, (SpecSet{{{sim::Omission{NodeId(0), NodeId(1), 2}}, {}}}));
    EXPECT_TRUE(r.problems.empty()) << describe(r, m);
}

// A `pre` brought back by a crash: under {omit a->b@1} pre(b) is gone, but alt(b) -- which reads
// crash(_, "a", _) positively, like a failure detector -- restores it once a crashes, and post(b)
// stays lost. The why-not lineage of pre must name that crash; when it gave up on positive
// crash atoms this was sound but learned nothing, and a why-not that dropped the crash would
// prune the minimal counterexample {omit a->b@1, crash a@2}.
const char* const PRE_BACK_BY_A_CRASH = R"(
start("a")@1;
m(M)@async :- start(N), node(N, M);
m(N)@next :- m(N);
alt(N) :- live(N), N == "b", crash(_, "a", _);
pre(N) :- m(N);
pre(N) :- alt(N);
post(N) :- m(N);
)";

TEST(CrossCheckRegression, PreBroughtBackByACrash) {
    ProgramPtr program = spec(PRE_BACK_BY_A_CRASH);
    sim::FaultModel m = model(AB, 3, 2, 1);
    CrossCheck r = cross_check(program, m);
    EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
    const sim::Omission lost{NodeId(0), NodeId(1), 1};
    EXPECT_EQ(r.exhaustive_all,
              (SpecSet{{{}, {sim::Crash{NodeId(0), 1}}}, {{lost}, {sim::Crash{NodeId(0), 2}}}}));
    EXPECT_TRUE(r.problems.empty()) << describe(r, m);
}

// An aggregate over a gainable relation: losing a->b@1 GAINS the row bad(b, 2), so count goes
// from 1 to 2 and cnt(b, 1) -- and with it post(b) -- is lost. The firing of cnt(b, 1) is encoded
// as the AND of the rows it counted (bad(b, 1)), which no fault removes; nothing in the encoding
// says that a gained row breaks an aggregate (the aggregate rule has no negated atom, so there is
// no negative support either), so LDFI certifies.
const char* const AGGREGATE_GAIN = R"(
start("a")@1;
msg(M)@async :- start(N), node(N, M);
msg(N)@next :- msg(N);
bad(N, 1) :- live(N);
bad(N, 2) :- live(N), notin msg(N);
cnt(N, count<X>) :- bad(N, X);
post(N) :- cnt(N, C), C == 1;
pre(N) :- live(N), N != "a";
)";

TEST(CrossCheckRegression, AggregateBrokenByAGainedRow) {
    ProgramPtr program = spec(AGGREGATE_GAIN);
    sim::FaultModel m = model(AB, 3, 2, 0);
    CrossCheck r = cross_check(program, m);
    EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
    EXPECT_EQ(r.exhaustive_all, (SpecSet{{{sim::Omission{NodeId(0), NodeId(1), 1}}, {}}}));
    EXPECT_TRUE(r.problems.empty()) << describe(r, m);
}

// An aggregate's value also changes when its group GAINS a row that was blocked or missing in
// the run LDFI learned from (issue 15 item 5). Each of these was certified, or answered with a
// larger counterexample, while exhaustive found one fault. Written without NODES (their own
// node-free relations; `live` would clash).

// A row blocked by a veto that rides on a message: losing a->b@1 lets c(b, 2) in, max goes 1 -> 2.
const char* const AGGREGATE_LOST_VETO = R"(
c("b", 1)@2; c("b", 2)@2; v("a", 2)@1;
veto("b", V)@async :- v("a", V);
m(N, max<V>) :- c(N, V), notin veto(N, V);
pre(N) :- c(N, _);
post(N) :- m(N, 1);
)";

// A row blocked by a crash in a run LDFI learned from: without the crash, c counts again.
const char* const AGGREGATE_CRASH_LEFT_OUT = R"(
peer("b", "a")@2; peer("b", "c")@2; oksrc("c", "b")@1;
ok(B)@async :- oksrc(C, B);
alive(N, count<M>) :- peer(N, M), notin crash(N, M, _);
pre(N) :- peer(N, _);
post(N) :- ok(N);
post(N) :- alive(N, 1);
)";

// Rows that ride on messages a learned run lost come back under fewer faults.
const char* const AGGREGATE_ROWS_RESTORED = R"(
src("a", "b")@1; src("c", "b")@1; oksrc("a", "b")@2; want("b")@3;
got(B, S)@async :- src(S, B);
got(B, S)@next :- got(B, S);
ok(B)@async :- oksrc(A, B);
cnt(N, count<S>) :- got(N, S);
pre(N) :- want(N);
post(N) :- ok(N);
post(N) :- cnt(N, 1);
)";

struct AggregateGain {
    const char* name;
    const char* text;
    std::vector<std::string> nodes;
    std::int32_t eot, eff, crashes;
    sim::FailureSpec smallest;  ///< the one-fault counterexample both strategies must report first
};

void PrintTo(const AggregateGain& c, std::ostream* os) { *os << c.name; }

sim::FailureSpec one_fault(const sim::Fault& f) {
    sim::FailureSpec spec;
    spec.add(f);
    return spec;
}

class AggregateGainTest : public ::testing::TestWithParam<AggregateGain> {};

TEST_P(AggregateGainTest, LdfiFindsTheOneFaultCounterexample) {
    const AggregateGain& c = GetParam();
    ProgramPtr program = program_from_text(c.text);
    sim::FaultModel m = model(c.nodes, c.eot, c.eff, c.crashes);
    for (search::Strategy s : {search::Strategy::LDFI, search::Strategy::EXHAUSTIVE}) {
        search::CheckResult r = run_check(program, m, {.strategy = s});
        ASSERT_EQ(r.outcome, Outcome::COUNTEREXAMPLE) << search::to_string(s);
        EXPECT_EQ(r.counterexamples.front().faults, c.smallest)
            << search::to_string(s) << ": " << m.format(r.counterexamples.front().faults);
    }
    CrossCheck r = cross_check(program, m);
    EXPECT_TRUE(r.problems.empty()) << describe(r, m);
    EXPECT_TRUE(r.ldfi_extra.empty()) << describe(r, m);
}

INSTANTIATE_TEST_SUITE_P(
    CrossCheckRegression, AggregateGainTest,
    ::testing::Values(AggregateGain{"lost_veto", AGGREGATE_LOST_VETO, AB, 2, 2, 0,
                                    one_fault(sim::Omission{NodeId(0), NodeId(1), 1})},
                      AggregateGain{"crash_left_out", AGGREGATE_CRASH_LEFT_OUT, ABC, 2, 2, 1,
                                    one_fault(sim::Omission{NodeId(2), NodeId(1), 1})},
                      AggregateGain{"rows_restored", AGGREGATE_ROWS_RESTORED, ABC, 3, 3, 1,
                                    one_fault(sim::Crash{NodeId(0), 2})}),
    [](const ::testing::TestParamInfo<AggregateGain>& info) { return std::string(info.param.name); });

// The same gap, systematically: a ladder of `depth` negations over a base tuple l0(b) that one
// fault removes (a message a->b@1, or -- through `notin crash` -- a crash of a). Each level
// flips: l_i(N) :- live(N), notin l_{i-1}(N); post reads the top level so that it holds without
// faults. The single fault flips the whole ladder and loses post(b): exhaustive always finds it.
// An encoding of "the support tuple l_{depth-1}(b) is lost" that follows only positive bodies
// and messages finds it while that lineage has no negation (message base up to depth 2, crash
// base at depth 0) and misses it beyond.
struct Ladder {
    bool crash_base;
    int depth;
};

void PrintTo(const Ladder& l, std::ostream* os) { *os << (l.crash_base ? "crash" : "message") << l.depth; }

std::string ladder_text(const Ladder& l) {
    std::string t = l.crash_base
                        ? "l0(N) :- live(N), notin crash(_, \"a\", _);\n"
                        : "start(\"a\")@1;\nl0(M)@async :- start(N), node(N, M);\nl0(N)@next :- l0(N);\n";
    for (int i = 1; i <= l.depth; ++i) {
        t += "l" + std::to_string(i) + "(N) :- live(N), notin l" + std::to_string(i - 1) + "(N);\n";
    }
    std::string top = "l" + std::to_string(l.depth) + "(N)";
    t += l.depth % 2 == 0 ? "post(N) :- live(N), " + top + ";\n" : "post(N) :- live(N), notin " + top + ";\n";
    return t + "pre(N) :- live(N), N != \"a\";\n";
}

class NegationLadder : public ::testing::TestWithParam<Ladder> {};

TEST_P(NegationLadder, LdfiAgreesWithExhaustive) {
    ProgramPtr program = spec(ladder_text(GetParam()));
    sim::FaultModel m = model(AB, 3, 2, 1);
    CrossCheck r = cross_check(program, m);
    EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
    EXPECT_TRUE(r.problems.empty()) << describe(r, m) << ladder_text(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Depths, NegationLadder,
                         ::testing::Values(Ladder{false, 0}, Ladder{false, 1}, Ladder{false, 2},
                                           Ladder{false, 3}, Ladder{false, 4}, Ladder{true, 0},
                                           Ladder{true, 1}, Ladder{true, 2}, Ladder{true, 3}),
                         [](const ::testing::TestParamInfo<Ladder>& info) {
                             return std::string(info.param.crash_base ? "crash" : "message") +
                                    std::to_string(info.param.depth);
                         });

// A negated atom learned from a FAULTY run. Fault-free, post(b) holds through x(b) (a->b@2, after
// b's hello b->a@1 reached a); p(b) (a->b@3) blocks the second rule. Round 1 runs both minimal
// cuts: {b->a@1} silences a, so p(b) is missing and post(b) holds by `y(b), notin p(b)`;
// {a->b@2} leaves x unacked and a resends at 4 (a->b@4). LDFI learns the first run's firing with
// `notin p(b)@5` as STABLE: p only loses tuples under faults -- relative to the fault-free run.
// In that run p(b) was absent only BECAUSE of its faults; under {a->b@2, a->b@4}, which does not
// contain b->a@1, p(b) is back, the firing cannot happen, and x never arrives: a counterexample.
// The formula says post(b) is always derivable, so LDFI certifies.
const char* const NEGATION_LEARNED_UNDER_FAULTS = R"(
clk("a", 1)@1;
clk(N, U)@next :- clk(N, T), U == T + 1;
hello_src("b")@1;
hello(M)@async :- hello_src(N), node(N, M);
heard(N) :- hello(N);
heard(N)@next :- heard(N);
x(M)@async :- heard(N), node(N, M), clk(N, 2);
x(N)@next :- x(N);
ack(M)@async :- x(N), node(N, M);
ack(N)@next :- ack(N);
x(M)@async :- heard(N), node(N, M), clk(N, 4), notin ack(N);
p(M)@async :- heard(N), node(N, M), clk(N, 3);
p(N)@next :- p(N);
y("b")@1;
y(N)@next :- y(N);
post(N) :- x(N);
post(N) :- y(N), notin p(N);
pre(N) :- y(N);
)";

TEST(CrossCheckRegression, NegatedAtomLearnedFromAFaultyRun) {
    ProgramPtr program = spec(NEGATION_LEARNED_UNDER_FAULTS);
    sim::FaultModel m = model(AB, 5, 5, 0);
    CrossCheck r = cross_check(program, m);
    EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
    EXPECT_TRUE(r.exhaustive_all.count(
        {{sim::Omission{NodeId(0), NodeId(1), 2}, sim::Omission{NodeId(0), NodeId(1), 4}}, {}}))
        << format_sets(m, r.exhaustive_all);
    EXPECT_TRUE(r.problems.empty()) << describe(r, m);
}

// ---- Documented limit (docs/algorithm.md, "What it does not cover") ----------------------------

// A `pre` tuple that appears only under faults is not a goal. Here pre(a, "abort") exists only
// when the coordinator aborts (a vote or prepare was lost); losing the abort decision too violates
// the invariant. The fault-free run has other pre tuples (pre(a, "up")), so the result is not even
// flagged vacuous: LDFI certifies silently. This test pins the documented behaviour; when the
// limit is lifted it should be changed into a cross-check case.

TEST(CrossCheckDocumentedLimit, PreOnlyUnderFaultsIsNotAGoal) {
    ProgramPtr program = spec(ABORT_ONLY_UNDER_FAULTS);
    EXPECT_TRUE(lineage::analyze_fault_sensitivity(*program).gainable[program->pre.index()]);
    sim::FaultModel m = model({"a", "C"}, 4, 4, 0);
    auto exh = run_check(program, m, {.strategy = search::Strategy::EXHAUSTIVE, .all = true});
    EXPECT_EQ(exh.outcome, Outcome::COUNTEREXAMPLE);
    // omit C->a@1 (prepare) or a->C@2 (vote) makes C abort; omit C->a@3 loses the abort decision.
    SpecSet expected{{{sim::Omission{NodeId(1), NodeId(0), 1}, sim::Omission{NodeId(1), NodeId(0), 3}}, {}},
                     {{sim::Omission{NodeId(0), NodeId(1), 2}, sim::Omission{NodeId(1), NodeId(0), 3}}, {}}};
    EXPECT_EQ(counterexample_sets(exh), expected) << format_sets(m, counterexample_sets(exh));
    auto ldfi = run_check(program, m, {.strategy = search::Strategy::LDFI, .all = true});
    EXPECT_EQ(ldfi.outcome, Outcome::CERTIFIED)
        << "the documented limit was lifted: make this a cross-check case";
    EXPECT_FALSE(ldfi.vacuous);
    EXPECT_EQ(ldfi.runs.size(), 1u);
}

// `notin heard(N, _)` holds again only when EVERY heard(a, _) tuple is lost: losing a->b@1 alone
// leaves heard(a, c), so `alone(a)` cannot appear and no single omission is a hypothesis. With
// the matches of a `_` literal grouped (all must be lost), LDFI goes from the fault-free run
// straight to the pair; taking each match alone proposed both single omissions first (4 runs).
const char* const ALONE_WHEN_ALL_ARE_LOST = R"(
start("a")@1;
boot(N) :- start(N);
boot(N)@next :- boot(N);
m(M)@async :- start(N), node(N, M);
m(N)@next :- m(N);
heard(N, M) :- boot(N), m(M);
alone(N) :- boot(N), notin heard(N, _);
pre(N) :- boot(N);
post(N) :- boot(N), notin alone(N);
)";

TEST(CrossCheckRegression, WildcardNegationFlipsOnlyWhenEveryMatchIsLost) {
    ProgramPtr program = spec(ALONE_WHEN_ALL_ARE_LOST);
    sim::FaultModel m = model(ABC, 3, 2, 0);
    CrossCheck r = cross_check(program, m);
    EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
    const sim::FailureSpec both{
        {sim::Omission{NodeId(0), NodeId(1), 1}, sim::Omission{NodeId(0), NodeId(2), 1}}, {}};
    EXPECT_EQ(r.exhaustive_all, SpecSet{both});
    EXPECT_TRUE(r.problems.empty()) << describe(r, m);
    search::CheckResult ldfi = run_check(program, m);
    ASSERT_EQ(ldfi.counterexamples.size(), 1u);
    EXPECT_EQ(ldfi.counterexamples[0].faults, both);
    EXPECT_EQ(ldfi.runs.size(), 2u) << "a single omission was proposed";
}

// Why-not lineage takes each node as a value of an open location variable only where the
// relation's tuples are always at nodes. `lost` is derived at b but located at "x", not a node:
// losing a->b@1 makes lost("x", b) appear, q(b) with it, and post(b) is lost. Had L in q's rule
// ranged over the nodes a and b only, lost(L, b) could never appear there and LDFI would
// certify.
const char* const LOCATED_ELSEWHERE = R"(
start("a")@1;
m(M)@async :- start(N), node(N, M);
m(N)@next :- m(N);
lost("x", N) :- live(N), N != "a", notin m(N);
q(N) :- live(N), lost(L, N);
pre(N) :- live(N), N != "a";
post(N) :- live(N), notin q(N);
)";

TEST(CrossCheckRegression, AnOpenLocationRangesOverNodesOnlyWhereTuplesLiveAtNodes) {
    ProgramPtr program = spec(LOCATED_ELSEWHERE);
    sim::FaultModel m = model(AB, 3, 2, 0);
    CrossCheck r = cross_check(program, m);
    EXPECT_EQ(r.outcome, Outcome::COUNTEREXAMPLE);
    EXPECT_EQ(r.exhaustive_all, (SpecSet{{{sim::Omission{NodeId(0), NodeId(1), 1}}, {}}}));
    EXPECT_TRUE(r.problems.empty()) << describe(r, m);
}

}  // namespace
}  // namespace ldfi::test
