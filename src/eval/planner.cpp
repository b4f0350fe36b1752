// Greedy join ordering: the atom with the most bound columns next; filters, negations and `==`
// bindings as soon as their variables are bound; the location gate as soon as its term is.
#include "planner.hpp"

#include <algorithm>

namespace ldfi::eval::detail {

using analysis::BodyLiteral;

void collect_vars(const std::vector<TermNode>& nodes, std::uint32_t root, std::vector<std::uint32_t>& out) {
    const TermNode& n = nodes[root];
    if (n.kind == TermNode::Kind::VAR) {
        out.push_back(n.a);
    } else if (n.kind == TermNode::Kind::BIN) {
        collect_vars(nodes, n.lhs, out);
        collect_vars(nodes, n.rhs, out);
    }
}

namespace {

std::uint32_t find_pattern(std::vector<Pattern>& patterns, RelId rel,
                           const std::vector<std::uint32_t>& cols) {
    for (std::uint32_t i = 0; i < patterns.size(); ++i) {
        if (patterns[i].rel == rel && patterns[i].cols == cols) return i;
    }
    patterns.push_back(Pattern{rel, cols});
    return static_cast<std::uint32_t>(patterns.size() - 1);
}

class Planner {
public:
    Planner(const analysis::CheckedRule& rule, RuleCode& code, const CompiledBody& body,
            std::vector<Pattern>& patterns)
        : m_rule(rule),
          m_code(code),
          m_body(body),
          m_patterns(patterns),
          m_bound(rule.var_count, false),
          m_placed(rule.body.size(), false) {
        m_gate_done = code.location == NONE || rule.location_wildcard;
    }

    Plan run(std::optional<std::uint32_t> delta) {
        m_delta = delta;
        if (delta) place_atom(*delta);
        while (true) {
            place_ready();
            std::optional<std::uint32_t> next = best_atom();
            if (!next) break;
            place_atom(*next);
        }
        place_rest();
        m_plan.var_count = static_cast<std::uint32_t>(m_bound.size());
        return std::move(m_plan);
    }

private:
    [[nodiscard]] bool computable(std::uint32_t root) const {
        std::vector<std::uint32_t> vars;
        collect_vars(m_code.nodes, root, vars);
        return std::all_of(vars.begin(), vars.end(), [&](std::uint32_t v) { return m_bound[v]; });
    }
    [[nodiscard]] bool is_free_var(std::uint32_t root) const {
        const TermNode& n = m_code.nodes[root];
        return n.kind == TermNode::Kind::VAR && !m_bound[n.a];
    }
    [[nodiscard]] Range range_of(std::uint32_t lit) const {
        if (!m_delta || !m_body.recursive[lit]) return Range::FULL;
        if (lit == *m_delta) return Range::DELTA;
        return lit < *m_delta ? Range::FULL : Range::OLD;
    }

    // Splits the columns of an atom into keys (computable now), binds and checks.
    Step atom_step(std::uint32_t lit, StepKind kind) {
        const BodyLiteral& l = m_rule.body[lit];
        Step s;
        s.kind = kind;
        s.literal = lit;
        s.rel = l.atom.rel;
        s.at_time = l.atom.at_time;
        s.body_slot = m_body.positive_slot[lit];
        std::vector<bool> local(m_bound.size(), false);
        const auto& args = m_body.args[lit];
        for (std::uint32_t c = 0; c < args.size(); ++c) {
            const TermNode& n = m_code.nodes[args[c]];
            if (computable(args[c])) {
                s.keys.push_back({c, args[c]});
            } else if (n.kind == TermNode::Kind::VAR && !local[n.a]) {
                local[n.a] = true;
                s.binds.push_back({c, n.a});
            }
        }
        for (std::uint32_t c = 0; c < args.size(); ++c) {
            if (computable(args[c]) || is_first_bind(s, c)) continue;
            if (computable_with(args[c], local) || kind == StepKind::NEGATION) {
                s.checks.push_back({c, args[c]});
            } else {
                defer(s, c, args[c]);  // an expression over variables bound later
            }
        }
        std::vector<std::uint32_t> cols;
        for (const auto& k : s.keys) cols.push_back(k.col);
        if (!cols.empty()) s.pattern = find_pattern(m_patterns, s.rel, cols);
        s.key_offset = m_plan.key_scratch;
        m_plan.key_scratch += static_cast<std::uint32_t>(s.keys.size());
        return s;
    }

    [[nodiscard]] static bool is_first_bind(const Step& s, std::uint32_t col) {
        return std::any_of(s.binds.begin(), s.binds.end(), [&](const ColumnVar& b) { return b.col == col; });
    }
    [[nodiscard]] bool computable_with(std::uint32_t root, const std::vector<bool>& local) const {
        std::vector<std::uint32_t> vars;
        collect_vars(m_code.nodes, root, vars);
        return std::all_of(vars.begin(), vars.end(), [&](std::uint32_t v) { return m_bound[v] || local[v]; });
    }

    // Binds the column to a hidden variable and compares it with the term once that is computable.
    void defer(Step& s, std::uint32_t col, std::uint32_t term) {
        auto hidden = static_cast<std::uint32_t>(m_bound.size());
        m_bound.push_back(false);
        s.binds.push_back({col, hidden});
        TermNode n;
        n.kind = TermNode::Kind::VAR;
        n.a = hidden;
        m_code.nodes.push_back(n);
        m_deferred.push_back({static_cast<std::uint32_t>(m_code.nodes.size() - 1), term});
    }

