// `ldfi explain`: derivation trees from a run's firing records, persistence chains folded, and
// for a tuple the faults removed, the fault-free tree marked with what the faults cut.
#include "explain.hpp"

#include <unordered_set>

#include "ldfi/util/error.hpp"

namespace ldfi::cli {

std::string source_location(const LoadedSpec& spec, const SourceLoc& loc) {
    if (!loc.known() || loc.file >= spec.files.size()) return "";
    return spec.files.path(loc.file) + ":" + std::to_string(loc.line);
}

namespace {

std::optional<eval::TupleId> find_in(const sim::Run& run, RelId rel, const std::vector<Value>& values,
                                     std::int32_t time) {
    std::vector<ValueId> ids;
    for (const Value& v : values) {
        ValueId id = run.values.find(v);
        if (!id.valid()) return std::nullopt;
        ids.push_back(id);
    }
    if (time < 1 || time > run.db.eot()) return std::nullopt;
    return run.db.find(rel, time, ids);
}

std::string atom_text(const analysis::CheckedProgram& program, RelId rel,
                      const std::vector<std::string>& args) {
    std::string out = program.relation(rel).name + "(";
    for (std::size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
    return out + ")";
}

// Builds the tree of `run`'s derivations of one tuple; with `faulty`, marks which tuples hold
// there and expands only those that do not, naming the faults that lost their messages.
class TreeBuilder {
public:
    TreeBuilder(const LoadedSpec& spec, const sim::FaultModel& model, const sim::Run& run,
                const sim::Run* faulty, const ExplainLimits& limits)
        : m_program(*spec.program),
          m_spec(spec),
          m_model(model),
          m_run(run),
          m_faulty(faulty),
          m_limits(limits) {
        m_by_head.resize(run.db.size());
        for (std::uint32_t i = 0; i < run.firings.size(); ++i) {
            if (run.firings[i].head.valid()) m_by_head[run.firings[i].head.index()].push_back(i);
        }
        m_fact.assign(run.db.size(), false);
        for (const analysis::CheckedFact& f : m_program.facts) {
            auto t = find_in(run, f.rel, f.args, static_cast<std::int32_t>(f.time));
            if (t) m_fact[t->index()] = true;
        }
    }

    ExplainedTuple build(eval::TupleId top, std::uint32_t depth) {
        ExplainedTuple out;
        out.text = tuple_text(top);
        out.relation = m_program.relation(m_run.db.rel(top)).name;
        out.values = values_of(top);
        out.time = m_run.db.time(top);
        out.holds = !m_faulty || holds_faulty(top);
        eval::TupleId base = fold(top, out.holds);
        out.since = m_run.db.time(base);
        out.origin = origin(base);
        if (out.origin != "derived" || (m_faulty && out.holds)) return out;
        if (m_seen.contains(base.value)) {
            out.see_above = true;
            return out;
        }
        bool deep = m_limits.depth && depth >= m_limits.depth, many = m_entries >= m_limits.max_tuples;
        if (deep || many) {
            out.elided = true;
            m_cut_deep = m_cut_deep || deep;
            m_cut_many = m_cut_many || many;
            return out;
        }
        m_seen.insert(base.value);
        for (std::uint32_t fi : m_by_head[base.index()]) {
            out.derivations.push_back(derivation(m_run.firings[fi], depth));
            const analysis::CheckedRule& rule = m_program.rule(m_run.firings[fi].rule);
            if (m_faulty && rule.has_aggregate) {
                out.derivations.back().aggregate_instead = aggregate_results(
                    m_program, *m_faulty, rule, {m_run.db.rel(base), out.values, out.since});
            }
        }
        return out;
    }

    /// What cut the tree ("" when nothing did).
    [[nodiscard]] std::string cut_by() const {
        std::string depth = m_cut_deep ? "--depth " + std::to_string(m_limits.depth) : "";
        std::string many = m_cut_many ? "--max-entries " + std::to_string(m_limits.max_tuples) : "";
        return depth + (m_cut_deep && m_cut_many ? " and " : "") + many;
    }

private:
    std::vector<Value> values_of(eval::TupleId t) const {
        std::vector<Value> out;
        for (ValueId v : m_run.db.values(t)) out.push_back(m_run.values.get(v));
        return out;
    }

    std::string tuple_text(eval::TupleId t) const {
        std::vector<std::string> args;
        for (const Value& v : values_of(t)) args.push_back(format_value(v));
        return atom_text(m_program, m_run.db.rel(t), args);
    }

    bool holds_faulty(eval::TupleId t) const {
        return holds_in(*m_faulty, m_run.db.rel(t), values_of(t), m_run.db.time(t));
    }

    std::optional<eval::TupleId> persisted_from(eval::TupleId t) const {
        for (std::uint32_t fi : m_by_head[t.index()]) {
            const eval::Firing& f = m_run.firings[fi];
            if (m_program.rule(f.rule).suffix != analysis::TimeSuffix::NEXT || f.body.size() != 1) continue;
            eval::TupleId b = f.body[0];
            if (m_run.db.rel(b) == m_run.db.rel(t) &&
                std::ranges::equal(m_run.db.values(b), m_run.db.values(t)))
                return b;
        }
        return std::nullopt;
    }

    // The earliest tuple of the persistence chain ending at `t` (keeping `holds` alike).
    eval::TupleId fold(eval::TupleId t, bool holds) const {
        while (auto prev = persisted_from(t)) {
            if (m_faulty && holds_faulty(*prev) != holds) break;
            t = *prev;
        }
        return t;
    }

    std::string origin(eval::TupleId t) const {
        analysis::RelKind kind = m_program.relation(m_run.db.rel(t)).kind;
        if (kind == analysis::RelKind::BUILTIN_CRASH) return "crash";
        if (kind == analysis::RelKind::BUILTIN_CLOCK) return "clock";
        if (m_fact[t.index()] || m_by_head[t.index()].empty()) return "fact";
        return "derived";
    }

    ExplainedDerivation derivation(const eval::Firing& f, std::uint32_t depth) {
        ++m_entries;
        const analysis::CheckedRule& rule = m_program.rule(f.rule);
        ExplainedDerivation d{rule.text, source_location(m_spec, rule.loc), std::nullopt, {}, {}, ""};
        if (f.message) d.message = message(m_run.messages.at(*f.message));
        for (eval::TupleId b : f.body) {
            ++m_entries;
            d.body.push_back(build(b, depth + 1));
        }
        for (const eval::NegatedAtom& n : f.negated) d.negated.push_back(negation(n));
        return d;
    }

    ExplainedMessage message(const sim::Message& m) const {
        ExplainedMessage out{m_model.node_name(m.from), m_model.node_name(m.to), m.sent, ""};
        if (!m_faulty) return out;
        switch (sim::FaultModel::deliver(m_faulty->faults, m.from, m.to, m.sent)) {
            case sim::Delivery::DELIVERED:
                break;
            case sim::Delivery::OMITTED:
                out.lost_by = m_model.format(sim::Omission{m.from, m.to, m.sent});
                break;
            case sim::Delivery::SENDER_CRASHED:
                out.lost_by = m_model.format(sim::Crash{m.from, *m_faulty->faults.crash_time(m.from)});
                break;
        }
        return out;
    }

    ExplainedNegation negation(const eval::NegatedAtom& n) const {
        std::vector<std::string> args;
        std::vector<std::optional<Value>> pattern;
        for (ValueId v : n.values) {
            pattern.push_back(v.valid() ? std::optional<Value>(m_run.values.get(v)) : std::nullopt);
            args.push_back(v.valid() ? format_value(m_run.values.get(v)) : "_");
        }
        ExplainedNegation out{atom_text(m_program, n.rel, args) + "@" + std::to_string(n.time), ""};
        if (m_faulty) out.blocker = first_match(*m_faulty, n.rel, pattern, n.time);
        return out;
    }

    // A tuple of `run` matching the pattern (nullopt: any value), as text; "" when none.
    std::string first_match(const sim::Run& run, RelId rel, const std::vector<std::optional<Value>>& pattern,
                            std::int32_t time) const {
        if (time < 1 || time > run.db.eot()) return "";
        for (eval::TupleId t : run.db.tuples(rel, time)) {
            auto values = run.db.values(t);
            bool match = true;
            std::vector<std::string> args;
            for (std::size_t i = 0; i < pattern.size() && match; ++i) {
                const Value& v = run.values.get(values[i]);
                match = !pattern[i] || *pattern[i] == v;
                args.push_back(format_value(v));
            }
            if (match) return atom_text(m_program, rel, args) + "@" + std::to_string(time);
        }
        return "";
    }

    const analysis::CheckedProgram& m_program;
    const LoadedSpec& m_spec;
    const sim::FaultModel& m_model;
    const sim::Run& m_run;
    const sim::Run* m_faulty;
    ExplainLimits m_limits;
    std::vector<std::vector<std::uint32_t>> m_by_head;
    std::vector<bool> m_fact;
    std::unordered_set<std::uint32_t> m_seen;
    std::uint32_t m_entries = 0;
    bool m_cut_deep = false, m_cut_many = false;
};

std::string query_text(const analysis::CheckedProgram& program, const TupleQuery& q) {
    std::vector<std::string> args;
    for (const Value& v : q.values) args.push_back(format_value(v));
    return atom_text(program, q.rel, args) + "@" + std::to_string(q.time);
}

}  // namespace

bool holds_in(const sim::Run& run, RelId rel, const std::vector<Value>& values, std::int32_t time) {
    return find_in(run, rel, values, time).has_value();
}

Explanation explain_tuple(const LoadedSpec& spec, const sim::FaultModel& model, const sim::Run& run,
                          const sim::Run& fault_free, const TupleQuery& query, const ExplainLimits& limits) {
    Explanation e;
    e.query = query_text(*spec.program, query);
    for (const sim::Fault& f : run.faults.faults()) e.faults.push_back(model.format(f));
    auto t = find_in(run, query.rel, query.values, query.time);
    auto ft = find_in(fault_free, query.rel, query.values, query.time);
    e.holds = t.has_value();
    e.holds_fault_free = ft.has_value();
    if (t || ft) {
        TreeBuilder builder(spec, model, t ? run : fault_free, t ? nullptr : &run, limits);
        e.tree = builder.build(t ? *t : *ft, 0);
        if (std::string cut = builder.cut_by(); !cut.empty())
            e.notes.push_back("the tree is cut by " + cut + " (the entries marked ...)");
    } else {
        e.partial = partial_matches(spec, run, query);
        analysis::RelKind kind = spec.program->relation(query.rel).kind;
        if (kind == analysis::RelKind::BUILTIN_CRASH)
            e.notes.push_back(
                "crash(Observer, Node, T) is built-in: it holds at every time for each --crash Node@T");
        if (kind == analysis::RelKind::BUILTIN_CLOCK)
            e.notes.push_back(
                "clock(From, To, T, T + 1) is built-in: it holds while From's messages to To sent at T "
                "arrive (no omission, From not crashed)");
    }
    return e;
}

}  // namespace ldfi::cli
