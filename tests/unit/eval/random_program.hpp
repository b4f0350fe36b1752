// Random stratified programs built directly as CheckedPrograms, for the randomized cross-check.
#pragma once

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "ldfi/analysis/checked_program.hpp"

namespace ldfi::test {

using analysis::BodyLiteral;
using analysis::CheckedProgram;
using analysis::CheckedRule;
using analysis::Term;
using analysis::TermPtr;

/// Builds one random program: relations with a stratum level each, facts at times 1..eot+1,
/// deductive rules (joins, recursion, negation and aggregates over lower levels, comparisons,
/// arithmetic, `==` bindings, absolute-time atoms) and @next rules.
class RandomProgram {
public:
    RandomProgram(std::uint32_t seed, std::int32_t eot) : m_rng(seed), m_eot(eot) {}

    std::shared_ptr<CheckedProgram> build() {
        auto p = std::make_shared<CheckedProgram>();
        m_p = p.get();
        add_relations();
        add_facts();
        int deductive = pick(2, 6), next = pick(0, 2);
        for (int i = 0; i < deductive; ++i) add_rule(analysis::TimeSuffix::NONE);
        for (int i = 0; i < next; ++i) add_rule(analysis::TimeSuffix::NEXT);
        for (std::uint32_t rel = 0; rel < m_p->relations.size(); ++rel) {
            if (chance(50)) add_persistence(RelId{rel});
        }
        group_strata();
        return p;
    }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
    bool chance(int percent) { return pick(1, 100) <= percent; }

    Value random_value(bool location) {
        static const char* names[] = {"a", "b", "z"};
        if (location) return chance(85) ? Value{std::string(names[pick(0, 2)])} : Value{std::int64_t{pick(0, 1)}};
        return chance(85) ? Value{std::int64_t{pick(0, 3)}} : Value{std::string("a")};
    }

    void add_relations() {
        int n = pick(3, 5);
        for (int i = 0; i < n; ++i) {
            analysis::Relation r;
            r.name = "r" + std::to_string(i);
            r.arity = static_cast<std::uint32_t>(pick(1, 3));
            r.stratum = static_cast<std::uint32_t>(pick(0, 2));
            m_p->relation_by_name[r.name] = RelId{static_cast<std::uint32_t>(i)};
            m_p->relations.push_back(r);
        }
    }

    void add_facts() {
        for (std::uint32_t r = 0; r < m_p->relations.size(); ++r) {
            int n = pick(0, 10);
            for (int i = 0; i < n; ++i) {
                analysis::CheckedFact f;
                f.rel = RelId{r};
                f.time = chance(60) ? 1 : pick(1, m_eot + 1);
                for (std::uint32_t c = 0; c < m_p->relations[r].arity; ++c) f.args.push_back(random_value(c == 0));
                m_p->facts.push_back(f);
            }
        }
    }

    TermPtr var(std::uint32_t slot) {
        auto t = std::make_shared<Term>();
        t->kind = Term::Kind::VARIABLE;
        t->var = VarId{slot};
        return t;
    }
    TermPtr constant(Value v) {
        auto t = std::make_shared<Term>();
        t->constant = std::move(v);
        return t;
    }
    TermPtr binary(analysis::BinOp op, TermPtr a, TermPtr b) {
        auto t = std::make_shared<Term>();
        t->kind = Term::Kind::BINARY;
        t->op = op;
        t->lhs = std::move(a);
        t->rhs = std::move(b);
        return t;
    }
    std::uint32_t fresh(CheckedRule& r, const std::string& name) {
        r.var_names.push_back(name);
        return r.var_count++;
    }
    TermPtr bound_term(const std::vector<std::uint32_t>& bound) {
        if (bound.empty() || chance(20)) return constant(random_value(false));
        return var(bound[static_cast<std::size_t>(pick(0, static_cast<int>(bound.size()) - 1))]);
    }
    TermPtr expression(const std::vector<std::uint32_t>& bound) {
        if (chance(60)) return bound_term(bound);
        auto op = static_cast<analysis::BinOp>(pick(0, 4));
        return binary(op, bound_term(bound), bound_term(bound));
    }

