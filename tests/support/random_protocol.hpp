// Random small asynchronous protocols as Dedalus text, for the cross-checks of the search engines
// (tests/unit/search) and the verdict fuzzer (tests/fuzz/fuzz_verdict.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "choices.hpp"

namespace ldfi::test {

/// Node facts for the random protocols and the search tests' hand-written specs (as
/// protocols/lib/nodes.ded, which parse_text cannot include): live(N) for the configured nodes,
/// node(N, M) the full mesh, correct(N) never crashes.
inline const char* const NODES = R"(
proc("a")@1; proc("b")@1; proc("c")@1; proc("d")@1; proc("C")@1;
proc(N)@next :- proc(N);
live(N) :- proc(N);
node(N, M) :- live(N), live(M), N != M;
correct(N) :- live(N), notin crash(_, N, _);
)";

/// One generated protocol and the bounds to check it at.
struct RandomProtocol {
    std::string text;  ///< without the NODES preamble (above)
    std::vector<std::string> nodes;
    std::int32_t eot = 3, eff = 2, crashes = 0;
};

/// Relations r0..r4 of arity 2 (node, payload), r0 seeded by facts. Deductive rules for r_i read
/// lower relations only (positively, under `notin`, or in a count), so every program is stratified; @next and
/// @async rules read anything. Some rules read `crash` (negated, through `correct`, or positively), a few
/// change the payload. The invariant: `pre` from the facts (optionally only for correct nodes) or
/// from a relation, `post` from one or two relations, sometimes through a negation.
class RandomProtocolGen {
public:
    /// `negation_heavy`: most rules carry a `notin` (of lower relations or of crash), for
    /// chains of negations that flip gainable and losable several times. `aggregates`: also a
    /// count over rows that messages carry and crashes or other messages block (aggregate_block).
    explicit RandomProtocolGen(std::uint32_t seed, bool negation_heavy = false, bool aggregates = false)
        : RandomProtocolGen(Choices(seed), negation_heavy, aggregates) {}
    /// The same, its choices taken from `choices` (a fuzzer's bytes).
    RandomProtocolGen(Choices choices, bool negation_heavy, bool aggregates)
        : m_choices(std::move(choices)), m_heavy(negation_heavy), m_aggregates(aggregates) {}

    RandomProtocol build() {
        RandomProtocol p;
        // A count over the other nodes needs three of them to take more than one value.
        p.nodes = !m_aggregates && chance(60) ? std::vector<std::string>{"a", "b"}
                                              : std::vector<std::string>{"a", "b", "c"};
        m_nodes = p.nodes;
        std::string& t = p.text;
        // Seeds.
        t += "r0(\"a\", \"x\")@1;\n";
        if (chance(40)) t += "r0(\"" + node() + "\", \"y\")@1;\n";
        if (chance(50)) t += "r0(N, P)@next :- r0(N, P);\n";
        int rules = pick(4, 8);
        for (int i = 0; i < rules; ++i) t += rule();
        if (m_aggregates) t += aggregate_block();
        // Make sure some message is sent.
        t += "r" + std::to_string(pick(1, RELS - 1)) + "(M, P)@async :- r0(N, P), node(N, M);\n";
        for (int r = 1; r < RELS; ++r) {
            if (chance(50)) t += rel(r) + "(N, P)@next :- " + rel(r) + "(N, P);\n";
        }
        // Invariant: pre from the facts (for every node or every correct one), or from a relation
        // (which may gain tuples under faults: see CrossCheck::documented_limit).
        int pre_kind = pick(1, 100);
        if (pre_kind <= 35) {
            t += "pre(N, P) :- live(N), r0(_, P)@1;\n";
        } else if (pre_kind <= 60) {
            t += "pre(N, P) :- correct(N), r0(_, P)@1;\n";
        } else {
            t += "pre(N, P) :- " + rel(pick(1, RELS - 1)) + "(N, P)" + (chance(30) ? ", correct(N)" : "") +
                 ";\n";
        }
        int post_rel = pick(1, RELS - 1);
        if (chance(25)) {
            int other = pick(1, RELS - 1);
            t +=
                "post(N, P) :- pre(N, P), " + rel(post_rel) + "(N, P), notin " + rel(other) + "(N, \"z\");\n";
        } else {
            t += "post(N, P) :- " + rel(post_rel) + "(N, P);\n";
            if (chance(30)) t += "post(N, P) :- " + rel(pick(1, RELS - 1)) + "(N, P);\n";
        }
        // Bounds small enough for exhaustive.
        std::size_t n = p.nodes.size();
        p.eot = pick(3, 4);
        p.crashes = chance(40) ? 1 : 0;
        int max_eff = n == 2 ? 3 : 2;
        p.eff = pick(1, max_eff);
        if (p.eff == 1 && p.crashes == 0) p.eff = 2;
        return p;
    }

private:
    static constexpr int RELS = 5;

