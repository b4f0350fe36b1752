// The fault space: the faults a check's bounds allow, their order and indices, and valid sets.
#include "ldfi/sim/fault_space.hpp"

#include <algorithm>

namespace ldfi::sim {

FaultSpace::FaultSpace(const FaultModel& model)
    : m_model(model),
      m_crashes_by_node(model.nodes().size()),
      m_omission_times(std::max(0, model.bounds().eff - 1)) {
    const auto n = static_cast<std::uint32_t>(model.nodes().size());
    // Crashes at 1..eot-1, by node then time (none when no node may crash).
    if (model.bounds().max_crashes > 0) {
        for (std::uint32_t node = 0; node < n; ++node) {
            for (std::int32_t t = 1; t < model.bounds().eot; ++t) {
                m_crashes_by_node[node].push_back(static_cast<std::uint32_t>(m_faults.size()));
                m_faults.emplace_back(Crash{NodeId(node), t});
            }
        }
    }
    m_crash_count = static_cast<std::uint32_t>(m_faults.size());
    // Omissions from != to at 1..eff-1, by sender, receiver, then time (omission() relies on it).
    for (std::uint32_t from = 0; from < n; ++from) {
        for (std::uint32_t to = 0; to < n; ++to) {
            if (from == to) continue;
            for (std::int32_t t = 1; t <= m_omission_times; ++t) {
                m_faults.emplace_back(Omission{NodeId(from), NodeId(to), t});
            }
        }
    }
}

std::optional<std::uint32_t> FaultSpace::omission(NodeId from, NodeId to, std::int32_t time) const {
    const auto n = static_cast<std::uint32_t>(m_model.nodes().size());
    if (from.index() >= n || to.index() >= n || from == to || time < 1 || time > m_omission_times) {
        return std::nullopt;
    }
    // Omissions come by sender, receiver (skipping the sender itself), then time.
    const std::uint32_t receiver = to.index() < from.index() ? to.index() : to.index() - 1;
    const std::uint32_t pair = from.index() * (n - 1) + receiver;
    return m_crash_count + pair * static_cast<std::uint32_t>(m_omission_times) +
           static_cast<std::uint32_t>(time - 1);
}

std::optional<std::uint32_t> FaultSpace::index_of(const Fault& f) const {
    if (const auto* o = std::get_if<Omission>(&f)) return omission(o->from, o->to, o->time);
    const Crash& c = std::get<Crash>(f);
    if (c.node.index() >= m_crashes_by_node.size()) return std::nullopt;
    for (std::uint32_t i : m_crashes_by_node[c.node.index()]) {
        if (std::get<Crash>(m_faults[i]).time == c.time) return i;
    }
    return std::nullopt;
}

const std::vector<std::uint32_t>& FaultSpace::crashes_of(NodeId node) const {
    static const std::vector<std::uint32_t> none;
    return node.index() < m_crashes_by_node.size() ? m_crashes_by_node[node.index()] : none;
}

std::vector<std::uint32_t> FaultSpace::down_by(NodeId node, std::int32_t time) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t i : crashes_of(node)) {
        if (std::get<Crash>(m_faults[i]).time <= time) out.push_back(i);
    }
    return out;
}

bool FaultSpace::valid(std::span<const std::uint32_t> indices) const {
    std::int64_t crashes = 0;
    for (std::size_t i = 0; i < indices.size(); ++i) {
        if (indices[i] >= m_faults.size()) return false;
        if (indices[i] >= m_crash_count) continue;
        for (std::size_t j = 0; j < i; ++j) {  // one crash per node
            if (indices[j] < m_crash_count && crashed(indices[j]) == crashed(indices[i])) return false;
        }
        ++crashes;
    }
    return crashes <= m_model.bounds().max_crashes;
}

