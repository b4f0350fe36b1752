// Indexes, buffered heads and the well-foundedness rule of provenance mode.
#include "run_state.hpp"

#include <string>

#include "ldfi/util/error.hpp"
#include "ldfi/util/hash.hpp"
#include "ldfi/util/memory.hpp"

namespace ldfi::eval::detail {

std::uint32_t key_hash(std::span<const ValueId> values, const std::vector<std::uint32_t>& cols) {
    std::uint64_t h = HASH_SEED;
    for (std::uint32_t c : cols) h = hash_mix(h, values[c].value);
    return static_cast<std::uint32_t>(h ^ (h >> 32));
}

std::uint32_t key_hash(const ValueId* key, std::size_t n) {
    std::uint64_t h = hash_values({key, n});
    return static_cast<std::uint32_t>(h ^ (h >> 32));
}

void PatternIndex::add(std::uint32_t pos, std::uint32_t hash) {
    std::uint32_t b = hash & static_cast<std::uint32_t>(heads.size() - 1);
    next[pos] = 0;
    if (tails[b] == 0) {
        heads[b] = pos + 1;
    } else {
        next[tails[b] - 1] = pos + 1;
    }
    tails[b] = pos + 1;
}

void PatternIndex::catch_up(const Database& db, const std::vector<TupleId>& list,
                            const std::vector<std::uint32_t>& cols) {
    auto size = static_cast<std::uint32_t>(list.size());
    if (covered == size) return;
    next.resize(size);
    hashes.resize(size);
    for (std::uint32_t pos = covered; pos < size; ++pos) hashes[pos] = key_hash(db.values(list[pos]), cols);
    if (static_cast<std::size_t>(size) * 2 > heads.size()) {
        std::size_t buckets = 16;
        while (buckets < static_cast<std::size_t>(size) * 4) buckets *= 2;
        heads.assign(buckets, 0);
        tails.assign(buckets, 0);
        covered = 0;
    }
    for (std::uint32_t pos = covered; pos < size; ++pos) add(pos, hashes[pos]);
    covered = size;
}

RunState::RunState(const PreparedImpl& p, Database& d, ValueTable& v, std::vector<Firing>& f, EvalOptions o)
    : prep(p), db(d), values(v), firings(f), options(o), eot(d.eot()) {
    delta_lo.assign(p.arities.size(), 0);
    indexes.resize(p.patterns.size() * static_cast<std::size_t>(eot + 2));
}

PatternIndex& RunState::index(std::uint32_t pattern, std::int32_t time) {
    auto& slot = indexes[pattern * static_cast<std::size_t>(eot + 2) + static_cast<std::size_t>(time)];
    if (!slot) slot = std::make_unique<PatternIndex>();
    return *slot;
}

void RunState::check_limit(std::uint64_t count) {
    // Reading /proc costs microseconds; every 2^16 tuples (a few MB) keeps it invisible.
    if ((++memory_tick & 0xFFFF) == 0) check_resource_limits(("at time " + std::to_string(now)).c_str());
    if (count <= options.max_tuples) return;
    throw ResourceError("tuple limit " + std::to_string(options.max_tuples) + " reached at time " +
                        std::to_string(now) + "; raise --max-tuples to allow more");
}

void RunState::load(RelId rel, std::int32_t time, std::span<const ValueId> vals) {
    auto [id, fresh] = db.insert(rel, time, vals);
    if (!fresh) return;
    stamps.push_back(0);  // before every round: never a rule's head of this run
    check_limit(db.size());
}

void RunState::apply_pending(MessageRouter* router) {
    for (const PendingHead& p : pending) {
        TupleId head;
        if (!p.lost) {
            std::uint32_t arity = db.arity(p.rel);
            auto [id, fresh] = db.insert(p.rel, p.time, {pending_values.data() + p.values, arity});
            head = id;
            if (fresh) {
                stamps.push_back(stamp);
                ++derived;
                check_limit(db.size());
            }
            if (router && p.message != NONE) router->arrived(p.message, id);
            // May mode records every firing: another fault set may leave only this one.
            if (stamps[id.index()] != stamp && !options.may) continue;
        }
        if (!options.provenance) continue;
        Firing f{p.rule,
                 head,
                 {pending_body.begin() + p.body, pending_body.begin() + p.body + p.body_len},
                 {pending_negs.begin() + p.neg, pending_negs.begin() + p.neg + p.neg_len},
                 std::nullopt,
                 std::nullopt};
        if (p.message != NONE) f.message = p.message;
        if (p.group != NONE) f.group = p.group;
        firings.push_back(std::move(f));
    }
    pending.clear();
    pending_values.clear();
    pending_body.clear();
    pending_negs.clear();
}

}  // namespace ldfi::eval::detail
