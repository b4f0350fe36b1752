// Building a run's lineage graph: a backward walk from the goals over the firing records.
#include "ldfi/lineage/lineage_graph.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "ldfi/util/error.hpp"
#include "negative_support.hpp"

namespace ldfi::lineage {

std::size_t TupleKeyHash::operator()(const TupleKey& k) const noexcept {
    std::size_t h = std::hash<std::uint32_t>{}(k.rel.value) * 31 + std::hash<std::int32_t>{}(k.time);
    for (const Value& v : k.values) h = h * 1000003 ^ std::hash<Value>{}(v);
    return h;
}

namespace {

TupleKey key_of(const sim::Run& run, eval::TupleId t) {
    TupleKey key{run.db.rel(t), {}, run.db.time(t)};
    for (ValueId v : run.db.values(t)) key.values.push_back(run.values.get(v));
    return key;
}

std::optional<eval::TupleId> find_tuple(const sim::Run& run, const TupleKey& key) {
    std::vector<ValueId> ids;
    for (const Value& v : key.values) {
        ValueId id = run.values.find(v);
        if (!id.valid()) return std::nullopt;
        ids.push_back(id);
    }
    if (key.time < 1 || key.time > run.db.eot()) return std::nullopt;
    return run.db.find(key.rel, key.time, ids);
}

std::vector<std::optional<Value>> pattern_values(const sim::Run& run, const std::vector<ValueId>& pattern) {
    std::vector<std::optional<Value>> out;
    for (ValueId v : pattern) {
        out.push_back(v.valid() ? std::optional<Value>(run.values.get(v)) : std::nullopt);
    }
    return out;
}

NegatedKey negated_key(const sim::Run& run, const eval::NegatedAtom& n) {
    NegatedKey key;
    key.rel = n.rel;
    key.time = n.time;
    key.values = pattern_values(run, n.values);
    return key;
}

// Walks backwards from the goals, copying the reachable tuples and firings.
class Builder {
public:
    Builder(const analysis::CheckedProgram& program, const sim::Run& run)
        : m_program(program), m_run(run), m_why_not(program, run) {
        m_by_head.resize(run.db.size());
        for (std::uint32_t i = 0; i < run.firings.size(); ++i) {
            const eval::Firing& f = run.firings[i];
            if (f.head.valid()) m_by_head[f.head.index()].push_back(i);
        }
        mark_facts();
    }

    std::uint32_t visit(eval::TupleId t) {
        auto [it, inserted] = m_index.try_emplace(t.value, static_cast<std::uint32_t>(m_tuples.size()));
        if (inserted) {
            m_tuples.push_back({key_of(m_run, t), origin(t), {}});
            m_queue.push_back(t);
        }
        return it->second;
    }

    void drain() {
        while (!m_queue.empty()) {
            eval::TupleId t = m_queue.front();
            m_queue.pop_front();
            std::uint32_t node = m_index.at(t.value);
            if (m_tuples[node].origin != TupleOrigin::DERIVED) continue;
            for (std::uint32_t fi : m_by_head[t.index()]) add_firing(node, m_run.firings[fi]);
        }
    }

    std::vector<LineageTuple> take_tuples() { return std::move(m_tuples); }
    std::vector<LineageFiring> take_firings() { return std::move(m_firings); }

private:
    void mark_facts() {
        m_fact.assign(m_run.db.size(), false);
        for (const analysis::CheckedFact& f : m_program.facts) {
            if (f.time < 1 || f.time > m_run.db.eot()) continue;
            if (auto t = find_tuple(m_run, TupleKey{f.rel, f.args, static_cast<std::int32_t>(f.time)})) {
                m_fact[t->index()] = true;
            }
        }
    }

    TupleOrigin origin(eval::TupleId t) const {
        analysis::RelKind kind = m_program.relation(m_run.db.rel(t)).kind;
        if (kind == analysis::RelKind::BUILTIN_CRASH) return TupleOrigin::CRASH;
        if (kind == analysis::RelKind::BUILTIN_CLOCK) return TupleOrigin::CLOCK;
        if (m_fact[t.index()] || m_by_head[t.index()].empty()) return TupleOrigin::FACT;
        return TupleOrigin::DERIVED;
    }

    NegatedKey negated(const eval::NegatedAtom& n) {
        std::vector<eval::TupleId> support;
        std::vector<std::vector<eval::TupleId>> all_of;
        std::vector<std::vector<ValueId>> crashes;
        NegativeSupport kind = m_why_not.find(n, support, all_of, crashes);
        NegatedKey key = support_key(n, kind, support, all_of, crashes);
        key.restorable = m_why_not.sensitivity().losable[n.rel.index()];
        return key;
    }

    // One way an aggregate's group may gain a row: a positive literal's match appearing, as for a
    // negated atom, or a negated literal's present matches being lost (the key's support says
    // which; whether fewer faults lose them is cut()'s business). Nothing when no match blocks.
    std::optional<NegatedKey> gained_row(const analysis::CheckedRule& rule,
                                         const NegativeSupportFinder::AggregateRow& row) {
        if (row.literal->kind == analysis::BodyLiteral::Kind::POSITIVE) return negated(row.atom);
        std::vector<eval::TupleId> support;
        std::vector<std::vector<eval::TupleId>> all_of;
        NegativeSupport kind = m_why_not.blocking_matches(rule, row, support, all_of);
        if (kind == NegativeSupport::STABLE) return std::nullopt;
        return support_key(row.atom, kind, support, all_of, {});
    }

