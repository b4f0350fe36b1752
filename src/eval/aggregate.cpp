// Aggregate heads: group the body's bindings by the other head columns and aggregate the
// DISTINCT values of each aggregated variable per group (dedalus.md section 3).
#include "ldfi/eval/aggregate.hpp"

#include <algorithm>
#include <numeric>
#include <set>
#include <string>

#include "heads.hpp"
#include "terms.hpp"

namespace ldfi::eval {

std::optional<std::int64_t> aggregate_of(dedalus::AggKind kind, std::span<const ValueId> distinct,
                                         const ValueTable& values) {
    if (kind == dedalus::AggKind::COUNT) return static_cast<std::int64_t>(distinct.size());
    std::int64_t sum = 0, lo = 0, hi = 0, n = 0;
    for (ValueId v : distinct) {
        if (!values.is_int(v)) continue;
        const std::int64_t x = values.as_int(v);
        if (__builtin_add_overflow(sum, x, &sum)) return std::nullopt;
        lo = n == 0 ? x : std::min(lo, x);
        hi = n == 0 ? x : std::max(hi, x);
        ++n;
    }
    if (kind == dedalus::AggKind::SUM) return sum;
    if (n == 0) return std::nullopt;
    switch (kind) {
        case dedalus::AggKind::MIN:
            return lo;
        case dedalus::AggKind::MAX:
            return hi;
        case dedalus::AggKind::AVG:
            return sum / n;
        default:
            return std::nullopt;
    }
}

}  // namespace ldfi::eval

namespace ldfi::eval::detail {

namespace {

ValueId aggregate_value(AggKind kind, const std::vector<ValueId>& distinct, ValueTable& values) {
    const std::optional<std::int64_t> value = aggregate_of(kind, distinct, values);
    return value ? values.intern_int(*value) : ValueId{};
}

/// The most values one aggregate group may take in may mode (sums of subsets, averages):
/// beyond it the group is unsupported and grounding gives up.
constexpr std::size_t MAY_VALUES_LIMIT = 4096;

// Every value `kind` may take over a non-empty subset of the distinct row values `distinct`
// (a superset is fine: the grounded encoding decides which one holds).
std::vector<ValueId> may_values(AggKind kind, const std::vector<ValueId>& distinct, ValueTable& values,
                                std::string& unsupported) {
    std::vector<std::int64_t> ints;
    for (ValueId v : distinct) {
        if (values.is_int(v)) ints.push_back(values.as_int(v));
    }
    std::set<std::int64_t> out;
    if (kind == AggKind::COUNT) {
        for (std::size_t n = 1; n <= distinct.size(); ++n) out.insert(static_cast<std::int64_t>(n));
    } else if (kind == AggKind::MIN || kind == AggKind::MAX) {
        out.insert(ints.begin(), ints.end());
    } else if (kind == AggKind::SUM) {
        out.insert(0);
        for (std::int64_t x : ints) {
            std::set<std::int64_t> more = out;
            for (std::int64_t s : out) {
                std::int64_t sum = 0;
                if (__builtin_add_overflow(s, x, &sum)) {
                    unsupported = "a sum that may overflow";
                    return {};
                }
                more.insert(sum);
            }
            out = std::move(more);
            if (out.size() > MAY_VALUES_LIMIT) break;
        }
    } else if (!ints.empty()) {  // AVG: the average lies between the least and the greatest row
        auto [lo, hi] = std::minmax_element(ints.begin(), ints.end());
        if (*hi - *lo < static_cast<std::int64_t>(MAY_VALUES_LIMIT)) {
            for (std::int64_t x = *lo; x <= *hi; ++x) out.insert(x);
        } else {
            unsupported =
                "an average over a range of more than " + std::to_string(MAY_VALUES_LIMIT) + " values";
            return {};
        }
    }
    if (out.size() > MAY_VALUES_LIMIT) {
        unsupported = "an aggregate that may take more than " + std::to_string(MAY_VALUES_LIMIT) + " values";
        return {};
    }
    std::vector<ValueId> result;
    for (std::int64_t x : out) result.push_back(values.intern_int(x));
    return result;
}

/// Collects the bindings of the body: one row per binding (head values, sender, provenance).
class AggregateSink : public JoinSink {
public:
    AggregateSink(RunState& st, const RuleCode& code) : m_st(st), m_code(code) {}

    void emit(const ValueId* vars, const TupleId* body) override {
        TermReader terms(m_code.nodes, vars, m_st.values);
        std::size_t start = m_values.size();
        for (std::uint32_t root : m_code.head) {
            ValueId v = terms.intern(root);
            if (!v.valid()) {
                m_values.resize(start);
                return;
            }
            m_values.push_back(v);
        }
        m_from.push_back(m_code.location == NONE ? ValueId{} : terms.find(m_code.location));
        m_body.insert(m_body.end(), body, body + m_code.positive_count);
        if (m_st.options.provenance) {
            auto prov = append_provenance(m_st, m_code, vars, body);
            m_negs.emplace_back(m_st.pending_negs.begin() + prov.second, m_st.pending_negs.end());
            m_st.pending_body.resize(prov.first);
            m_st.pending_negs.resize(prov.second);
        }
        m_st.check_limit(m_from.size());
    }

