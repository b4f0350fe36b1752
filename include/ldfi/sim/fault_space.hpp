// The fault space of a check, in one place: every fault the bounds allow, in one fixed order
// (crashes, then omissions), their indices, and which sets of them are valid. Every engine (the
// lineage encoder, the level search, Z3, the exhaustive baseline, the symbolic engine) takes its
// faults from here, so they all search the same space.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ldfi/sim/fault_model.hpp"

namespace ldfi::sim {

class FaultSpace {
public:
    explicit FaultSpace(const FaultModel& model);

    [[nodiscard]] const FaultModel& model() const { return m_model; }
    /// Every fault the bounds allow: the crashes (by node, then time), then the omissions (by
    /// sender, receiver, time). A fault's index is its position here.
    [[nodiscard]] const std::vector<Fault>& faults() const { return m_faults; }
    [[nodiscard]] std::size_t size() const { return m_faults.size(); }
    [[nodiscard]] const Fault& fault(std::uint32_t index) const { return m_faults[index]; }
    /// The number of crash faults; they come first, so an index below it is a crash.
    [[nodiscard]] std::uint32_t crash_count() const { return m_crash_count; }
    [[nodiscard]] std::optional<std::uint32_t> index_of(const Fault& f) const;
    /// The indices of `node`'s crashes, by time (empty when no crash is allowed).
    [[nodiscard]] const std::vector<std::uint32_t>& crashes_of(NodeId node) const;
    /// The crash indices of `node` at times <= `time`: the node is down at `time` iff one holds.
    [[nodiscard]] std::vector<std::uint32_t> down_by(NodeId node, std::int32_t time) const;
    /// The index of `omit(from, to, time)`, if the bounds allow it.
    [[nodiscard]] std::optional<std::uint32_t> omission(NodeId from, NodeId to, std::int32_t time) const;

    /// Whether the faults at `indices` (distinct, in any order) may be searched: every one in the
    /// space, at most one crash per node, at most max_crashes crashed nodes.
    [[nodiscard]] bool valid(std::span<const std::uint32_t> indices) const;
    /// Whether the faults at `indices` hold no subsumed pair (FaultModel::subsumed): an omission
    /// from a sender that one of them crashed at or before the send. Such a set runs exactly as
    /// the set without that omission, so the search proposes only canonical sets.
    [[nodiscard]] bool canonical(std::span<const std::uint32_t> indices) const;
    /// The pairs (omission, crash) of indices where the omission is subsumed by the crash
    /// (FaultModel::subsumed): a canonical fault set holds no such pair. By crash, then omission.
    [[nodiscard]] std::vector<std::pair<std::uint32_t, std::uint32_t>> subsumed_pairs() const;
    /// The fault set of some indices.
    [[nodiscard]] FailureSpec spec_of(const std::vector<std::uint32_t>& indices) const;
    /// The indices of `spec`'s faults, sorted; nullopt when one is outside the space.
    [[nodiscard]] std::optional<std::vector<std::uint32_t>> indices_of(const FailureSpec& spec) const;

    /// Calls `visit(indices)` on every valid, canonical set of exactly `size` faults (no omission
    /// subsumed by one of its crashes), in lexicographic order of the sorted index lists, until
    /// it returns false; returns false when stopped.
    template <typename Visit>
    bool for_each_set(std::size_t size, Visit&& visit) const {
        std::vector<std::uint32_t> chosen;
        return extend(0, size, chosen, visit);
    }

    /// How many valid fault sets the bounds allow, in decimal: 2^omissions times the ways to
    /// crash at most max_crashes nodes, each at one of its crash times.
    [[nodiscard]] std::string count_valid_sets() const;

private:
    template <typename Visit>
    bool extend(std::uint32_t from, std::size_t left, std::vector<std::uint32_t>& chosen,
                Visit& visit) const {
        if (left == 0) return visit(static_cast<const std::vector<std::uint32_t>&>(chosen));
        for (std::uint32_t i = from; i + left <= m_faults.size(); ++i) {
            if (!fits(chosen, i)) continue;
            chosen.push_back(i);
            const bool go_on = extend(i + 1, left - 1, chosen, visit);
            chosen.pop_back();
            if (!go_on) return false;
        }
        return true;
    }
    /// Whether fault `index` may join `chosen` (smaller indices): one crash per node, at most
    /// max_crashes crashes, no omission from a node its chosen crash has silenced.
    [[nodiscard]] bool fits(const std::vector<std::uint32_t>& chosen, std::uint32_t index) const;
    /// The node of the crash at `index` (index < crash_count()).
    [[nodiscard]] NodeId crashed(std::uint32_t index) const { return std::get<Crash>(m_faults[index]).node; }

    FaultModel m_model;
    std::vector<Fault> m_faults;
    std::uint32_t m_crash_count = 0;
    std::vector<std::vector<std::uint32_t>> m_crashes_by_node;
    std::int32_t m_omission_times = 0;  ///< eff - 1 (omissions at 1..eff-1), at least 0
};

}  // namespace ldfi::sim