    NegatedKey support_key(const eval::NegatedAtom& n, NegativeSupport kind,
                           const std::vector<eval::TupleId>& support,
                           const std::vector<std::vector<eval::TupleId>>& all_of,
                           const std::vector<std::vector<ValueId>>& crashes) {
        NegatedKey key = negated_key(m_run, n);
        key.support = kind;
        for (eval::TupleId t : support) key.support_tuples.push_back(visit(t));
        for (const auto& group : all_of) {
            std::vector<std::uint32_t>& indexes = key.support_all_of.emplace_back();
            for (eval::TupleId t : group) indexes.push_back(visit(t));
        }
        for (const auto& c : crashes) key.support_crashes.push_back(pattern_values(m_run, c));
        return key;
    }

    void add_firing(std::uint32_t head, const eval::Firing& f) {
        LineageFiring lf{f.rule, head, {}, {}, std::nullopt};
        for (eval::TupleId b : f.body) lf.body.push_back(visit(b));
        for (const eval::NegatedAtom& n : f.negated) lf.negated.push_back(negated(n));
        // An aggregate's result also changes when its group GAINS a row (docs/algorithm.md,
        // "Aggregates"): each way a row could appear is one more key that must not flip.
        const analysis::CheckedRule& rule = m_program.rule(f.rule);
        if (rule.has_aggregate && f.head.valid()) {
            std::int32_t body_time =
                m_run.db.time(f.head) - (rule.suffix == analysis::TimeSuffix::NONE ? 0 : 1);
            for (const auto& row : m_why_not.aggregate_rows(rule, f.head, body_time)) {
                if (auto key = gained_row(rule, row)) lf.negated.push_back(std::move(*key));
            }
        }
        if (f.message) {
            const sim::Message& m = m_run.messages.at(*f.message);
            lf.message = MessageHop{m.from, m.to, m.sent};
        }
        m_tuples[head].firings.push_back(static_cast<std::uint32_t>(m_firings.size()));
        m_firings.push_back(std::move(lf));
    }

    const analysis::CheckedProgram& m_program;
    const sim::Run& m_run;
    NegativeSupportFinder m_why_not;
    std::vector<std::vector<std::uint32_t>> m_by_head;
    std::vector<bool> m_fact;
    std::unordered_map<std::uint32_t, std::uint32_t> m_index;
    std::vector<LineageTuple> m_tuples;
    std::vector<LineageFiring> m_firings;
    std::deque<eval::TupleId> m_queue;
};

}  // namespace

LineageGraph LineageGraph::build(const analysis::CheckedProgram& program, const sim::Run& run,
                                 const std::vector<TupleKey>& goals) {
    Builder builder(program, run);
    LineageGraph g;
    for (const TupleKey& goal : goals) {
        if (auto t = find_tuple(run, goal)) g.m_goals.push_back(builder.visit(*t));
    }
    builder.drain();
    g.m_faults = run.faults;
    g.m_tuples = builder.take_tuples();
    g.m_firings = builder.take_firings();
    return g;
}

std::vector<std::uint32_t> LineageGraph::topological_order() const {
    // Vertices: tuples, then firings. Edges point from what is used to what it derives.
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    const std::size_t n = m_tuples.size();
    Graph graph(n + m_firings.size());
    for (std::size_t f = 0; f < m_firings.size(); ++f) {
        for (std::uint32_t b : m_firings[f].body) boost::add_edge(b, n + f, graph);
        boost::add_edge(n + f, m_firings[f].head, graph);
    }
    std::vector<std::size_t> reversed;
    try {
        boost::topological_sort(graph, std::back_inserter(reversed));
    } catch (const boost::not_a_dag&) {
        throw InternalError("the lineage graph has a cycle; firings must be well-founded");
    }
    std::vector<std::uint32_t> order;
    for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) {
        if (*it < n) order.push_back(static_cast<std::uint32_t>(*it));
    }
    return order;
}

NegativeSupport why_not(const analysis::CheckedProgram& program, const sim::Run& run, RelId rel,
                        const std::vector<std::optional<Value>>& values, std::int32_t time,
                        std::vector<TupleKey>& support, std::vector<std::vector<TupleKey>>& all_of,
                        std::vector<std::vector<std::optional<Value>>>& crashes) {
    eval::NegatedAtom atom{rel, time, {}};
    for (const auto& v : values) atom.values.push_back(v ? run.values.find(*v) : ValueId{});
    std::vector<eval::TupleId> tuples;
    std::vector<std::vector<eval::TupleId>> groups;
    std::vector<std::vector<ValueId>> crash_patterns;
    NegativeSupport kind = NegativeSupportFinder(program, run).find(atom, tuples, groups, crash_patterns);
    for (eval::TupleId t : tuples) support.push_back(key_of(run, t));
    for (const auto& group : groups) {
        std::vector<TupleKey>& keys = all_of.emplace_back();
        for (eval::TupleId t : group) keys.push_back(key_of(run, t));
    }
    for (const auto& c : crash_patterns) crashes.push_back(pattern_values(run, c));
    return kind;
}

std::vector<std::uint32_t> NegatedKey::every_support_tuple() const {
    std::vector<std::uint32_t> out;
    std::unordered_set<std::uint32_t> seen;
    auto add = [&](std::uint32_t t) {
        if (seen.insert(t).second) out.push_back(t);
    };
    for (std::uint32_t t : support_tuples) add(t);
    for (const auto& group : support_all_of) {
        for (std::uint32_t t : group) add(t);
    }
    return out;
}

std::string format_key(const analysis::CheckedProgram& program, const TupleKey& key) {
    std::string out = program.relation(key.rel).name + '(';
    for (std::size_t i = 0; i < key.values.size(); ++i) {
        if (i) out += ", ";
        out += format_value(key.values[i]);
    }
    return out + ")@" + std::to_string(key.time);
}

}  // namespace ldfi::lineage