    // Relations a literal of a rule at `level` may read: positively at <= level, else < level.
    std::vector<RelId> readable(std::uint32_t level, bool strictly_lower) {
        std::vector<RelId> out;
        for (std::uint32_t i = 0; i < m_p->relations.size(); ++i) {
            std::uint32_t l = m_p->relations[i].stratum;
            if (l < level || (!strictly_lower && l == level)) out.emplace_back(i);
        }
        return out;
    }

    analysis::BodyAtom atom(CheckedRule& r, RelId rel, std::vector<std::uint32_t>& bound, bool positive) {
        analysis::BodyAtom a;
        a.rel = rel;
        for (std::uint32_t c = 0; c < m_p->relation(rel).arity; ++c) {
            int k = pick(1, 100);
            if (k <= 15) {
                a.args.push_back(var(fresh(r, "_")));
            } else if (k <= 25) {
                a.args.push_back(constant(random_value(c == 0)));
            } else if (positive && k <= 30 && !bound.empty()) {
                a.args.push_back(binary(analysis::BinOp::ADD, bound_term(bound), constant(Value{std::int64_t{1}})));
            } else if (positive || !bound.empty()) {
                std::uint32_t v = positive ? static_cast<std::uint32_t>(c == 0 && chance(70) ? 0 : pick(1, 3)) : bound[static_cast<std::size_t>(
                                                                                           pick(0, static_cast<int>(bound.size()) - 1))];
                a.args.push_back(var(v));
                if (positive) m_new.push_back(v);
            } else {
                a.args.push_back(var(fresh(r, "_")));
            }
        }
        return a;
    }

    void add_positive(CheckedRule& r, std::vector<std::uint32_t>& bound, bool strictly_lower) {
        auto rels = readable(r.stratum, strictly_lower);
        BodyLiteral lit;
        m_new.clear();
        lit.atom = atom(r, rels[static_cast<std::size_t>(pick(0, static_cast<int>(rels.size()) - 1))], bound, true);
        // an absolute time only where the relation is complete when read
        bool complete = r.suffix == analysis::TimeSuffix::NEXT || m_p->relation(lit.atom.rel).stratum < r.stratum;
        if (complete && chance(15)) lit.atom.at_time = pick(0, m_eot + 1);
        for (auto v : m_new) {
            if (std::find(bound.begin(), bound.end(), v) == bound.end()) bound.push_back(v);
        }
        r.body.push_back(std::move(lit));
    }

    void add_filters(CheckedRule& r, std::vector<std::uint32_t>& bound, bool strictly_lower) {
        if (chance(35)) {
            BodyLiteral lit;
            lit.kind = BodyLiteral::Kind::COMPARISON;
            lit.cmp = static_cast<analysis::CmpOp>(pick(0, 5));
            lit.lhs = expression(bound);
            lit.rhs = expression(bound);
            r.body.push_back(std::move(lit));
        }
        if (chance(25)) {
            BodyLiteral lit;
            lit.kind = BodyLiteral::Kind::COMPARISON;
            std::uint32_t w = fresh(r, "W");
            lit.lhs = var(w);
            lit.rhs = expression(bound);
            if (chance(50)) std::swap(lit.lhs, lit.rhs);
            r.body.push_back(std::move(lit));
            bound.push_back(w);
        }
        auto lower = readable(r.suffix == analysis::TimeSuffix::NEXT ? 99 : r.stratum, true);
        if (!lower.empty() && chance(35)) {
            BodyLiteral lit;
            lit.kind = BodyLiteral::Kind::NEGATED;
            lit.atom = atom(r, lower[static_cast<std::size_t>(pick(0, static_cast<int>(lower.size()) - 1))], bound, false);
            if (chance(15)) lit.atom.at_time = pick(0, m_eot + 1);
            r.body.push_back(std::move(lit));
        }
        (void)strictly_lower;
    }