bool FaultSpace::canonical(std::span<const std::uint32_t> indices) const {
    for (std::uint32_t c : indices) {
        if (c >= m_crash_count) continue;
        for (std::uint32_t o : indices) {
            if (o >= m_crash_count &&
                FaultModel::subsumed(std::get<Omission>(m_faults[o]), std::get<Crash>(m_faults[c]))) {
                return false;
            }
        }
    }
    return true;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> FaultSpace::subsumed_pairs() const {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    for (std::uint32_t c = 0; c < m_crash_count; ++c) {
        const Crash& crash = std::get<Crash>(m_faults[c]);
        // In the omissions' own order (receiver, then time): the Z3 backend asserts the pairs
        // in this order, and its search depends on the order of its clauses.
        for (std::uint32_t to = 0; to < m_model.nodes().size(); ++to) {
            for (std::int32_t t = crash.time; t <= m_omission_times; ++t) {
                if (auto o = omission(crash.node, NodeId(to), t)) out.emplace_back(*o, c);
            }
        }
    }
    return out;
}

bool FaultSpace::fits(const std::vector<std::uint32_t>& chosen, std::uint32_t index) const {
    std::int64_t crashes = 0;
    for (std::uint32_t c : chosen) {
        if (c >= m_crash_count) break;  // crashes come first
        ++crashes;
        const Crash& crash = std::get<Crash>(m_faults[c]);
        if (const auto* o = std::get_if<Omission>(&m_faults[index])) {
            if (FaultModel::subsumed(*o, crash)) return false;
        } else if (std::get<Crash>(m_faults[index]).node == crash.node) {
            return false;
        }
    }
    return index >= m_crash_count || crashes < m_model.bounds().max_crashes;
}

FailureSpec FaultSpace::spec_of(const std::vector<std::uint32_t>& indices) const {
    FailureSpec spec;
    for (std::uint32_t i : indices) spec.add(m_faults[i]);
    return spec;
}

std::optional<std::vector<std::uint32_t>> FaultSpace::indices_of(const FailureSpec& spec) const {
    std::vector<std::uint32_t> out;
    for (const Fault& f : spec.faults()) {
        auto i = index_of(f);
        if (!i) return std::nullopt;
        out.push_back(*i);
    }
    std::sort(out.begin(), out.end());
    return out;
}

namespace {

/// A non-negative integer in base 10^9, least significant limb first: the count of fault sets
/// outgrows 64 bits (2^omissions) on ordinary bounds.
using Big = std::vector<std::uint64_t>;
constexpr std::uint64_t LIMB = 1'000'000'000;

Big mul(const Big& a, std::uint64_t k) {
    Big out;
    std::uint64_t carry = 0;
    for (std::uint64_t limb : a) {
        const std::uint64_t x = limb * k + carry;  // k is a node or time count: no overflow
        out.push_back(x % LIMB);
        carry = x / LIMB;
    }
    while (carry > 0) {
        out.push_back(carry % LIMB);
        carry /= LIMB;
    }
    return out;
}

Big add(const Big& a, const Big& b) {
    Big out;
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < std::max(a.size(), b.size()) || carry > 0; ++i) {
        const std::uint64_t x = (i < a.size() ? a[i] : 0) + (i < b.size() ? b[i] : 0) + carry;
        out.push_back(x % LIMB);
        carry = x / LIMB;
    }
    return out;
}

std::string text(const Big& a) {
    if (a.empty()) return "0";
    std::string out = std::to_string(a.back());
    for (std::size_t i = a.size() - 1; i-- > 0;) {
        std::string limb = std::to_string(a[i]);
        out += std::string(9 - limb.size(), '0') + limb;
    }
    return out;
}

}  // namespace

std::string FaultSpace::count_valid_sets() const {
    const std::size_t nodes = m_model.nodes().size();
    const auto times = static_cast<std::uint64_t>(std::max(0, m_model.bounds().eot - 1));
    const std::size_t max_crashed =
        m_crash_count == 0
            ? 0
            : std::min<std::size_t>(nodes, static_cast<std::size_t>(m_model.bounds().max_crashes));
    // Crash choices: sum over j crashed nodes of C(nodes, j) * times^j.
    Big crash_ways;
    Big choose{1};  // C(nodes, j), built up j by j
    for (std::size_t j = 0; j <= max_crashed; ++j) {
        if (j > 0) {
            choose = mul(choose, nodes - j + 1);
            // Exact division by j: C(n, j) = C(n, j-1) * (n-j+1) / j, done on the decimal limbs.
            std::uint64_t rem = 0;
            for (std::size_t i = choose.size(); i-- > 0;) {
                const std::uint64_t x = rem * LIMB + choose[i];
                choose[i] = x / j;
                rem = x % j;
            }
            while (!choose.empty() && choose.back() == 0) choose.pop_back();
        }
        Big term = choose;
        for (std::size_t k = 0; k < j; ++k) term = mul(term, times);
        crash_ways = add(crash_ways, term);
    }
    Big total = crash_ways;
    for (std::size_t i = m_crash_count; i < m_faults.size(); ++i) total = mul(total, 2);
    return text(total);
}

}  // namespace ldfi::sim
