// The fault model, in one place: what a fault is, what breaks a configuration's bounds, and
// what a set of faults does to a message. Later fault kinds (delay, partitions) go here. The
// faults the bounds allow, in the one order every engine searches, are the FaultSpace's.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ldfi/util/ids.hpp"

namespace ldfi::sim {

/// `omit(from, to, time)`: the messages sent from `from` to `to` at `time` are lost.
struct Omission {
    NodeId from, to;
    std::int32_t time = 0;
    auto operator<=>(const Omission&) const = default;
};

/// `crash(node, time)`: from `time` on, `node` sends nothing.
struct Crash {
    NodeId node;
    std::int32_t time = 0;
    auto operator<=>(const Crash&) const = default;
};

using Fault = std::variant<Omission, Crash>;

/// A set of faults injected into one run. Kept normalised: sorted, no duplicates,
/// at most one crash per node.
struct FailureSpec {
    std::vector<Omission> omissions;
    std::vector<Crash> crashes;

    [[nodiscard]] bool empty() const { return omissions.empty() && crashes.empty(); }
    [[nodiscard]] std::size_t size() const { return omissions.size() + crashes.size(); }
    [[nodiscard]] bool omits(NodeId from, NodeId to, std::int32_t time) const;
    /// The time `node` crashes in this run, if it does.
    [[nodiscard]] std::optional<std::int32_t> crash_time(NodeId node) const;
    /// Adds a fault, keeping the spec normalised (a second crash of a node keeps the earlier one).
    void add(const Fault& f);
    [[nodiscard]] std::vector<Fault> faults() const;  ///< crashes first, then omissions
    /// Whether every fault of `other` is one of this spec's.
    [[nodiscard]] bool includes(const FailureSpec& other) const;
    auto operator<=>(const FailureSpec&) const = default;
};

/// Why a message did or did not arrive.
enum class Delivery { DELIVERED, OMITTED, SENDER_CRASHED };

/// The bounds of a search (or a single run when eff/crashes are not given).
struct FaultBounds {
    std::int32_t eot = 0;          ///< logical end of time; time runs 1..eot
    std::int32_t eff = 0;          ///< omissions only at send times 1..eff-1
    std::int32_t max_crashes = 0;  ///< at most this many distinct nodes crash
};

/// Knows the nodes and bounds; answers what is allowed and what a FailureSpec does.
class FaultModel {
public:
    FaultModel(std::vector<std::string> nodes, FaultBounds bounds);

    [[nodiscard]] const std::vector<std::string>& nodes() const { return m_nodes; }
    [[nodiscard]] const FaultBounds& bounds() const { return m_bounds; }
    [[nodiscard]] std::optional<NodeId> find_node(const std::string& name) const;
    [[nodiscard]] const std::string& node_name(NodeId n) const { return m_nodes[n.index()]; }

    /// True when omission `o` changes nothing once crash `c` happened: its sender is down by
    /// then (it crashed at or before the send). Such an omission is never part of a minimal
    /// fault set, so the search only proposes fault sets without one (FaultSpace::canonical).
    [[nodiscard]] static bool subsumed(const Omission& o, const Crash& c) {
        return o.from == c.node && c.time <= o.time;
    }
    /// An explanation when `spec` breaks the model (self-omission, time out of range, too many
    /// crashed nodes, node id out of range); nullopt when it is allowed.
    [[nodiscard]] std::optional<std::string> violation(const FailureSpec& spec) const;

    /// What `spec` does to a message sent from `from` to `to` at `time`.
    /// Self-sends always arrive (as in the prototype); otherwise a node that crashed at or before
    /// `time` sends nothing, and an omitted message is lost.
    [[nodiscard]] static Delivery deliver(const FailureSpec& spec, NodeId from, NodeId to, std::int32_t time);

    /// `omit a->b@1` / `crash b@2`, as the CLI reads and prints them.
    [[nodiscard]] std::string format(const Fault& f) const;
    [[nodiscard]] std::string format(const FailureSpec& spec) const;  ///< comma-separated, "none" if empty
    /// Parses `a->b@1` (an omission) or `b@2` (a crash); nullopt with `error` set on failure.
    [[nodiscard]] std::optional<Omission> parse_omission(const std::string& text, std::string& error) const;
    [[nodiscard]] std::optional<Crash> parse_crash(const std::string& text, std::string& error) const;

private:
    std::vector<std::string> m_nodes;
    FaultBounds m_bounds;
};

}  // namespace ldfi::sim
