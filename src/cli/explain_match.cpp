// `ldfi explain` for a tuple no run derives: for each rule of its relation, the head bound to the
// tuple's values and the body matched in source order against the run, as far as it goes.
#include "explain.hpp"
#include "ldfi/eval/compare.hpp"

namespace ldfi::cli {

namespace {

using Env = std::vector<std::optional<Value>>;

// Work limit of one rule's search (tuples tried).
constexpr std::uint64_t MAX_STEPS = 200'000;

std::optional<Value> arithmetic(dedalus::BinOp op, std::int64_t a, std::int64_t b) {
    switch (op) {
        case dedalus::BinOp::ADD:
            return Value(a + b);
        case dedalus::BinOp::SUB:
            return Value(a - b);
        case dedalus::BinOp::MUL:
            return Value(a * b);
        case dedalus::BinOp::DIV:
            return b == 0 ? std::nullopt : std::optional<Value>(Value(a / b));
        case dedalus::BinOp::MOD:
            return b == 0 ? std::nullopt : std::optional<Value>(Value(a % b));
    }
    return std::nullopt;
}

std::optional<Value> evaluate(const analysis::Term& t, const Env& env) {
    switch (t.kind) {
        case analysis::Term::Kind::VARIABLE:
            return env[t.var.index()];
        case analysis::Term::Kind::CONSTANT:
            return t.constant;
        case analysis::Term::Kind::BINARY: {
            auto a = evaluate(*t.lhs, env), b = evaluate(*t.rhs, env);
            if (!a || !b || !std::holds_alternative<std::int64_t>(*a) ||
                !std::holds_alternative<std::int64_t>(*b))
                return std::nullopt;
            return arithmetic(t.op, std::get<std::int64_t>(*a), std::get<std::int64_t>(*b));
        }
    }
    return std::nullopt;
}

bool compare(dedalus::CmpOp cmp, const Value& a, const Value& b) {
    if (cmp == dedalus::CmpOp::EQ) return a == b;
    if (cmp == dedalus::CmpOp::NE) return a != b;
    const auto* x = std::get_if<std::int64_t>(&a);
    const auto* y = std::get_if<std::int64_t>(&b);
    if (x && y) return eval::compare_ints(cmp, *x, *y);
    return eval::compare_order(cmp, value_less(a, b), value_less(b, a));
}

// Matches one rule's body against a run, remembering the deepest partial match.
class RuleMatcher {
public:
    RuleMatcher(const analysis::CheckedProgram& program, const sim::Run& run,
                const analysis::CheckedRule& rule, std::int32_t body_time)
        : m_program(program), m_run(run), m_rule(rule), m_time(body_time) {}

    void search(std::size_t i, const Env& env, std::vector<std::string>& matched) {
        if (m_done) return;
        if (i == m_rule.body.size()) {
            record(i, env, matched, "", "");
            m_done = true;
            return;
        }
        const analysis::BodyLiteral& lit = m_rule.body[i];
        switch (lit.kind) {
            case analysis::BodyLiteral::Kind::POSITIVE:
                return positive(i, env, matched);
            case analysis::BodyLiteral::Kind::NEGATED:
                return negated(i, env, matched);
            case analysis::BodyLiteral::Kind::COMPARISON:
                return comparison(i, env, matched);
        }
    }

    void record(std::size_t depth, const Env& env, const std::vector<std::string>& matched,
                std::string failed, std::string reason) {
        if (m_best && depth <= m_depth) return;
        m_best = PartialMatch{m_rule.text, "", "", matched, std::move(failed), std::move(reason)};
        m_depth = depth;
        m_env = env;
    }

    [[nodiscard]] std::optional<PartialMatch> best() const { return m_best; }
    [[nodiscard]] const Env& best_env() const { return m_env; }
    [[nodiscard]] bool complete() const { return m_done; }
    [[nodiscard]] bool cut() const { return m_steps > MAX_STEPS; }

