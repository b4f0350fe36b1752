// Grounding for the symbolic engine: every ground atom that may hold at each time 1..EOT in SOME
// run within the fault bounds, and every ground rule instance that may derive one. It is the
// simulator in the evaluator's may mode: every message may arrive, every allowed crash may have
// happened, a negated atom may go either way, and an aggregate may take any value over subsets
// of its rows (docs/algorithm.md, "The symbolic engine").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/eval/database.hpp"
#include "ldfi/sim/fault_space.hpp"
#include "ldfi/sim/oracle.hpp"
#include "ldfi/util/value.hpp"

namespace ldfi::sim {

/// What decides whether a ground atom holds.
enum class AtomKind {
    DERIVED,  ///< its rule instances (and nothing else)
    FACT,     ///< given in the spec: always holds
    CRASH,    ///< built-in crash(_, node, time): holds iff that crash is injected
    CLOCK,    ///< built-in clock(from, to, t, t+1): holds iff that channel is open at t
};

struct GroundAtom {
    AtomKind kind = AtomKind::DERIVED;
    NodeId node;            ///< CRASH: the crashed node; CLOCK: the sender
    NodeId peer;            ///< CLOCK: the receiver
    std::int32_t time = 0;  ///< CRASH: the crash time; CLOCK: the send time
};

/// The channel an `@async` instance sends on; it is open unless the message is omitted or its
/// sender is down by then (a self-send is always open).
struct Channel {
    NodeId from, to;
    std::int32_t time = 0;
};

/// A `notin` literal of an instance: it holds iff none of `blockers` holds.
struct GroundNegation {
    std::vector<eval::TupleId> blockers;
};

/// The body of one ground firing: positive atoms and negated literals.
struct GroundBody {
    std::vector<eval::TupleId> positive;
    std::vector<std::uint32_t> negations;  ///< into Grounding::negations
};

/// One ground rule instance: `head` holds if the body holds (and the channel is open).
struct GroundInstance {
    RuleId rule;
    eval::TupleId head;
    GroundBody body;                     ///< empty for an aggregate head (its group has the rows)
    std::optional<Channel> channel;      ///< `@async`
    std::optional<std::uint32_t> group;  ///< an aggregate head: into Grounding::groups
};

/// The rows of one aggregate group: its head with value v holds iff the aggregate over the
/// distinct values of the rows that hold is v (and some row holds).
struct GroundGroup {
    RuleId rule;
    analysis::AggKind kind = analysis::AggKind::COUNT;
    std::uint32_t column = 0;  ///< the aggregated head column
    struct Row {
        ValueId value;
        GroundBody body;
    };
    std::vector<Row> rows;
};

/// The grounded program: the may-run's tuples are its atoms (by TupleId).
struct Grounding {
    ValueTable values;
    eval::Database db;
    std::vector<GroundAtom> atoms;  ///< by TupleId
    std::vector<GroundInstance> instances;
    std::vector<GroundNegation> negations;
    std::vector<GroundGroup> groups;
    std::vector<ValueId> nodes;  ///< the configured nodes' names, by NodeId

    /// Rule instances, counting each aggregate row as one.
    [[nodiscard]] std::uint64_t rule_instances() const;
};

struct GroundingLimits {
    std::uint64_t max_instances = 5'000'000;  ///< `--max-ground`
    std::uint64_t max_tuples = 10'000'000;    ///< `--max-tuples`
};

/// A grounding, or why there is none (too large, or a construct the encoding does not cover).
struct GroundingResult {
    std::optional<Grounding> grounding;
    std::string refusal;
    bool too_large = false;  ///< the refusal is a size limit (not an unsupported construct)
};

/// Grounds `program` for the faults `space` allows.
GroundingResult ground(const analysis::CheckedProgram& program, const FaultSpace& space,
                       const GroundingLimits& limits);

/// The invariant as the grounded program states it, at EOT.
struct GroundGoal {
    OracleKind oracle = OracleKind::IMPLIES;
    /// MOLLY: the fault-free run's `post` tuples at EOT, as values of the grounding's table.
    std::vector<std::vector<ValueId>> fault_free_post;
};

}  // namespace ldfi::sim
