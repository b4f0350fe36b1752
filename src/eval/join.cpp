// The one join loop: used for deductive, @next, @async and aggregate rules, with or without
// provenance (the sink decides what a binding produces).
#include "join.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "ldfi/util/error.hpp"
#include "ldfi/util/memory.hpp"
#include "terms.hpp"

namespace ldfi::eval::detail {

std::int32_t atom_time(const std::optional<std::int64_t>& at, std::int32_t now, std::int32_t eot) {
    if (!at) return now;
    return *at >= 1 && *at <= eot ? static_cast<std::int32_t>(*at) : 0;
}

namespace {

// Out of line: the scan loops only pay for the comparison.
[[noreturn]] void probe_limit_reached(const RunState& st) {
    throw ResourceError("join work limit of " + std::to_string(st.options.max_probes) + " reached at time " +
                        std::to_string(st.now) + "; raise --max-work to allow more");
}

[[gnu::noinline]] void poll_resource_limits(const RunState& st) {
    check_resource_limits(("at time " + std::to_string(st.now)).c_str());
}

class Join {
public:
    Join(RunState& st, const RuleCode& code, const Plan& plan, JoinSink& sink)
        : m_st(st),
          m_plan(plan),
          m_sink(sink),
          m_terms(code.nodes, st.vars.data(), st.values),
          m_max_probes(st.options.max_probes == 0 ? std::numeric_limits<std::uint64_t>::max()
                                                  : st.options.max_probes) {}

    void step(std::size_t k) {
        if (k == m_plan.steps.size()) {
            m_sink.emit(m_st.vars.data(), m_st.body.data());
            return;
        }
        const Step& s = m_plan.steps[k];
        switch (s.kind) {
            case StepKind::ATOM:
                scan(s, [&](TupleId t) {
                    m_st.body[s.body_slot] = t;
                    step(k + 1);
                    return false;
                });
                break;
            case StepKind::NEGATION:
                // In may mode a negated atom may hold in some run whatever holds here.
                if (m_st.options.may || !scan(s, [](TupleId) { return true; })) step(k + 1);
                break;
            case StepKind::FILTER:
                if (m_terms.compare(s.cmp, s.lhs, s.rhs)) step(k + 1);
                break;
            case StepKind::BIND:
                bind(s, k);
                break;
            case StepKind::GATE:
                gate(s, k);
                break;
        }
    }

private:
    void bind(const Step& s, std::size_t k) {
        ValueId v = m_terms.intern(s.lhs);
        if (!v.valid()) return;
        m_st.vars[s.var] = v;
        step(k + 1);
    }

    void gate(const Step& s, std::size_t k) {
        ValueId v = m_terms.find(s.lhs);
        if (v.valid() && v.index() < m_st.prep.node_of.size() && m_st.prep.node_of[v.index()].valid())
            step(k + 1);
    }

    // Counts one tuple scanned: the tuple limit does not see a join that enumerates many
    // bindings but stores few tuples, so join work has a limit of its own.
    void probe() {
        if (++m_st.probes > m_max_probes) [[unlikely]]
            probe_limit_reached(m_st);
        // The memory limit and the deadline are polled by join work too, not only by tuples
        // stored, so a join that enumerates much and keeps little stops within them.
        if ((m_st.probes & 0x3FFFF) == 0) [[unlikely]]
            poll_resource_limits(m_st);
    }

    // Binds the tuple's columns; false when a repeated variable or computed column differs.
    bool match(const Step& s, TupleId t) {
        auto vals = m_st.db.values(t);
        for (const ColumnVar& b : s.binds) m_st.vars[b.var] = vals[b.col];
        for (const ColumnTerm& c : s.checks) {
            if (m_terms.find(c.term) != vals[c.col]) return false;
        }
        return true;
    }

    [[nodiscard]] std::pair<std::uint32_t, std::uint32_t> range(const Step& s, std::int32_t time,
                                                                std::size_t size) const {
        auto n = static_cast<std::uint32_t>(size);
        // A read at another time than now (`p(..)@k`, k != now) sees a list that does not change
        // during this step: all of it is old, none of it is delta.
        if (time != m_st.now) return s.range == Range::DELTA ? std::pair{n, n} : std::pair{0U, n};
        std::uint32_t lo = std::min(m_st.delta_lo[s.rel.index()], n);
        if (s.range == Range::DELTA) return {lo, n};
        if (s.range == Range::OLD) return {0, lo};
        return {0, n};
    }

