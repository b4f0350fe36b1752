// Lowering facts and rules from the AST to the checked form: ids for relations and variables.
#include <limits>
#include <unordered_map>

#include "passes.hpp"

namespace ldfi::analysis {
namespace {

using dedalus::Expr;
using dedalus::Literal;

// Facts must be ground, so their arithmetic is folded here; nullopt after reporting an error.
std::optional<std::int64_t> fold_integer(BinOp op, std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    switch (op) {
        case BinOp::ADD:
            return __builtin_add_overflow(a, b, &r) ? std::nullopt : std::optional(r);
        case BinOp::SUB:
            return __builtin_sub_overflow(a, b, &r) ? std::nullopt : std::optional(r);
        case BinOp::MUL:
            return __builtin_mul_overflow(a, b, &r) ? std::nullopt : std::optional(r);
        case BinOp::DIV:
            if (b == 0 || (a == std::numeric_limits<std::int64_t>::min() && b == -1)) return std::nullopt;
            return a / b;
        case BinOp::MOD:
            if (b == 0 || (a == std::numeric_limits<std::int64_t>::min() && b == -1)) return std::nullopt;
            return a % b;
    }
    return std::nullopt;
}

std::optional<Value> fact_value(const Expr& e, const std::string& rel, Diagnostics& diags) {
    switch (e.kind) {
        case Expr::Kind::INTEGER:
            return std::optional<Value>(std::in_place, std::in_place_index<0>, e.integer);
        case Expr::Kind::STRING:
            return std::optional<Value>(std::in_place, std::in_place_index<1>, e.name);
        case Expr::Kind::VARIABLE:
            diags.error(e.loc, "fact '" + rel + "' must be ground, but has the variable '" + e.name + "'");
            return std::nullopt;
        case Expr::Kind::WILDCARD:
            diags.error(e.loc, "fact '" + rel + "' must be ground, but has the wildcard '_'");
            return std::nullopt;
        case Expr::Kind::BINARY:
            break;
    }
    auto lhs = fact_value(*e.lhs, rel, diags);
    auto rhs = fact_value(*e.rhs, rel, diags);
    if (!lhs || !rhs) return std::nullopt;
    if (!std::holds_alternative<std::int64_t>(*lhs) || !std::holds_alternative<std::int64_t>(*rhs)) {
        diags.error(e.loc, "arithmetic on a string in fact '" + rel + "'");
        return std::nullopt;
    }
    auto folded = fold_integer(e.op, std::get<std::int64_t>(*lhs), std::get<std::int64_t>(*rhs));
    if (!folded) {
        diags.error(e.loc, "arithmetic in fact '" + rel + "' overflows or divides by zero");
        return std::nullopt;
    }
    return std::optional<Value>(std::in_place, std::in_place_index<0>, *folded);
}

class RuleLowering {
public:
    RuleLowering(const dedalus::Rule& rule, const CheckedProgram& program)
        : m_rule(rule), m_program(program) {}

    CheckedRule run(RuleId id) {
        m_out.id = id;
        m_out.loc = m_rule.loc;
        m_out.suffix = m_rule.suffix;
        m_out.text = to_string(m_rule);
        for (const Literal& l : m_rule.body) m_out.body.push_back(literal(l));
        m_out.head_rel = m_program.find(m_rule.head.name);
        for (const auto& a : m_rule.head.args) {
            m_out.head.push_back(HeadArg{a.aggregate, term(*a.expr)});
            m_out.has_aggregate = m_out.has_aggregate || a.aggregate.has_value();
        }
        m_out.var_count = static_cast<std::uint32_t>(m_out.var_names.size());
        set_location();
        return std::move(m_out);
    }

private:
    BodyLiteral literal(const Literal& l) {
        BodyLiteral out;
        out.loc = l.loc;
        if (l.kind == Literal::Kind::COMPARISON) {
            out.kind = BodyLiteral::Kind::COMPARISON;
            out.cmp = l.cmp;
            out.lhs = term(*l.lhs);
            out.rhs = term(*l.rhs);
            return out;
        }
        out.kind =
            l.kind == Literal::Kind::NEGATED ? BodyLiteral::Kind::NEGATED : BodyLiteral::Kind::POSITIVE;
        out.atom.rel = m_program.find(l.atom.name);
        out.atom.at_time = l.at_time;
        for (const auto& a : l.atom.args) out.atom.args.push_back(term(*a.expr));
        return out;
    }

    TermPtr term(const Expr& e) {
        auto t = std::make_shared<Term>();
        switch (e.kind) {
            case Expr::Kind::INTEGER:
                t->constant = e.integer;
                break;
            case Expr::Kind::STRING:
                t->constant = e.name;
                break;
            case Expr::Kind::VARIABLE:
                t->kind = Term::Kind::VARIABLE;
                t->var = slot(e.name);
                break;
            case Expr::Kind::WILDCARD:
                t->kind = Term::Kind::VARIABLE;
                t->var = fresh_slot("_");
                break;
            case Expr::Kind::BINARY:
                t->kind = Term::Kind::BINARY;
                t->op = e.op;
                t->lhs = term(*e.lhs);
                t->rhs = term(*e.rhs);
                break;
        }
        return t;
    }

    VarId slot(const std::string& name) {
        auto it = m_slots.find(name);
        if (it != m_slots.end()) return it->second;
        VarId id = fresh_slot(name);
        m_slots.emplace(name, id);
        return id;
    }

    VarId fresh_slot(const std::string& name) {
        m_out.var_names.push_back(name);
        return VarId(static_cast<std::uint32_t>(m_out.var_names.size() - 1));
    }

    void set_location() {
        for (std::size_t i = 0; i < m_rule.body.size(); ++i) {
            const Literal& l = m_rule.body[i];
            if (l.kind != Literal::Kind::POSITIVE) continue;
            m_out.location_literal = static_cast<std::uint32_t>(i);
            m_out.location_wildcard =
                !l.atom.args.empty() && l.atom.args[0].expr->kind == Expr::Kind::WILDCARD;
            return;
        }
    }

    const dedalus::Rule& m_rule;
    const CheckedProgram& m_program;
    CheckedRule m_out;
    std::unordered_map<std::string, VarId> m_slots;
};

}  // namespace

void lower_facts(const dedalus::Program& program, CheckedProgram& out, Diagnostics& diags) {
    for (const auto& fact : program.facts) {
        CheckedFact f;
        f.rel = out.find(fact.atom.name);
        f.time = fact.time;
        f.loc = fact.loc;
        bool ok = true;
        for (const auto& a : fact.atom.args) {
            if (a.aggregate) {
                ok = false;  // reported by check_aggregate_placement
                continue;
            }
            auto v = fact_value(*a.expr, fact.atom.name, diags);
            ok = ok && v.has_value();
            if (v) f.args.push_back(std::move(*v));
        }
        if (ok) out.facts.push_back(std::move(f));
    }
}

void lower_rules(const dedalus::Program& program, CheckedProgram& out) {
    for (const auto& rule : program.rules) {
        RuleId id(static_cast<std::uint32_t>(out.rules.size()));
        out.rules.push_back(RuleLowering(rule, out).run(id));
        if (rule.suffix == TimeSuffix::NEXT) out.next_rules.push_back(id);
        if (rule.suffix == TimeSuffix::ASYNC) out.async_rules.push_back(id);
    }
}

}  // namespace ldfi::analysis