    std::string term_text(const analysis::Term& t, const Env& env) const {
        if (auto v = evaluate(t, env)) return format_value(*v);
        if (t.kind == analysis::Term::Kind::VARIABLE) return m_rule.var_names[t.var.index()];
        return "(" + term_text(*t.lhs, env) + " " + dedalus::to_string(t.op) + " " + term_text(*t.rhs, env) +
               ")";
    }

private:
    std::int32_t time_of(const analysis::BodyAtom& atom) const {
        return atom.at_time ? static_cast<std::int32_t>(*atom.at_time) : m_time;
    }

    std::string atom_text(const analysis::BodyAtom& atom, const Env& env) const {
        std::string out = m_program.relation(atom.rel).name + "(";
        for (std::size_t a = 0; a < atom.args.size(); ++a)
            out += (a ? ", " : "") + term_text(*atom.args[a], env);
        return out + ")@" + std::to_string(time_of(atom));
    }

    std::string tuple_text(eval::TupleId t) const {
        std::string out = m_program.relation(m_run.db.rel(t)).name + "(";
        auto values = m_run.db.values(t);
        for (std::size_t a = 0; a < values.size(); ++a)
            out += (a ? ", " : "") + format_value(m_run.values.get(values[a]));
        return out + ")@" + std::to_string(m_run.db.time(t));
    }

    // Binds `env` so that `atom` matches tuple `t`; false (env partly bound) when it cannot.
    bool unify(const analysis::BodyAtom& atom, eval::TupleId t, Env& env) const {
        auto values = m_run.db.values(t);
        for (std::size_t a = 0; a < atom.args.size(); ++a) {
            const Value& v = m_run.values.get(values[a]);
            const analysis::Term& term = *atom.args[a];
            if (term.kind == analysis::Term::Kind::VARIABLE && !env[term.var.index()]) {
                env[term.var.index()] = v;
                continue;
            }
            auto want = evaluate(term, env);
            if (want && *want != v) return false;
        }
        return true;
    }

    const std::vector<eval::TupleId>* tuples_at(const analysis::BodyAtom& atom) const {
        std::int32_t t = time_of(atom);
        if (t < 1 || t > m_run.db.eot()) return nullptr;
        return &m_run.db.tuples(atom.rel, t);
    }

    void positive(std::size_t i, const Env& env, std::vector<std::string>& matched) {
        const analysis::BodyAtom& atom = m_rule.body[i].atom;
        bool any = false;
        if (const auto* tuples = tuples_at(atom)) {
            for (eval::TupleId t : *tuples) {
                if (m_done || ++m_steps > MAX_STEPS) return;
                Env next = env;
                if (!unify(atom, t, next)) continue;
                any = true;
                std::string pattern = atom_text(atom, env), tuple = tuple_text(t);
                matched.push_back(pattern == tuple ? tuple : pattern + " by " + tuple);
                search(i + 1, next, matched);
                matched.pop_back();
            }
        }
        if (!any) record(i, env, matched, atom_text(atom, env), "no matching tuple");
    }

    void negated(std::size_t i, const Env& env, std::vector<std::string>& matched) {
        const analysis::BodyAtom& atom = m_rule.body[i].atom;
        std::string text = "notin " + atom_text(atom, env);
        if (const auto* tuples = tuples_at(atom)) {
            for (eval::TupleId t : *tuples) {
                Env probe = env;
                if (unify(atom, t, probe))
                    return record(i, env, matched, text, "blocked by " + tuple_text(t));
            }
        }
        matched.push_back(text + " held");
        search(i + 1, env, matched);
        matched.pop_back();
    }

    void comparison(std::size_t i, const Env& env, std::vector<std::string>& matched) {
        const analysis::BodyLiteral& lit = m_rule.body[i];
        std::string text =
            term_text(*lit.lhs, env) + " " + dedalus::to_string(lit.cmp) + " " + term_text(*lit.rhs, env);
        auto a = evaluate(*lit.lhs, env), b = evaluate(*lit.rhs, env);
        if (a && b && !compare(lit.cmp, *a, *b)) return record(i, env, matched, text, "false");
        matched.push_back(text + (a && b ? " true" : " (not bound here)"));
        search(i + 1, env, matched);
        matched.pop_back();
    }