    int pick(int lo, int hi) { return m_choices.pick(lo, hi); }
    bool chance(int percent) { return pick(1, 100) <= percent; }
    static std::string rel(int i) { return "r" + std::to_string(i); }
    std::string node() {
        return m_nodes[static_cast<std::size_t>(pick(0, static_cast<int>(m_nodes.size()) - 1))];
    }
    std::string payload_head() { return chance(15) ? (chance(50) ? "\"y\"" : "\"z\"") : "P"; }

    std::string guard(int below) {
        // An optional extra literal over relations below `below` (exclusive), or crash.
        std::string out;
        if (below > 0 && chance(m_heavy ? 75 : 35)) {
            out += ", notin " + rel(pick(0, below - 1)) + "(N, " + (chance(20) ? "_" : "P") + ")";
        }
        if (below > 0 && chance(20))
            out += ", " + rel(pick(0, below - 1)) + "(N, " + (chance(30) ? "_" : "P") + ")";
        if (chance(m_heavy ? 25 : 10))
            out += chance(70) ? ", notin crash(_, N, _)" : ", notin crash(_, \"a\", _)";
        // A positive crash atom: a rule that fires once a node crashes (a perfect failure detector).
        if (chance(m_heavy ? 12 : 6)) out += chance(60) ? ", crash(_, N, _)" : ", crash(_, \"b\", _)";
        if (chance(8)) out += ", correct(N)";
        return out;
    }

    std::string rule() {
        int head = pick(1, RELS - 1);
        int kind = pick(0, 9);
        if (kind < 4) {  // message
            int body = pick(0, RELS - 1);
            std::string to = chance(70) ? "node(N, M)" : "node(N, M), M == \"" + node() + "\"";
            return rel(head) + "(M, " + payload_head() + ")@async :- " + rel(body) + "(N, P), " + to +
                   guard(RELS) + ";\n";
        }
        if (kind == 7 && head >= 2 && chance(40)) {  // aggregate over a lower relation
            int body = pick(0, head - 1);
            return rel(head) + "(N, count<P>) :- " + rel(body) + "(N, P)" + guard(head) + ";\n";
        }
        if (kind < 8) {  // deductive, lower relations only
            int body = pick(0, head - 1);
            return rel(head) + "(N, " + payload_head() + ") :- " + rel(body) + "(N, P)" + guard(head) + ";\n";
        }
        // inductive
        int body = pick(0, RELS - 1);
        return rel(head) + "(N, " + payload_head() + ")@next :- " + rel(body) + "(N, P)" + guard(RELS) +
               ";\n";
    }

    // A count whose rows faults add as well as remove: heard(N, count<S>) counts the senders S
    // whose message reached N (a lost message or a crash loses a row, fewer faults than a run's
    // bring it back), optionally leaving out senders that crashed (a crash blocks a row, no
    // crash unblocks it) or that sent a veto (a lost veto unblocks a row). A threshold on the
    // count derives an "x" payload, which the invariant's `pre` holds for every node.
    std::string aggregate_block() {
        std::string out = "hf(M, N)@async :- " + sender() + ";\n";
        if (chance(60)) out += "hf(N, S)@next :- hf(N, S);\n";
        std::string body = "hf(N, S)";
        if (chance(50)) body += ", notin crash(_, S, _)";
        if (chance(50)) {
            out += "vt(M, N)@async :- " + sender() + ";\n";
            if (chance(50)) out += "vt(N, S)@next :- vt(N, S);\n";
            body += ", notin vt(N, S)";
        }
        out += "heard(N, count<S>) :- " + body + ";\n";
        const int head = pick(1, RELS - 1);
        out += rel(head) + "(N, \"x\") :- heard(N, K), K" + (chance(60) ? " == " : " >= ") +
               std::to_string(pick(1, 2)) + ";\n";
        if (chance(70)) out += "post(N, P) :- " + rel(head) + "(N, P);\n";
        return out;
    }

    /// The body of a rule that sends from N to M: every node at every time, or where a relation
    /// holds (and a guard allows).
    std::string sender() {
        if (chance(60)) return "live(N), node(N, M)";
        return rel(pick(0, RELS - 1)) + "(N, P), node(N, M)" + guard(RELS);
    }

    Choices m_choices;
    bool m_heavy = false;
    bool m_aggregates = false;
    std::vector<std::string> m_nodes;
};

}  // namespace ldfi::test
