// The mutable state of one evaluation: indexes, derivation stamps, buffered heads, scratch space.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "ldfi/eval/database.hpp"
#include "ldfi/eval/evaluator.hpp"
#include "plan.hpp"

namespace ldfi::eval::detail {

/// A hash index over the key columns of one (relation, time): chains of list positions in
/// ascending order, so a scan can stop at the end of its semi-naive range.
struct PatternIndex {
    std::uint32_t covered = 0;          ///< list positions indexed so far
    std::vector<std::uint32_t> heads;   ///< per bucket: first position + 1 (0: empty)
    std::vector<std::uint32_t> tails;   ///< per bucket: last position + 1
    std::vector<std::uint32_t> next;    ///< per position: next position + 1 in its chain
    std::vector<std::uint32_t> hashes;  ///< per position: the key hash (low bits)

    /// Indexes the positions not yet covered (rebuilding when the table gets full).
    void catch_up(const Database& db, const std::vector<TupleId>& list,
                  const std::vector<std::uint32_t>& cols);

private:
    void add(std::uint32_t pos, std::uint32_t hash);
};

/// The key hash of columns `cols` of `values`.
[[nodiscard]] std::uint32_t key_hash(std::span<const ValueId> values, const std::vector<std::uint32_t>& cols);
/// The hash of a key given directly.
[[nodiscard]] std::uint32_t key_hash(const ValueId* key, std::size_t n);

/// A head derived in the current round, inserted when the round ends.
struct PendingHead {
    RelId rel;
    std::int32_t time = 0;
    RuleId rule;
    std::uint32_t values = 0;              ///< offset into RunState::pending_values
    std::uint32_t body = 0, body_len = 0;  ///< into pending_body (provenance)
    std::uint32_t neg = 0, neg_len = 0;    ///< into pending_negs (provenance)
    std::uint32_t message = NONE;
    std::uint32_t group = NONE;  ///< may mode: the aggregate group this head is a value of
    bool lost = false;
};

struct RunState {
    RunState(const PreparedImpl& p, Database& d, ValueTable& v, std::vector<Firing>& f, EvalOptions o);

    const PreparedImpl& prep;
    Database& db;
    ValueTable& values;
    std::vector<Firing>& firings;
    EvalOptions options;
    std::int32_t eot = 0;
    std::int32_t now = 0;                 ///< the time step being evaluated
    std::uint32_t stamp = 0;              ///< the current round; every tuple remembers the round that made it
    std::vector<std::uint32_t> stamps;    ///< by TupleId
    std::vector<std::uint32_t> delta_lo;  ///< by RelId: first list position of the last round's delta
    std::vector<std::unique_ptr<PatternIndex>> indexes;  ///< [pattern * (eot + 2) + time]
    std::uint64_t derived = 0;
    std::uint64_t probes = 0;       ///< tuples the joins scanned so far (EvalOptions::max_probes)
    std::uint32_t memory_tick = 0;  ///< check_limit calls since the memory guard last looked

    std::vector<AggregateGroup> groups;  ///< may mode

    std::vector<PendingHead> pending;
    std::vector<ValueId> pending_values;
    std::vector<TupleId> pending_body;
    std::vector<NegatedAtom> pending_negs;

    std::vector<ValueId> vars, keys, head;  ///< scratch
    std::vector<TupleId> body;              ///< scratch

    PatternIndex& index(std::uint32_t pattern, std::int32_t time);
    /// Inserts a tuple no rule derived.
    void load(RelId rel, std::int32_t time, std::span<const ValueId> values);
    /// Inserts the buffered heads with stamp `stamp`, recording well-founded firings.
    void apply_pending(MessageRouter* router);
    /// ResourceError beyond max_tuples; every so often also polls the memory guard.
    void check_limit(std::uint64_t count);
};

}  // namespace ldfi::eval::detail
