// The fault model: FailureSpec normalisation, what breaks the bounds, delivery, and the
// `omit a->b@1` / `crash b@2` text forms.
#include "ldfi/sim/fault_model.hpp"

#include <algorithm>
#include <charconv>
#include <set>

namespace ldfi::sim {

bool FailureSpec::omits(NodeId from, NodeId to, std::int32_t time) const {
    return std::binary_search(omissions.begin(), omissions.end(), Omission{from, to, time});
}

std::optional<std::int32_t> FailureSpec::crash_time(NodeId node) const {
    for (const Crash& c : crashes) {
        if (c.node == node) return c.time;
    }
    return std::nullopt;
}

void FailureSpec::add(const Fault& f) {
    if (const auto* o = std::get_if<Omission>(&f)) {
        auto it = std::lower_bound(omissions.begin(), omissions.end(), *o);
        if (it == omissions.end() || *it != *o) omissions.insert(it, *o);
        return;
    }
    const Crash& c = std::get<Crash>(f);
    for (Crash& existing : crashes) {
        if (existing.node != c.node) continue;
        existing.time = std::min(existing.time, c.time);
        return;
    }
    crashes.insert(std::lower_bound(crashes.begin(), crashes.end(), c), c);
}

std::vector<Fault> FailureSpec::faults() const {
    std::vector<Fault> out;
    out.reserve(size());
    out.insert(out.end(), crashes.begin(), crashes.end());
    out.insert(out.end(), omissions.begin(), omissions.end());
    return out;
}

bool FailureSpec::includes(const FailureSpec& other) const {
    return std::includes(omissions.begin(), omissions.end(), other.omissions.begin(),
                         other.omissions.end()) &&
           std::includes(crashes.begin(), crashes.end(), other.crashes.begin(), other.crashes.end());
}

FaultModel::FaultModel(std::vector<std::string> nodes, FaultBounds bounds)
    : m_nodes(std::move(nodes)), m_bounds(bounds) {}

std::optional<NodeId> FaultModel::find_node(const std::string& name) const {
    auto it = std::find(m_nodes.begin(), m_nodes.end(), name);
    if (it == m_nodes.end()) return std::nullopt;
    return NodeId(static_cast<std::uint32_t>(it - m_nodes.begin()));
}

namespace {

std::optional<std::string> omission_violation(const FaultModel& m, const Omission& o) {
    const std::size_t n = m.nodes().size();
    if (o.from.index() >= n || o.to.index() >= n) return "omission names an unknown node id";
    if (o.from == o.to) return "cannot omit a self-send: " + m.format(Fault{o});
    if (o.time < 1 || o.time >= m.bounds().eff) {
        return m.format(Fault{o}) + ": omissions are allowed at times 1.." +
               std::to_string(m.bounds().eff - 1) + " (eff " + std::to_string(m.bounds().eff) + ")";
    }
    return std::nullopt;
}

std::optional<std::string> crash_violation(const FaultModel& m, const Crash& c) {
    if (c.node.index() >= m.nodes().size()) return "crash names an unknown node id";
    if (c.time < 1 || c.time >= m.bounds().eot) {
        return m.format(Fault{c}) + ": crashes are allowed at times 1.." +
               std::to_string(m.bounds().eot - 1) + " (eot " + std::to_string(m.bounds().eot) + ")";
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> FaultModel::violation(const FailureSpec& spec) const {
    for (const Omission& o : spec.omissions) {
        if (auto v = omission_violation(*this, o)) return v;
    }
    std::set<NodeId> crashed;
    for (const Crash& c : spec.crashes) {
        if (auto v = crash_violation(*this, c)) return v;
        if (!crashed.insert(c.node).second) return "node " + node_name(c.node) + " crashes twice";
    }
    if (static_cast<std::int64_t>(crashed.size()) > m_bounds.max_crashes) {
        return std::to_string(crashed.size()) + " nodes crash, but at most " +
               std::to_string(m_bounds.max_crashes) + " may";
    }
    return std::nullopt;
}

Delivery FaultModel::deliver(const FailureSpec& spec, NodeId from, NodeId to, std::int32_t time) {
    // As the prototype: a node's messages to itself always arrive, even after it crashed (its
    // local state lives on; a crash only silences it towards the others).
    if (from == to) return Delivery::DELIVERED;
    if (auto crashed = spec.crash_time(from); crashed && *crashed <= time) return Delivery::SENDER_CRASHED;
    if (spec.omits(from, to, time)) return Delivery::OMITTED;
    return Delivery::DELIVERED;
}

std::string FaultModel::format(const Fault& f) const {
    if (const auto* o = std::get_if<Omission>(&f)) {
        return "omit " + node_name(o->from) + "->" + node_name(o->to) + "@" + std::to_string(o->time);
    }
    const Crash& c = std::get<Crash>(f);
    return "crash " + node_name(c.node) + "@" + std::to_string(c.time);
}

std::string FaultModel::format(const FailureSpec& spec) const {
    if (spec.empty()) return "none";
    std::string out;
    for (const Fault& f : spec.faults()) {
        if (!out.empty()) out += ", ";
        out += format(f);
    }
    return out;
}

namespace {

std::string node_list(const std::vector<std::string>& nodes) {
    std::string out;
    for (const std::string& n : nodes) out += (out.empty() ? "" : ", ") + n;
    return out;
}

/// Splits `name@time`; sets `error` and returns false on a malformed text.
bool split_at_time(const std::string& text, std::string& name, std::int32_t& time, std::string& error) {
    const auto at = text.rfind('@');
    if (at == std::string::npos) {
        error = "expected NAME@TIME";
        return false;
    }
    name = text.substr(0, at);
    const char* first = text.data() + at + 1;
    const char* last = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(first, last, time);
    if (first == last || ec != std::errc() || ptr != last || time < 0) {
        error = "the time after '@' must be a non-negative integer";
        return false;
    }
    return true;
}

}  // namespace

std::optional<Omission> FaultModel::parse_omission(const std::string& text, std::string& error) const {
    std::string names;
    std::int32_t time = 0;
    if (text.find('@') == std::string::npos || text.find("->") == std::string::npos) {
        error = "expected FROM->TO@TIME";
        return std::nullopt;
    }
    if (!split_at_time(text, names, time, error)) return std::nullopt;
    const auto arrow = names.find("->");
    if (arrow == std::string::npos) {
        error = "expected FROM->TO@TIME";
        return std::nullopt;
    }
    const std::string from = names.substr(0, arrow);
    const std::string to = names.substr(arrow + 2);
    for (const std::string* name : {&from, &to}) {
        if (!find_node(*name)) {
            error = "unknown node '" + *name + "' (nodes: " + node_list(m_nodes) + ")";
            return std::nullopt;
        }
    }
    return Omission{*find_node(from), *find_node(to), time};
}

std::optional<Crash> FaultModel::parse_crash(const std::string& text, std::string& error) const {
    std::string name;
    std::int32_t time = 0;
    if (!split_at_time(text, name, time, error)) return std::nullopt;
    auto node = find_node(name);
    if (!node) {
        error = "unknown node '" + name + "' (nodes: " + node_list(m_nodes) + ")";
        return std::nullopt;
    }
    return Crash{*node, time};
}

}  // namespace ldfi::sim
