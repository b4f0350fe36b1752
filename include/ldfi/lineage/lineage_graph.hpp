// The lineage of a run's goals: which firings, messages and facts derived them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/sim/run.hpp"
#include "ldfi/util/value.hpp"

namespace ldfi::lineage {

/// A tuple at a time, by value: the same key in two runs names the same tuple.
struct TupleKey {
    RelId rel;
    std::vector<Value> values;
    std::int32_t time = 0;
    bool operator==(const TupleKey&) const = default;
};

struct TupleKeyHash {
    std::size_t operator()(const TupleKey& k) const noexcept;
};

/// Why a tuple is there.
enum class TupleOrigin {
    FACT,     ///< given in the spec for this time (needs nothing)
    DERIVED,  ///< derived by rule firings (see LineageTuple::firings)
    CRASH,    ///< built-in crash(Observer, Crashed, T): holds because Crashed crashed at T
    CLOCK,    ///< built-in clock(From, To, Sent, Delivered): the channel was open at Sent
};

/// A message carried by an @async firing.
struct MessageHop {
    NodeId from, to;
    std::int32_t sent = 0;
};

/// How faults could make a negated atom true, and so break the firing that needed it false.
enum class NegativeSupport {
    STABLE,     ///< no fault can make it hold (its relation only loses tuples under faults)
    CRASHES,    ///< an atom of the built-in `crash` relation: exactly "a matching crash happened"
    TUPLES,     ///< it can hold only if one of `support_tuples` is lost, all of one group of
                ///< `support_all_of` are, or a crash matching one of the crash patterns happens
                ///< (why-not lineage)
    ANY_FAULT,  ///< we cannot tell which faults matter: any crash, or omission sent at or before its time
};

/// A negated atom that a firing needed to stay false (wildcards as nullopt). An aggregate firing
/// also has one per body literal whose change could give its group a new row (the literal with
/// the group's values): its support says what would make that row appear (docs/algorithm.md).
struct NegatedKey {
    RelId rel;
    std::vector<std::optional<Value>> values;
    std::int32_t time = 0;
    NegativeSupport support = NegativeSupport::STABLE;
    std::vector<std::uint32_t> support_tuples;  ///< TUPLES: indexes into LineageGraph::tuples()
    /// TUPLES: groups of tuple indexes that flip the atom only when every tuple of the group is
    /// lost (the matches of a `notin p(X, _)` for one X).
    std::vector<std::vector<std::uint32_t>> support_all_of;
    /// TUPLES: patterns of `crash(Observer, Crashed, T)` atoms (wildcards as nullopt) whose
    /// appearing, i.e. a matching crash, could make the atom hold.
    std::vector<std::vector<std::optional<Value>>> support_crashes;
    /// Its relation can lose tuples under faults, so a run with FEWER faults than this one may
    /// hold the atom: the firing is only known to recur when all of this run's faults recur.
    bool restorable = false;

    /// Every tuple of the support, alone or in a group, in order and without repeats.
    [[nodiscard]] std::vector<std::uint32_t> every_support_tuple() const;
};

struct LineageTuple {
    TupleKey key;
    TupleOrigin origin = TupleOrigin::DERIVED;
    std::vector<std::uint32_t> firings;  ///< indexes into LineageGraph::firings()
};

struct LineageFiring {
    RuleId rule;
    std::uint32_t head = 0;           ///< index into LineageGraph::tuples()
    std::vector<std::uint32_t> body;  ///< indexes into LineageGraph::tuples()
    std::vector<NegatedKey> negated;
    std::optional<MessageHop> message;  ///< for @async firings
};

/// The part of a run's derivation graph that reaches the goals, pruned of everything else.
/// Built once per run and kept with it: a first-class value.
class LineageGraph {
public:
    /// Builds the lineage of `goals` (tuples at EOT, usually `post`) in `run`, which must have
    /// been simulated with provenance. Goals that do not hold in the run are skipped.
    static LineageGraph build(const analysis::CheckedProgram& program, const sim::Run& run,
                              const std::vector<TupleKey>& goals);

    [[nodiscard]] const std::vector<LineageTuple>& tuples() const { return m_tuples; }
    [[nodiscard]] const std::vector<LineageFiring>& firings() const { return m_firings; }
    [[nodiscard]] const std::vector<std::uint32_t>& goals() const { return m_goals; }
    /// The faults of the run this lineage was learned from.
    [[nodiscard]] const sim::FailureSpec& faults() const { return m_faults; }
    /// Tuple indexes in an order where every firing's body comes before its head.
    [[nodiscard]] std::vector<std::uint32_t> topological_order() const;

    /// JSON: {"tuples": [...], "firings": [...], "goals": [...]} (see docs/json.md).
    [[nodiscard]] std::string to_json(const analysis::CheckedProgram& program,
                                      const sim::FaultModel& model) const;
    /// Graphviz DOT; persistence chains (a tuple carried unchanged by an @next rule from the
    /// previous time) collapse into one node labelled with its time range.
    [[nodiscard]] std::string to_dot(const analysis::CheckedProgram& program,
                                     const sim::FaultModel& model) const;

private:
    std::vector<LineageTuple> m_tuples;
    std::vector<LineageFiring> m_firings;
    std::vector<std::uint32_t> m_goals;
    sim::FailureSpec m_faults;
};

/// Why-not for an atom that does NOT hold in `run`: can more faults than the run's make
/// `rel(values)@time` hold? STABLE: no. TUPLES: only if one of the tuples appended to `support`
/// (which hold in the run) is lost, every tuple of one of the groups appended to `all_of` is, or
/// a crash matching one of the `crash` patterns appended to `crashes` happens. ANY_FAULT: we
/// cannot tell. (A nullopt value is a wildcard.)
NegativeSupport why_not(const analysis::CheckedProgram& program, const sim::Run& run, RelId rel,
                        const std::vector<std::optional<Value>>& values, std::int32_t time,
                        std::vector<TupleKey>& support, std::vector<std::vector<TupleKey>>& all_of,
                        std::vector<std::vector<std::optional<Value>>>& crashes);

/// "log(a, hello)@3"
std::string format_key(const analysis::CheckedProgram& program, const TupleKey& key);

}  // namespace ldfi::lineage