    bool try_deferred(bool force) {
        bool placed = false;
        for (auto it = m_deferred.begin(); it != m_deferred.end();) {
            if (!force && !(computable(it->first) && computable(it->second))) {
                ++it;
                continue;
            }
            Step s;
            s.kind = StepKind::FILTER;
            s.cmp = CmpOp::EQ;
            s.lhs = it->first;
            s.rhs = it->second;
            m_plan.steps.push_back(std::move(s));
            it = m_deferred.erase(it);
            placed = true;
        }
        return placed;
    }

    void place_atom(std::uint32_t lit) {
        Step s = atom_step(lit, StepKind::ATOM);
        s.range = range_of(lit);
        for (const auto& b : s.binds) m_bound[b.var] = true;
        m_placed[lit] = true;
        m_plan.steps.push_back(std::move(s));
    }

    [[nodiscard]] bool negation_ready(std::uint32_t lit) const {
        std::vector<std::uint32_t> vars;
        for (std::uint32_t root : m_body.args[lit]) collect_vars(m_code.nodes, root, vars);
        return std::all_of(vars.begin(), vars.end(),
                           [&](std::uint32_t v) { return m_bound[v] || !m_body.bindable[v]; });
    }

    bool try_comparison(std::uint32_t lit, bool force) {
        const BodyLiteral& l = m_rule.body[lit];
        std::uint32_t lhs = m_body.lhs[lit], rhs = m_body.rhs[lit];
        Step s;
        s.literal = lit;
        s.cmp = l.cmp;
        if (computable(lhs) && computable(rhs)) {
            s.kind = StepKind::FILTER;
            s.lhs = lhs;
            s.rhs = rhs;
        } else if (l.cmp == CmpOp::EQ && is_free_var(lhs) && computable(rhs)) {
            s.kind = StepKind::BIND;
            s.var = m_code.nodes[lhs].a;
            s.lhs = rhs;
        } else if (l.cmp == CmpOp::EQ && is_free_var(rhs) && computable(lhs)) {
            s.kind = StepKind::BIND;
            s.var = m_code.nodes[rhs].a;
            s.lhs = lhs;
        } else if (force) {
            s.kind = StepKind::FILTER;  // an unbound variable makes it fail at run time
            s.lhs = lhs;
            s.rhs = rhs;
        } else {
            return false;
        }
        if (s.kind == StepKind::BIND) m_bound[s.var] = true;
        m_placed[lit] = true;
        m_plan.steps.push_back(std::move(s));
        return true;
    }

    bool try_literal(std::uint32_t lit, bool force) {
        const BodyLiteral& l = m_rule.body[lit];
        if (l.kind == BodyLiteral::Kind::COMPARISON) return try_comparison(lit, force);
        if (l.kind != BodyLiteral::Kind::NEGATED || !(force || negation_ready(lit))) return false;
        m_plan.steps.push_back(atom_step(lit, StepKind::NEGATION));
        m_placed[lit] = true;
        return true;
    }

    bool try_gate(bool force) {
        if (m_gate_done || !(force || computable(m_code.location))) return false;
        Step s;
        s.kind = StepKind::GATE;
        s.lhs = m_code.location;
        m_plan.steps.push_back(std::move(s));
        m_gate_done = true;
        return true;
    }

    void place_ready() {
        bool progress = true;
        while (progress) {
            progress = try_gate(false);
            progress |= try_deferred(false);
            for (std::uint32_t i = 0; i < m_rule.body.size(); ++i) {
                if (!m_placed[i] && try_literal(i, false)) progress = true;
            }
        }
    }

    void place_rest() {
        try_gate(true);
        try_deferred(true);
        for (std::uint32_t i = 0; i < m_rule.body.size(); ++i) {
            if (!m_placed[i]) try_literal(i, true);
        }
    }

    [[nodiscard]] std::optional<std::uint32_t> best_atom() const {
        std::optional<std::uint32_t> best;
        int best_score = -1;
        for (std::uint32_t i = 0; i < m_rule.body.size(); ++i) {
            if (m_placed[i] || m_rule.body[i].kind != BodyLiteral::Kind::POSITIVE) continue;
            int score = 0;
            for (std::uint32_t root : m_body.args[i]) score += computable(root) ? 2 : 0;
            if (m_rule.body[i].atom.at_time) score += 1;  // fixed-time reads are small
            if (score > best_score) {
                best_score = score;
                best = i;
            }
        }
        return best;
    }

    const analysis::CheckedRule& m_rule;
    RuleCode& m_code;
    const CompiledBody& m_body;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_deferred;  ///< (hidden variable node, term)
    std::vector<Pattern>& m_patterns;
    std::vector<bool> m_bound, m_placed;
    bool m_gate_done = true;
    std::optional<std::uint32_t> m_delta;
    Plan m_plan;
};

}  // namespace

Plan plan_body(const analysis::CheckedRule& rule, RuleCode& code, const CompiledBody& body,
               std::optional<std::uint32_t> delta, std::vector<Pattern>& patterns) {
    return Planner(rule, code, body, patterns).run(delta);
}

}  // namespace ldfi::eval::detail
