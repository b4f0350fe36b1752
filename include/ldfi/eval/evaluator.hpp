// The evaluator: a checked program prepared once (constants interned, join orders chosen), then
// evaluated time step by time step into a Database, optionally recording firings (provenance).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/eval/database.hpp"
#include "ldfi/util/value.hpp"

namespace ldfi::eval {

namespace detail {
struct PreparedImpl;
struct RunState;
}  // namespace detail

/// A checked program ready to evaluate on a given set of nodes. Immutable once built; shared
/// read-only by every run (each run copies the ValueTable it was built with).
class PreparedProgram {
public:
    /// Interns every constant of `program` and the node names into `values` and plans every rule.
    /// `program` must outlive this object.
    PreparedProgram(const analysis::CheckedProgram& program, const std::vector<std::string>& nodes,
                    ValueTable& values);
    ~PreparedProgram();
    PreparedProgram(PreparedProgram&&) noexcept;
    PreparedProgram& operator=(PreparedProgram&&) noexcept;

    [[nodiscard]] const analysis::CheckedProgram& program() const;
    /// The configured node named by value `v`, or an invalid id.
    [[nodiscard]] NodeId node_of(ValueId v) const;
    /// The value naming node `n`.
    [[nodiscard]] ValueId node_value(NodeId n) const;
    /// The facts of the program, interned, in source order (any time, also beyond EOT).
    struct Fact {
        RelId rel;
        std::int64_t time = 0;
        std::vector<ValueId> values;
    };
    [[nodiscard]] const std::vector<Fact>& facts() const;
    [[nodiscard]] const detail::PreparedImpl& impl() const { return *m_impl; }

private:
    std::unique_ptr<detail::PreparedImpl> m_impl;
};

/// What happened to a message an `@async` rule sent.
struct Routing {
    std::uint32_t message = 0;  ///< index of the message record (Run::messages)
    bool delivered = false;     ///< arrives at the next time step
};

/// The simulator's side of message passing: applies the fault model to every message sent.
class MessageRouter {
public:
    virtual ~MessageRouter() = default;
    /// Called once per `@async` firing sending `values` of `rel` from `from` at `time`. Returns
    /// nullopt to drop the message without a record (e.g. an unconfigured destination).
    virtual std::optional<Routing> route(RelId rel, ValueId from, std::span<const ValueId> values,
                                         std::int32_t time) = 0;
    /// The delivered message `message` is the tuple `tuple` at its arrival time.
    virtual void arrived(std::uint32_t message, TupleId tuple) = 0;
};

struct EvalOptions {
    bool provenance = true;
    std::uint64_t max_tuples = 10'000'000;
    /// Join work limit: ResourceError once one run's joins have scanned more tuples, plus rules
    /// visited in semi-naive rounds, than this (a join can enumerate millions of bindings yet
    /// store few tuples); 0: unlimited.
    std::uint64_t max_probes = 0;
    /// May mode, for grounding (sim/grounding.hpp): what may hold in SOME run. A negated atom
    /// never blocks (it is still recorded), every firing is recorded (not only well-founded
    /// ones), and an aggregate yields every value it may take over subsets of its rows
    /// (aggregate_groups). Needs provenance.
    bool may = false;
};

/// Evaluates one run into `db`. Use: load() the facts, then per time t: load() the built-ins,
/// evaluate(t), and advance(t) while t < eot.
class Evaluator {
public:
    Evaluator(const PreparedProgram& program, Database& db, ValueTable& values, std::vector<Firing>& firings,
              EvalOptions options);
    ~Evaluator();
    Evaluator(const Evaluator&) = delete;
    Evaluator& operator=(const Evaluator&) = delete;

    /// Inserts a tuple no rule derived (a fact, a built-in); ignored outside 1..eot.
    void load(RelId rel, std::int64_t time, std::span<const ValueId> values);
    /// Evaluates the deductive rules at `time`, component by component, each to a fixpoint
    /// (semi-naive).
    void evaluate(std::int32_t time);
    /// Computes the `@async` heads (through `router`) and `@next` heads of `time` into time + 1.
    void advance(std::int32_t time, MessageRouter& router);
    /// Tuples inserted by rules so far.
    [[nodiscard]] std::uint64_t derived_tuples() const;
    /// May mode: the aggregate groups so far (Firing::group indexes them).
    [[nodiscard]] const std::vector<AggregateGroup>& aggregate_groups() const;

private:
    std::unique_ptr<detail::RunState> m_state;
};

}  // namespace ldfi::eval