    void add_head(CheckedRule& r, const std::vector<std::uint32_t>& bound, bool aggregate) {
        const auto& rel = m_p->relation(r.head_rel);
        for (std::uint32_t c = 0; c < rel.arity; ++c) {
            analysis::HeadArg h;
            if (aggregate && c == rel.arity - 1 && !bound.empty()) {
                h.aggregate = static_cast<analysis::AggKind>(pick(0, 4));
                h.term = var(bound[static_cast<std::size_t>(pick(0, static_cast<int>(bound.size()) - 1))]);
                r.has_aggregate = true;
            } else {
                h.term = c == 0 && chance(70) && !bound.empty() ? var(bound[0]) : expression(bound);
                h.term = bounded(r, h.term);
            }
            r.head.push_back(h);
        }
    }

    // Keeps derived integers in a small range, so recursive rules reach a fixpoint.
    TermPtr bounded(const CheckedRule& r, TermPtr t) {
        bool wide = t->kind == Term::Kind::BINARY ||
                    (t->kind == Term::Kind::VARIABLE && r.var_names[t->var.index()] == "W");
        return wide ? binary(analysis::BinOp::MOD, t, constant(Value{std::int64_t{5}})) : t;
    }

    void add_rule(analysis::TimeSuffix suffix) {
        CheckedRule r;
        r.id = RuleId{static_cast<std::uint32_t>(m_p->rules.size())};
        r.suffix = suffix;
        r.head_rel = RelId{static_cast<std::uint32_t>(pick(0, static_cast<int>(m_p->relations.size()) - 1))};
        r.stratum = m_p->relation(r.head_rel).stratum;
        for (const char* n : {"A", "B", "C", "D"}) fresh(r, n);
        bool aggregate = !readable(r.stratum, true).empty() && chance(20);
        std::vector<std::uint32_t> bound;
        int atoms = pick(1, 3);
        for (int i = 0; i < atoms; ++i) add_positive(r, bound, aggregate);
        add_filters(r, bound, aggregate);
        r.location_literal = 0;
        const Term& loc = *r.body[0].atom.args[0];
        r.location_wildcard = loc.kind == Term::Kind::VARIABLE && r.var_names[loc.var.index()] == "_";
        add_head(r, bound, aggregate);
        if (suffix == analysis::TimeSuffix::NEXT) {
            m_p->next_rules.push_back(r.id);
        }
        m_p->relations[r.head_rel.index()].has_rules = true;
        m_p->rules.push_back(std::move(r));
    }

    // r(A, B, ..)@next :- r(A, B, ..);
    void add_persistence(RelId rel) {
        CheckedRule r;
        r.id = RuleId{static_cast<std::uint32_t>(m_p->rules.size())};
        r.suffix = analysis::TimeSuffix::NEXT;
        r.head_rel = rel;
        BodyLiteral lit;
        lit.atom.rel = rel;
        for (std::uint32_t c = 0; c < m_p->relation(rel).arity; ++c) {
            std::uint32_t v = fresh(r, "V" + std::to_string(c));
            lit.atom.args.push_back(var(v));
            r.head.push_back(analysis::HeadArg{std::nullopt, var(v)});
        }
        r.body.push_back(std::move(lit));
        m_p->next_rules.push_back(r.id);
        m_p->relations[rel.index()].has_rules = true;
        m_p->rules.push_back(std::move(r));
    }

    void group_strata() {
        m_p->strata.assign(3, {});
        for (const auto& r : m_p->rules) {
            if (r.suffix == analysis::TimeSuffix::NONE) m_p->strata[r.stratum].push_back(r.id);
        }
    }

    std::mt19937 m_rng;
    std::int32_t m_eot;
    CheckedProgram* m_p = nullptr;
    std::vector<std::uint32_t> m_new;
};

}  // namespace ldfi::test
