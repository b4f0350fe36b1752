// Every tuple of a run at every time, and the firing records of provenance mode.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ldfi/util/ids.hpp"

namespace ldfi::eval {

using TupleId = StrongId<struct TupleTag>;  ///< a tuple at one time, within one Database

/// Append-only store of (relation, time, values) triples with set semantics per (rel, time).
/// Iteration order is insertion order, so output built from it is deterministic.
class Database {
public:
    explicit Database(std::vector<std::uint32_t> arities, std::int32_t eot);

    /// Inserts; returns the tuple's id and whether it was new.
    std::pair<TupleId, bool> insert(RelId rel, std::int32_t time, std::span<const ValueId> values);
    [[nodiscard]] std::optional<TupleId> find(RelId rel, std::int32_t time,
                                              std::span<const ValueId> values) const;
    [[nodiscard]] RelId rel(TupleId t) const { return m_meta[t.index()].rel; }
    [[nodiscard]] std::int32_t time(TupleId t) const { return m_meta[t.index()].time; }
    [[nodiscard]] std::span<const ValueId> values(TupleId t) const;
    /// The tuples of `rel` at `time`, in insertion order.
    [[nodiscard]] const std::vector<TupleId>& tuples(RelId rel, std::int32_t time) const;
    [[nodiscard]] std::size_t size() const { return m_meta.size(); }
    [[nodiscard]] std::int32_t eot() const { return m_eot; }
    [[nodiscard]] std::uint32_t arity(RelId rel) const { return m_arities[rel.index()]; }
    [[nodiscard]] std::size_t relation_count() const { return m_arities.size(); }

private:
    struct Meta {
        RelId rel;
        std::int32_t time;
        std::uint32_t offset;
    };
    /// Per (rel, time): the tuples in insertion order and an open-addressing set over them.
    struct Slot {
        std::vector<TupleId> list;
        std::vector<std::uint32_t> table;  ///< TupleId + 1, 0 = empty; size a power of two
    };
    [[nodiscard]] std::size_t slot_index(RelId rel, std::int32_t time) const;
    [[nodiscard]] std::uint32_t probe(const Slot& slot, std::span<const ValueId> values,
                                      std::uint64_t hash) const;
    void grow(Slot& slot);

    std::vector<std::uint32_t> m_arities;
    std::int32_t m_eot;
    std::vector<Meta> m_meta;
    std::vector<ValueId> m_pool;
    std::vector<Slot> m_slots;  ///< [rel * (eot + 2) + time]
};

/// A negated atom that held when a rule fired: no tuple of `rel` at `time` matched `values`
/// (an invalid ValueId in `values` is a wildcard).
struct NegatedAtom {
    RelId rel;
    std::int32_t time = 0;
    std::vector<ValueId> values;
};

/// One well-founded rule firing: every body tuple was derived in an earlier round of the
/// fixpoint, or at an earlier time, than the head was first derived.
struct Firing {
    RuleId rule;
    TupleId head;               ///< for a lost message: invalid (see Run::messages)
    std::vector<TupleId> body;  ///< positive body tuples, in body order
    std::vector<NegatedAtom> negated;
    /// For an `@async` firing: the message this firing sent (index into Run::messages).
    std::optional<std::uint32_t> message;
    /// May mode (EvalOptions::may): the head of an aggregate rule, one per value the aggregate
    /// may take; its rows are the AggregateGroup this indexes (body and negated stay empty).
    std::optional<std::uint32_t> group;
};

/// May mode: one group of an aggregate rule at one time, with every row that may hold. The
/// group's heads are the firings whose `group` names it, one per value the aggregate may take.
struct AggregateGroup {
    RuleId rule;
    std::int32_t time = 0;     ///< the time the body was evaluated at
    std::uint32_t column = 0;  ///< the aggregated head column
    struct Row {
        ValueId value;  ///< the aggregated variable's value in this row
        ValueId from;   ///< the rule's location in this row (the sender of an `@async` head)
        std::vector<TupleId> body;
        std::vector<NegatedAtom> negated;
    };
    std::vector<Row> rows;
    /// Why the values this group may take were not enumerated (a subset-sum or average range
    /// over the limit, an overflow, several aggregated columns); empty when they were.
    std::string unsupported;
};

}  // namespace ldfi::eval