    // Calls on_match for each matching tuple until it returns true; returns whether it did.
    template <typename F>
    bool scan(const Step& s, F&& on_match) {
        std::int32_t time = atom_time(s.at_time, m_st.now, m_st.eot);
        if (time == 0) return false;
        ValueId* key = m_st.keys.data() + s.key_offset;
        for (std::size_t i = 0; i < s.keys.size(); ++i) {
            key[i] = m_terms.find(s.keys[i].term);
            if (!key[i].valid()) return false;
        }
        const std::vector<TupleId>& list = m_st.db.tuples(s.rel, time);
        auto [lo, hi] = range(s, time, list.size());
        if (s.keys.empty()) {
            for (std::uint32_t pos = lo; pos < hi; ++pos) {
                probe();
                if (match(s, list[pos]) && on_match(list[pos])) return true;
            }
            return false;
        }
        return scan_index(s, time, list, lo, hi, key, on_match);
    }

    template <typename F>
    bool scan_index(const Step& s, std::int32_t time, const std::vector<TupleId>& list, std::uint32_t lo,
                    std::uint32_t hi, const ValueId* key, F&& on_match) {
        PatternIndex& ix = m_st.index(s.pattern, time);
        ix.catch_up(m_st.db, list, m_st.prep.patterns[s.pattern].cols);
        if (ix.heads.empty()) return false;
        std::uint32_t h = key_hash(key, s.keys.size());
        auto mask = static_cast<std::uint32_t>(ix.heads.size() - 1);
        for (std::uint32_t e = ix.heads[h & mask]; e != 0; e = ix.next[e - 1]) {
            std::uint32_t pos = e - 1;
            if (pos >= hi) break;
            probe();
            if (pos < lo || ix.hashes[pos] != h || !key_equal(s, list[pos], key)) continue;
            if (match(s, list[pos]) && on_match(list[pos])) return true;
        }
        return false;
    }

    bool key_equal(const Step& s, TupleId t, const ValueId* key) const {
        auto vals = m_st.db.values(t);
        for (std::size_t i = 0; i < s.keys.size(); ++i) {
            if (vals[s.keys[i].col] != key[i]) return false;
        }
        return true;
    }

    RunState& m_st;
    const Plan& m_plan;
    JoinSink& m_sink;
    TermReader m_terms;
    std::uint64_t m_max_probes;  ///< EvalOptions::max_probes, 0 (unlimited) as the largest value
};

}  // namespace

namespace {

// Whether some positive atom of the plan reads an empty relation (or, outside the time range, none
// at all): then the join has no binding, and skipping it makes such a rule cost nothing however
// large its other atoms are.
bool reads_empty(const RunState& st, const Plan& plan) {
    for (const Step& s : plan.steps) {
        if (s.kind != StepKind::ATOM) continue;
        std::int32_t time = atom_time(s.at_time, st.now, st.eot);
        if (time == 0 || st.db.tuples(s.rel, time).empty()) return true;
    }
    return false;
}

}  // namespace

void add_work(RunState& st, std::uint64_t units) {
    std::uint64_t before = st.probes;
    st.probes += units;
    if (st.options.max_probes != 0 && st.probes > st.options.max_probes) probe_limit_reached(st);
    if ((before >> 18) != (st.probes >> 18)) poll_resource_limits(st);
}

void run_join(RunState& st, const RuleCode& code, const Plan& plan, JoinSink& sink) {
    if (reads_empty(st, plan)) return;
    const auto* rule = code.rule;
    st.vars.assign(std::max(rule->var_count, plan.var_count), ValueId{});
    if (st.keys.size() < plan.key_scratch) st.keys.resize(plan.key_scratch);
    if (st.body.size() < code.positive_count) st.body.resize(code.positive_count);
    Join(st, code, plan, sink).step(0);
}

}  // namespace ldfi::eval::detail
