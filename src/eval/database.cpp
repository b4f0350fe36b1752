// The tuple store of a run: set semantics per (relation, time), insertion order preserved.
#include "ldfi/eval/database.hpp"

#include <algorithm>

#include "ldfi/util/error.hpp"
#include "ldfi/util/hash.hpp"

namespace ldfi::eval {

namespace {
const std::vector<TupleId> EMPTY_LIST;
constexpr std::size_t INITIAL_TABLE = 8;
}  // namespace

Database::Database(std::vector<std::uint32_t> arities, std::int32_t eot)
    : m_arities(std::move(arities)), m_eot(std::max(eot, 0)) {
    m_slots.resize(m_arities.size() * static_cast<std::size_t>(m_eot + 2));
}

std::size_t Database::slot_index(RelId rel, std::int32_t time) const {
    return rel.index() * static_cast<std::size_t>(m_eot + 2) + static_cast<std::size_t>(time);
}

std::span<const ValueId> Database::values(TupleId t) const {
    const Meta& m = m_meta[t.index()];
    return {m_pool.data() + m.offset, m_arities[m.rel.index()]};
}

const std::vector<TupleId>& Database::tuples(RelId rel, std::int32_t time) const {
    if (!rel.valid() || rel.index() >= m_arities.size() || time < 0 || time > m_eot + 1) return EMPTY_LIST;
    return m_slots[slot_index(rel, time)].list;
}

// Returns the table position holding `values`, or the empty position where it would go.
std::uint32_t Database::probe(const Slot& slot, std::span<const ValueId> values, std::uint64_t hash) const {
    const auto mask = static_cast<std::uint32_t>(slot.table.size() - 1);
    auto pos = static_cast<std::uint32_t>(hash) & mask;
    while (true) {
        std::uint32_t entry = slot.table[pos];
        if (entry == 0) return pos;
        auto stored = this->values(TupleId{entry - 1});
        if (std::equal(stored.begin(), stored.end(), values.begin())) return pos;
        pos = (pos + 1) & mask;
    }
}

void Database::grow(Slot& slot) {
    std::vector<std::uint32_t> old = std::move(slot.table);
    slot.table.assign(old.empty() ? INITIAL_TABLE : old.size() * 2, 0);
    for (TupleId t : slot.list) {
        auto vals = values(t);
        slot.table[probe(slot, vals, hash_values(vals))] = t.value + 1;
    }
}

std::pair<TupleId, bool> Database::insert(RelId rel, std::int32_t time, std::span<const ValueId> values) {
    if (!rel.valid() || rel.index() >= m_arities.size() || time < 0 || time > m_eot + 1 ||
        values.size() != m_arities[rel.index()]) {
        throw InternalError("Database::insert: relation, time or arity out of range");
    }
    Slot& slot = m_slots[slot_index(rel, time)];
    if ((slot.list.size() + 1) * 2 > slot.table.size()) grow(slot);
    std::uint64_t hash = hash_values(values);
    std::uint32_t pos = probe(slot, values, hash);
    if (slot.table[pos] != 0) return {TupleId{slot.table[pos] - 1}, false};
    TupleId id{static_cast<std::uint32_t>(m_meta.size())};
    m_meta.push_back(Meta{rel, time, static_cast<std::uint32_t>(m_pool.size())});
    m_pool.insert(m_pool.end(), values.begin(), values.end());
    slot.list.push_back(id);
    slot.table[pos] = id.value + 1;
    return {id, true};
}

std::optional<TupleId> Database::find(RelId rel, std::int32_t time, std::span<const ValueId> values) const {
    if (!rel.valid() || rel.index() >= m_arities.size() || time < 0 || time > m_eot + 1 ||
        values.size() != m_arities[rel.index()]) {
        return std::nullopt;
    }
    const Slot& slot = m_slots[slot_index(rel, time)];
    if (slot.table.empty()) return std::nullopt;
    std::uint32_t entry = slot.table[probe(slot, values, hash_values(values))];
    if (entry == 0) return std::nullopt;
    return TupleId{entry - 1};
}

}  // namespace ldfi::eval
