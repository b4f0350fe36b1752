// Compiling checked rules: terms flattened over variable slots, constants interned, the location
// term found, negations described for firings, and the join plans chosen.
#include <algorithm>

#include "plan.hpp"
#include "planner.hpp"

namespace ldfi::eval::detail {

using analysis::BodyLiteral;
using analysis::Term;

namespace {

std::uint32_t add_term(const Term& t, RuleCode& code, ValueTable& values) {
    TermNode n;
    switch (t.kind) {
        case Term::Kind::VARIABLE:
            n.kind = TermNode::Kind::VAR;
            n.a = t.var.value;
            break;
        case Term::Kind::CONSTANT:
            n.kind = TermNode::Kind::CONST;
            n.a = values.intern(t.constant).value;
            break;
        case Term::Kind::BINARY:
            n.kind = TermNode::Kind::BIN;
            n.op = t.op;
            n.lhs = add_term(*t.lhs, code, values);
            n.rhs = add_term(*t.rhs, code, values);
            break;
    }
    code.nodes.push_back(n);
    return static_cast<std::uint32_t>(code.nodes.size() - 1);
}

// Variables a positive atom binds directly, then those `==` can bind from bindable ones.
std::vector<bool> bindable_vars(const analysis::CheckedRule& rule, const RuleCode& code,
                                const CompiledBody& body) {
    std::vector<bool> bindable(rule.var_count, false);
    for (std::uint32_t i = 0; i < rule.body.size(); ++i) {
        if (rule.body[i].kind != BodyLiteral::Kind::POSITIVE) continue;
        for (std::uint32_t root : body.args[i]) {
            if (code.nodes[root].kind == TermNode::Kind::VAR) bindable[code.nodes[root].a] = true;
        }
    }
    auto all_bindable = [&](std::uint32_t root) {
        std::vector<std::uint32_t> vars;
        collect_vars(code.nodes, root, vars);
        return std::all_of(vars.begin(), vars.end(), [&](std::uint32_t v) { return bindable[v]; });
    };
    for (bool changed = true; changed;) {
        changed = false;
        for (std::uint32_t i = 0; i < rule.body.size(); ++i) {
            const BodyLiteral& l = rule.body[i];
            if (l.kind != BodyLiteral::Kind::COMPARISON || l.cmp != CmpOp::EQ) continue;
            for (auto [a, b] : {std::pair{body.lhs[i], body.rhs[i]}, std::pair{body.rhs[i], body.lhs[i]}}) {
                const TermNode& n = code.nodes[a];
                if (n.kind == TermNode::Kind::VAR && !bindable[n.a] && all_bindable(b)) {
                    bindable[n.a] = true;
                    changed = true;
                }
            }
        }
    }
    return bindable;
}

CompiledBody compile_body(const analysis::CheckedRule& rule, const std::vector<bool>& recursive,
                          RuleCode& code, ValueTable& values) {
    CompiledBody body;
    std::size_t n = rule.body.size();
    body.args.resize(n);
    body.lhs.assign(n, 0);
    body.rhs.assign(n, 0);
    body.positive_slot.assign(n, 0);
    body.recursive.assign(n, false);
    for (std::uint32_t i = 0; i < n; ++i) {
        const BodyLiteral& l = rule.body[i];
        if (l.kind == BodyLiteral::Kind::COMPARISON) {
            body.lhs[i] = add_term(*l.lhs, code, values);
            body.rhs[i] = add_term(*l.rhs, code, values);
            continue;
        }
        for (const auto& arg : l.atom.args) body.args[i].push_back(add_term(*arg, code, values));
        if (l.kind == BodyLiteral::Kind::POSITIVE) {
            body.positive_slot[i] = code.positive_count++;
            // An absolute-time read `p(..)@k` is recursive too: at t == k it reads the current step,
            // which this component may still be growing (the join sees an empty delta when k != t).
            body.recursive[i] = recursive[l.atom.rel.index()];
        }
    }
    body.bindable = bindable_vars(rule, code, body);
    return body;
}

void compile_negations(const analysis::CheckedRule& rule, const CompiledBody& body, RuleCode& code) {
    for (std::uint32_t i = 0; i < rule.body.size(); ++i) {
        const BodyLiteral& l = rule.body[i];
        if (l.kind != BodyLiteral::Kind::NEGATED) continue;
        NegationCode neg{l.atom.rel, l.atom.at_time, body.args[i], {}};
        for (std::uint32_t root : body.args[i]) {
            std::vector<std::uint32_t> vars;
            collect_vars(code.nodes, root, vars);
            neg.wildcard.push_back(
                std::any_of(vars.begin(), vars.end(), [&](auto v) { return !body.bindable[v]; }));
        }
        code.negations.push_back(std::move(neg));
    }
}

void compile_location(const analysis::CheckedRule& rule, const CompiledBody& body,
                      const std::vector<NodeId>& node_of, RuleCode& code) {
    if (rule.location_literal >= rule.body.size() || body.args[rule.location_literal].empty()) return;
    code.location = body.args[rule.location_literal][0];
    const TermNode& n = code.nodes[code.location];
    if (!rule.location_wildcard && n.kind == TermNode::Kind::CONST) {
        code.disabled = n.a >= node_of.size() || !node_of[n.a].valid();
    }
}

}  // namespace

RuleCode compile_rule(const analysis::CheckedRule& rule, const std::vector<bool>& recursive,
                      const std::vector<NodeId>& node_of, ValueTable& values,
                      std::vector<Pattern>& patterns) {
    RuleCode code;
    code.rule = &rule;
    CompiledBody body = compile_body(rule, recursive, code, values);
    for (const auto& h : rule.head) {
        code.head.push_back(add_term(*h.term, code, values));
        code.aggregates.push_back(h.aggregate);
    }
    compile_negations(rule, body, code);
    compile_location(rule, body, node_of, code);
    code.full = plan_body(rule, code, body, std::nullopt, patterns);
    bool deductive = rule.suffix == analysis::TimeSuffix::NONE && !rule.has_aggregate;
    for (std::uint32_t i = 0; deductive && i < rule.body.size(); ++i) {
        if (body.recursive[i]) code.deltas.emplace_back(i, plan_body(rule, code, body, i, patterns));
    }
    return code;
}

}  // namespace ldfi::eval::detail
