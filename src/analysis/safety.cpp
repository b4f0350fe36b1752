// Range restriction (safety), aggregate placement and rule locations: checks on the AST.
#include <set>
#include <string>

#include "passes.hpp"

namespace ldfi::analysis {
namespace {

using dedalus::Expr;
using dedalus::Literal;
using dedalus::Rule;

void collect_vars(const Expr& e, std::vector<const Expr*>& out) {
    if (e.kind == Expr::Kind::VARIABLE || e.kind == Expr::Kind::WILDCARD) out.push_back(&e);
    if (e.kind == Expr::Kind::BINARY) {
        collect_vars(*e.lhs, out);
        collect_vars(*e.rhs, out);
    }
}

std::vector<const Expr*> vars_of(const Expr& e) {
    std::vector<const Expr*> out;
    collect_vars(e, out);
    return out;
}

bool all_bound(const Expr& e, const std::set<std::string>& bound) {
    for (const Expr* v : vars_of(e)) {
        if (v->kind == Expr::Kind::WILDCARD || bound.count(v->name) == 0) return false;
    }
    return true;
}

// `X == expr` binds X when X is still unbound and every variable of expr is bound.
bool binds(const Expr& var, const Expr& other, std::set<std::string>& bound) {
    if (var.kind != Expr::Kind::VARIABLE || bound.count(var.name) != 0 || !all_bound(other, bound))
        return false;
    bound.insert(var.name);
    return true;
}

std::set<std::string> bound_variables(const Rule& rule) {
    std::set<std::string> bound;
    for (const Literal& l : rule.body) {
        if (l.kind != Literal::Kind::POSITIVE) continue;
        for (const auto& a : l.atom.args) {
            if (a.expr->kind == Expr::Kind::VARIABLE) bound.insert(a.expr->name);
        }
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (const Literal& l : rule.body) {
            if (l.kind != Literal::Kind::COMPARISON || l.cmp != dedalus::CmpOp::EQ) continue;
            changed = binds(*l.lhs, *l.rhs, bound) || binds(*l.rhs, *l.lhs, bound) || changed;
        }
    }
    return bound;
}

class SafetyChecker {
public:
    SafetyChecker(const Rule& rule, Diagnostics& diags)
        : m_rule(rule), m_bound(bound_variables(rule)), m_diags(diags) {}

    void run() {
        for (const auto& a : m_rule.head.args) check_head_arg(a);
        for (const Literal& l : m_rule.body) check_literal(l);
    }

private:
    void check_head_arg(const dedalus::Arg& a) {
        std::string what = "in the head of '" + m_rule.head.name + "'";
        if (a.aggregate) what = "aggregated " + what;
        for (const Expr* v : vars_of(*a.expr)) {
            if (v->kind == Expr::Kind::WILDCARD) {
                m_diags.error(v->loc, "'_' cannot appear in the head of '" + m_rule.head.name + "'");
            } else {
                require_bound(*v,
                              "variable '" + v->name + "' " + what + " is not bound by a positive body atom");
            }
        }
    }

    void check_literal(const Literal& l) {
        if (l.kind == Literal::Kind::COMPARISON) {
            check_expr(*l.lhs, "in a comparison", "or by '=='");
            check_expr(*l.rhs, "in a comparison", "or by '=='");
            return;
        }
        for (const auto& a : l.atom.args) {
            if (a.expr->kind == Expr::Kind::WILDCARD) continue;
            if (l.kind == Literal::Kind::NEGATED) {
                check_expr(*a.expr, "in 'notin " + l.atom.name + "'", "");
            } else if (a.expr->kind == Expr::Kind::BINARY) {
                check_expr(*a.expr, "in an expression argument of '" + l.atom.name + "'", "elsewhere");
            }
        }
    }

    void check_expr(const Expr& e, const std::string& where, const std::string& alternative) {
        for (const Expr* v : vars_of(e)) {
            if (v->kind == Expr::Kind::WILDCARD) {
                m_diags.error(v->loc,
                              "'_' can only be a whole argument of a body atom, not part of an expression");
                continue;
            }
            std::string tail = alternative.empty() ? "" : " " + alternative;
            require_bound(
                *v, "variable '" + v->name + "' " + where + " is not bound by a positive body atom" + tail);
        }
    }

    void require_bound(const Expr& var, const std::string& message) {
        if (m_bound.count(var.name) != 0 || !m_reported.insert(var.name).second) return;
        m_diags.error(var.loc, message);
    }

    const Rule& m_rule;
    std::set<std::string> m_bound;
    std::set<std::string> m_reported;
    Diagnostics& m_diags;
};

void report_aggregates(const dedalus::Atom& atom, const std::string& where, Diagnostics& diags) {
    for (const auto& a : atom.args) {
        if (!a.aggregate) continue;
        diags.error(a.loc, "aggregate '" + std::string(to_string(*a.aggregate)) + "<" + a.expr->name +
                               ">' is only allowed in a rule head, not " + where);
    }
}

const Literal* first_positive(const Rule& rule) {
    for (const Literal& l : rule.body) {
        if (l.kind == Literal::Kind::POSITIVE) return &l;
    }
    return nullptr;
}

}  // namespace

void check_safety(const dedalus::Program& program, Diagnostics& diags) {
    for (const Rule& rule : program.rules) SafetyChecker(rule, diags).run();
}

void check_aggregate_placement(const dedalus::Program& program, Diagnostics& diags) {
    for (const auto& fact : program.facts) report_aggregates(fact.atom, "in a fact", diags);
    for (const Rule& rule : program.rules) {
        for (const Literal& l : rule.body) {
            if (l.kind != Literal::Kind::COMPARISON) report_aggregates(l.atom, "in a rule body", diags);
        }
    }
}

void check_locations(const dedalus::Program& program, Diagnostics& diags) {
    for (const Rule& rule : program.rules) {
        if (rule.suffix == dedalus::TimeSuffix::ASYNC && rule.head.args.empty()) {
            diags.error(rule.head.loc, "the head of an @async rule needs its destination as first argument");
        }
        const Literal* first = first_positive(rule);
        if (first == nullptr) {
            diags.error(rule.loc,
                        "the body of a rule for '" + rule.head.name + "' needs at least one positive atom");
        } else if (first->atom.args.empty()) {
            diags.error(first->atom.loc, "'" + first->atom.name +
                                             "()' has no first argument to give the rule's location "
                                             "(the first positive atom of a body must have one)");
        }
    }
}

}  // namespace ldfi::analysis