    const analysis::CheckedProgram& m_program;
    const sim::Run& m_run;
    const analysis::CheckedRule& m_rule;
    std::int32_t m_time;
    std::optional<PartialMatch> m_best;
    std::size_t m_depth = 0;
    Env m_env;
    bool m_done = false;
    std::uint64_t m_steps = 0;
};

// Binds the rule's head variables to the query's values; a reason when the head cannot match.
std::string bind_head(const analysis::CheckedRule& rule, const TupleQuery& q, Env& env) {
    for (std::size_t c = 0; c < rule.head.size(); ++c) {
        const analysis::HeadArg& arg = rule.head[c];
        if (arg.aggregate) continue;
        const analysis::Term& t = *arg.term;
        if (t.kind == analysis::Term::Kind::VARIABLE && !env[t.var.index()]) {
            env[t.var.index()] = q.values[c];
        } else if (auto v = evaluate(t, env); v && *v != q.values[c]) {
            return "its head gives " + format_value(*v) + " in column " + std::to_string(c + 1) + ", not " +
                   format_value(q.values[c]);
        }
    }
    return "";
}

std::string bindings_text(const analysis::CheckedRule& rule, const Env& env) {
    std::string out;
    for (std::size_t v = 0; v < env.size(); ++v) {
        if (!env[v] || rule.var_names[v] == "_") continue;
        out += (out.empty() ? "" : ", ") + rule.var_names[v] + " = " + format_value(*env[v]);
    }
    return out;
}

// Why a body that matched in full still did not give the tuple.
std::string complete_reason(const analysis::CheckedProgram& program, const sim::Run& run,
                            const analysis::CheckedRule& rule, const TupleQuery& q) {
    if (rule.has_aggregate) {
        std::string got = aggregate_results(program, run, rule, q);
        return "the body matches, but the aggregate gives " +
               (got.empty() ? std::string("another value") : got);
    }
    if (rule.suffix == analysis::TimeSuffix::ASYNC)
        return "the body matches, but the message it sends was lost";
    return "the body matches";
}

}  // namespace

std::string aggregate_results(const analysis::CheckedProgram& program, const sim::Run& run,
                              const analysis::CheckedRule& rule, const TupleQuery& q) {
    std::string got;
    if (q.time < 1 || q.time > run.db.eot()) return got;
    for (eval::TupleId t : run.db.tuples(q.rel, q.time)) {
        auto values = run.db.values(t);
        bool same = true;
        std::string text = program.relation(q.rel).name + "(";
        for (std::size_t c = 0; c < values.size(); ++c) {
            const Value& v = run.values.get(values[c]);
            same = same && (rule.head[c].aggregate || v == q.values[c]);
            text += (c ? ", " : "") + format_value(v);
        }
        if (same) got += (got.empty() ? "" : ", ") + text + ")@" + std::to_string(q.time);
    }
    return got;
}

std::vector<PartialMatch> partial_matches(const LoadedSpec& spec, const sim::Run& run, const TupleQuery& q) {
    const analysis::CheckedProgram& program = *spec.program;
    std::vector<PartialMatch> out;
    for (const analysis::CheckedRule& rule : program.rules) {
        if (rule.head_rel != q.rel) continue;
        std::int32_t body_time = q.time - (rule.suffix == analysis::TimeSuffix::NONE ? 0 : 1);
        Env env(rule.var_count);
        std::string head = bind_head(rule, q, env);
        RuleMatcher m(program, run, rule, body_time);
        PartialMatch p{rule.text, source_location(spec, rule.loc), bindings_text(rule, env), {}, "", head};
        if (head.empty() && body_time < 1) {
            p.reason = "its body would be read at time " + std::to_string(body_time) + ", before time 1";
        } else if (head.empty()) {
            std::vector<std::string> matched;
            m.search(0, env, matched);
            if (auto best = m.best()) {
                p.matched = best->matched;
                p.failed = best->failed;
                p.reason = m.complete() ? complete_reason(program, run, rule, q) : best->reason;
            }
            if (m.cut()) p.reason += " (search cut after " + std::to_string(MAX_STEPS) + " tuples)";
        }
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace ldfi::cli