    void finish(const HeadTarget& target) {
        std::size_t arity = m_code.head.size();
        std::vector<std::uint32_t> order(m_from.size());
        std::iota(order.begin(), order.end(), 0);
        auto key_less = [&](std::uint32_t a, std::uint32_t b) {
            for (std::size_t c = 0; c < arity; ++c) {
                if (m_code.aggregates[c]) continue;
                ValueId x = m_values[a * arity + c], y = m_values[b * arity + c];
                if (x != y) return x < y;
            }
            return false;
        };
        std::stable_sort(order.begin(), order.end(), key_less);
        std::vector<Group> groups;
        for (std::size_t b = 0, e = 0; b < order.size(); b = e) {
            e = b + 1;
            while (e < order.size() && !key_less(order[b], order[e])) ++e;
            Group g{order[b], b, e, {}};
            if (fold(order, g)) groups.push_back(std::move(g));
        }
        std::sort(groups.begin(), groups.end(),
                  [](const Group& x, const Group& y) { return x.first < y.first; });
        for (const Group& g : groups) {
            if (m_st.options.may) {
                emit_may_group(order, g, target);
            } else {
                emit_group(order, g, target);
            }
        }
    }

private:
    struct Group {
        std::uint32_t first;     ///< its first row: groups come out in order of first binding
        std::size_t begin, end;  ///< range of `order`
        std::vector<ValueId> head;
    };

    bool fold(const std::vector<std::uint32_t>& order, Group& g) {
        std::size_t arity = m_code.head.size();
        g.head.assign(m_values.begin() + g.first * arity, m_values.begin() + (g.first + 1) * arity);
        if (m_st.options.may) return true;  // emit_may_group enumerates the values instead
        for (std::size_t c = 0; c < arity; ++c) {
            if (!m_code.aggregates[c]) continue;
            std::vector<ValueId> distinct;
            for (std::size_t i = g.begin; i < g.end; ++i) distinct.push_back(m_values[order[i] * arity + c]);
            std::sort(distinct.begin(), distinct.end());
            distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
            g.head[c] = aggregate_value(*m_code.aggregates[c], distinct, m_st.values);
            if (!g.head[c].valid()) return false;
        }
        return true;
    }

    void emit_group(const std::vector<std::uint32_t>& order, const Group& g, const HeadTarget& target) {
        auto prov = std::pair{static_cast<std::uint32_t>(m_st.pending_body.size()),
                              static_cast<std::uint32_t>(m_st.pending_negs.size())};
        if (m_st.options.provenance) {
            std::vector<std::uint32_t> rows(order.begin() + static_cast<std::ptrdiff_t>(g.begin),
                                            order.begin() + static_cast<std::ptrdiff_t>(g.end));
            for (std::uint32_t r : rows) {
                const TupleId* body = m_body.data() + static_cast<std::size_t>(r) * m_code.positive_count;
                for (std::uint32_t i = 0; i < m_code.positive_count; ++i)
                    add_unique(m_st.pending_body, prov.first, body[i]);
                for (const NegatedAtom& n : m_negs[r]) add_unique_neg(prov.second, n);
            }
        }
        push_head(m_st, m_code, target, g.head.data(), m_from[g.first], prov);
    }

    // May mode: records the group's rows and buffers one head per value the aggregate may take.
    void emit_may_group(const std::vector<std::uint32_t>& order, const Group& g, const HeadTarget& target) {
        AggregateGroup group{m_code.rule->id, m_st.now, 0, {}, {}};
        std::vector<std::uint32_t> columns;
        for (std::uint32_t c = 0; c < m_code.aggregates.size(); ++c) {
            if (m_code.aggregates[c]) columns.push_back(c);
        }
        group.column = columns.front();
        if (columns.size() > 1) group.unsupported = "a head with several aggregates";
        const std::size_t arity = m_code.head.size();
        std::vector<ValueId> distinct;
        for (std::size_t i = g.begin; i < g.end; ++i) {
            const std::uint32_t r = order[i];
            const TupleId* body = m_body.data() + static_cast<std::size_t>(r) * m_code.positive_count;
            group.rows.push_back({m_values[r * arity + group.column],
                                  m_from[r],
                                  {body, body + m_code.positive_count},
                                  m_negs[r]});
            distinct.push_back(group.rows.back().value);
        }
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        std::vector<ValueId> values;
        if (group.unsupported.empty()) {
            values = may_values(*m_code.aggregates[group.column], distinct, m_st.values, group.unsupported);
        }
        const auto index = static_cast<std::uint32_t>(m_st.groups.size());
        m_st.groups.push_back(std::move(group));
        std::vector<ValueId> head = g.head;
        for (ValueId v : values) {
            head[m_st.groups.back().column] = v;
            auto prov = std::pair{static_cast<std::uint32_t>(m_st.pending_body.size()),
                                  static_cast<std::uint32_t>(m_st.pending_negs.size())};
            push_head(m_st, m_code, target, head.data(), m_from[g.first], prov, index);
        }
    }

    static void add_unique(std::vector<TupleId>& out, std::size_t from, TupleId t) {
        if (std::find(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(), t) == out.end())
            out.push_back(t);
    }
    void add_unique_neg(std::size_t from, const NegatedAtom& n) {
        auto& out = m_st.pending_negs;
        auto same = [&](const NegatedAtom& m) {
            return m.rel == n.rel && m.time == n.time && m.values == n.values;
        };
        if (std::none_of(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(), same)) out.push_back(n);
    }

    RunState& m_st;
    const RuleCode& m_code;
    std::vector<ValueId> m_values;                 ///< arity per row
    std::vector<ValueId> m_from;                   ///< per row
    std::vector<TupleId> m_body;                   ///< positive_count per row
    std::vector<std::vector<NegatedAtom>> m_negs;  ///< per row (provenance)
};

}  // namespace

void run_aggregate(RunState& st, const RuleCode& code, const HeadTarget& target) {
    AggregateSink sink(st, code);
    run_join(st, code, code.full, sink);
    sink.finish(target);
}

}  // namespace ldfi::eval::detail
