// Unfolding the rules of a negated relation to find its negative support.
#include "negative_support.hpp"

#include <algorithm>
#include <map>

#include "ldfi/eval/compare.hpp"

namespace ldfi::lineage {

namespace {

// The memo on (relation, pattern, time) already bounds the work; this only bounds the stack.
constexpr int MAX_DEPTH = 512;

}  // namespace

using analysis::BodyLiteral;
using analysis::Term;

NegativeSupportFinder::NegativeSupportFinder(const analysis::CheckedProgram& program, const sim::Run& run)
    : m_program(program),
      m_run(run),
      m_sensitivity(analyze_fault_sensitivity(program)),
      m_at_nodes(program.relations.size(), true) {
    // A rule fires only at a configured node (its location: the first column of its first
    // positive atom) and a message to another node is dropped. So a relation's derived tuples
    // are all at configured nodes when every rule for it is @async or puts its head where it
    // fires; otherwise (a rule that fires anywhere, or a head located elsewhere) they may be at
    // any value.
    for (const analysis::CheckedRule& rule : program.rules) {
        if (rule.suffix == analysis::TimeSuffix::ASYNC) continue;
        bool at_location = !rule.location_wildcard && !rule.head.empty() && !rule.head[0].aggregate &&
                           rule.location_literal < rule.body.size() &&
                           !rule.body[rule.location_literal].atom.args.empty();
        if (at_location) {
            const Term& head = *rule.head[0].term;
            const Term& where = *rule.body[rule.location_literal].atom.args[0];
            at_location = head.kind == where.kind &&
                          ((head.kind == Term::Kind::VARIABLE && head.var == where.var) ||
                           (head.kind == Term::Kind::CONSTANT && head.constant == where.constant));
        }
        if (!at_location) m_at_nodes[rule.head_rel.index()] = false;
    }
}

bool NegativeSupportFinder::bind_head(const analysis::CheckedRule& rule, const Pattern& pattern,
                                      Binding& binding) const {
    binding.assign(rule.var_count, ValueId{});
    for (std::size_t i = 0; i < rule.head.size() && i < pattern.size(); ++i) {
        ValueId v = pattern[i];
        const Term& term = *rule.head[i].term;
        if (!v.valid() || rule.head[i].aggregate) continue;
        if (term.kind == Term::Kind::CONSTANT) {
            if (m_run.values.find(term.constant) != v) return false;
        } else if (term.kind == Term::Kind::VARIABLE) {
            ValueId& slot = binding[term.var.index()];
            if (slot.valid() && slot != v) return false;
            slot = v;
        }
    }
    return true;
}

NegativeSupportFinder::Pattern NegativeSupportFinder::instantiate(const std::vector<analysis::TermPtr>& args,
                                                                  const Binding& binding) const {
    Pattern p;
    for (const auto& arg : args) {
        if (arg->kind == Term::Kind::CONSTANT) {
            p.push_back(m_run.values.find(arg->constant));
        } else if (arg->kind == Term::Kind::VARIABLE) {
            p.push_back(binding[arg->var.index()]);
        } else {
            p.push_back(ValueId{});
        }
    }
    return p;
}

bool NegativeSupportFinder::matches(const Pattern& pattern, eval::TupleId t) const {
    auto values = m_run.db.values(t);
    for (std::size_t i = 0; i < pattern.size() && i < values.size(); ++i) {
        if (pattern[i].valid() && pattern[i] != values[i]) return false;
    }
    return true;
}

bool NegativeSupportFinder::unfold(const analysis::CheckedRule& rule, const Pattern& pattern,
                                   std::int32_t time, int depth, Search& search) const {
    std::int32_t body_time = rule.suffix == analysis::TimeSuffix::NONE ? time : time - 1;
    if (body_time < 1) return true;  // nothing before time 1 can fire it
    Binding binding;
    if (!bind_head(rule, pattern, binding)) return true;  // this rule cannot produce the atom
    return unfold_bound(rule, binding, body_time, depth, search);
}

const BodyLiteral* NegativeSupportFinder::open_location(const analysis::CheckedRule& rule,
                                                        const Binding& binding) const {
    for (const BodyLiteral& lit : rule.body) {
        // `crash` holds at every observer alike: its first column tells nothing apart.
        if (lit.kind != BodyLiteral::Kind::POSITIVE || lit.atom.args.empty() ||
            lit.atom.rel == m_program.crash || !m_at_nodes[lit.atom.rel.index()]) {
            continue;
        }
        const Term& term = *lit.atom.args[0];
        if (term.kind == Term::Kind::VARIABLE && !binding[term.var.index()].valid()) return &lit;
    }
    return nullptr;
}

std::vector<ValueId> NegativeSupportFinder::location_domain(const BodyLiteral& lit,
                                                            std::int32_t body_time) const {
    // The literal's relation keeps its derived tuples at configured nodes (open_location): its
    // tuples in any run are there, or are facts, which no fault changes, at the locations they
    // have in this run. So the nodes and the locations of its tuples here cover every value its
    // location can take.
    std::vector<ValueId> out = m_run.nodes;
    std::int32_t at = lit.atom.at_time ? static_cast<std::int32_t>(*lit.atom.at_time) : body_time;
    if (at >= 1 && at <= m_run.db.eot()) {
        for (eval::TupleId t : m_run.db.tuples(lit.atom.rel, at)) out.push_back(m_run.db.values(t)[0]);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::optional<bool> NegativeSupportFinder::holds(const BodyLiteral& cmp, const Binding& binding) const {
    auto value = [&](const analysis::TermPtr& term) -> std::optional<ValueId> {
        if (term->kind == Term::Kind::CONSTANT) {
            ValueId v = m_run.values.find(term->constant);
            return v.valid() ? std::optional<ValueId>(v) : std::nullopt;
        }
        if (term->kind == Term::Kind::VARIABLE && binding[term->var.index()].valid()) {
            return binding[term->var.index()];
        }
        return std::nullopt;
    };
    const std::optional<ValueId> l = value(cmp.lhs), r = value(cmp.rhs);
    if (!l || !r) return std::nullopt;
    if (m_run.values.is_int(*l) && m_run.values.is_int(*r)) {
        return eval::compare_ints(cmp.cmp, m_run.values.as_int(*l), m_run.values.as_int(*r));
    }
    // Values are interned, so equal values have equal ids; other orderings are left undecided.
    if (cmp.cmp == dedalus::CmpOp::EQ) return *l == *r;
    if (cmp.cmp == dedalus::CmpOp::NE) return *l != *r;
    return std::nullopt;
}

bool NegativeSupportFinder::unfold_bound(const analysis::CheckedRule& rule, Binding& binding,
                                         std::int32_t body_time, int depth, Search& search) const {
    for (const BodyLiteral& lit : rule.body) {
        // A comparison the binding decides against: the rule never fires this way.
        if (lit.kind == BodyLiteral::Kind::COMPARISON && holds(lit, binding) == false) return true;
    }
    // A location variable the head leaves open ranges over few values (the nodes): each value is
    // its own way for the rule to fire, with more of its literals fixed, so unfold them one by one.
    if (!rule.has_aggregate) {
        if (const BodyLiteral* lit = open_location(rule, binding)) {
            const std::uint32_t var = lit->atom.args[0]->var.index();
            for (ValueId v : location_domain(*lit, body_time)) {
                binding[var] = v;
                if (!unfold_bound(rule, binding, body_time, depth, search)) return false;
            }
            binding[var] = ValueId{};
            return true;
        }
    }
    // A plain rule produces a new head only through a new firing: a positive atom gains a tuple
    // or a negated one loses one. An aggregate's head (group, result) also changes when its group
    // loses a row: a positive atom loses a tuple, or a negated one gains one. (The group columns
    // are bound from the pattern; the result column and the aggregated variables stay open.)
    const bool aggregate = rule.has_aggregate;
    if (!aggregate) {
        // A literal that the head's values fix completely, and that blocks the rule in this run
        // (a positive atom that is absent, a negated one that is present), is the same for every
        // binding: a new firing needs it to change. That alone is this rule's support (or the
        // rule can never fire anew, when the literal's relation cannot change that way).
        if (auto blocked = blocking_literal(rule, binding, body_time)) {
            if (blocked->literal == nullptr) return true;  // a blocking literal that faults cannot change
            const BodyLiteral& lit = *blocked->literal;
            if (lit.kind == BodyLiteral::Kind::POSITIVE) {
                return could_appear(lit.atom.rel, blocked->pattern, blocked->time, depth + 1, search);
            }
            search.out.push_back(*blocked->tuple);  // the present tuple a negated literal needs lost
            return true;
        }
    }
    for (const BodyLiteral& lit : rule.body) {
        if (lit.kind == BodyLiteral::Kind::COMPARISON) continue;
        RelId rel = lit.atom.rel;
        std::int32_t at = lit.atom.at_time ? static_cast<std::int32_t>(*lit.atom.at_time) : body_time;
        if (at < 1 || at > m_run.db.eot()) continue;
        Pattern sub = instantiate(lit.atom.args, binding);
        const bool positive = lit.kind == BodyLiteral::Kind::POSITIVE;
        const bool gained_matters = positive || aggregate;
        const bool lost_matters = !positive || aggregate;
        if (gained_matters && m_sensitivity.gainable[rel.index()] &&
            !could_appear(rel, sub, at, depth + 1, search)) {
            return false;
        }
        if (lost_matters && m_sensitivity.losable[rel.index()]) {
            add_lost_support(rule, lit.atom, sub, at, !positive, search);
        }
    }
    return true;
}

void NegativeSupportFinder::add_lost_support(const analysis::CheckedRule& rule,
                                             const analysis::BodyAtom& atom, const Pattern& pattern,
                                             std::int32_t at, bool negated, Search& search) const {
    // `notin p(X, _)` holds only when no p(X, ...) is left at all, so where the literal has `_`
    // columns, the matches that agree on the other columns (one binding of the rule) flip it only
    // together. A positive row of an aggregate changes the result alone.
    std::vector<bool> wildcard(atom.args.size(), false);
    bool any_wildcard = false;
    for (std::size_t i = 0; i < atom.args.size(); ++i) {
        const Term& term = *atom.args[i];
        wildcard[i] = negated && term.kind == Term::Kind::VARIABLE && rule.var_names[term.var.index()] == "_";
        any_wildcard = any_wildcard || wildcard[i];
    }
    std::map<Pattern, std::vector<eval::TupleId>> groups;
    for (eval::TupleId t : m_run.db.tuples(atom.rel, at)) {
        if (!matches(pattern, t)) continue;
        if (!any_wildcard) {
            search.out.push_back(t);
            continue;
        }
        auto values = m_run.db.values(t);
        Pattern key;
        for (std::size_t i = 0; i < values.size(); ++i) {
            key.push_back(i < wildcard.size() && wildcard[i] ? ValueId{} : values[i]);
        }
        groups[key].push_back(t);
    }
    for (auto& [key, tuples] : groups) {
        if (tuples.size() == 1) {
            search.out.push_back(tuples[0]);
        } else {
            search.all_of.push_back(std::move(tuples));
        }
    }
}

std::optional<NegativeSupportFinder::Blocking> NegativeSupportFinder::blocking_literal(
    const analysis::CheckedRule& rule, const Binding& binding, std::int32_t body_time) const {
    std::optional<Blocking> first;
    for (const BodyLiteral& lit : rule.body) {
        if (lit.kind == BodyLiteral::Kind::COMPARISON) continue;
        std::int32_t at = lit.atom.at_time ? static_cast<std::int32_t>(*lit.atom.at_time) : body_time;
        if (at < 1 || at > m_run.db.eot()) continue;
        Pattern sub = instantiate(lit.atom.args, binding);
        if (!std::all_of(sub.begin(), sub.end(), [](ValueId v) { return v.valid(); })) continue;
        const std::optional<eval::TupleId> tuple = m_run.db.find(lit.atom.rel, at, sub);
        const bool positive = lit.kind == BodyLiteral::Kind::POSITIVE;
        if (tuple.has_value() == positive) continue;  // it holds in this run
        const bool can_change = positive ? m_sensitivity.gainable[lit.atom.rel.index()]
                                         : m_sensitivity.losable[lit.atom.rel.index()];
        if (!can_change) return Blocking{nullptr, {}, at, std::nullopt};
        if (!first) first = Blocking{&lit, std::move(sub), at, tuple};
    }
    return first;
}

bool NegativeSupportFinder::could_appear(RelId rel, const Pattern& pattern, std::int32_t time, int depth,
                                         Search& search) const {
    if (!m_sensitivity.gainable[rel.index()]) return true;
    if (rel == m_program.crash) {  // it appears exactly when a matching crash happens
        if (std::find(search.crashes.begin(), search.crashes.end(), pattern) == search.crashes.end()) {
            search.crashes.push_back(pattern);
        }
        return true;
    }
    if (depth > MAX_DEPTH) return false;
    std::vector<std::uint32_t> key;
    for (ValueId v : pattern) key.push_back(v.value);
    if (!search.seen.emplace(rel.value, time, std::move(key)).second) return true;
    for (const analysis::CheckedRule& rule : m_program.rules) {
        if (rule.head_rel == rel && !unfold(rule, pattern, time, depth, search)) return false;
    }
    return true;
}

std::vector<NegativeSupportFinder::AggregateRow> NegativeSupportFinder::aggregate_rows(
    const analysis::CheckedRule& rule, eval::TupleId head, std::int32_t body_time) const {
    Pattern head_values(m_run.db.values(head).begin(), m_run.db.values(head).end());
    std::vector<AggregateRow> rows;
    Binding binding;
    if (!bind_head(rule, head_values, binding)) return rows;
    const bool faulty = !m_run.faults.empty();
    for (const BodyLiteral& lit : rule.body) {
        if (lit.kind == BodyLiteral::Kind::COMPARISON) continue;
        const bool gainable = m_sensitivity.gainable[lit.atom.rel.index()];
        const bool losable = m_sensitivity.losable[lit.atom.rel.index()];
        // A row appears when a positive literal gains a match, or a negated one loses one. With
        // fewer faults than this run's, a positive match may come back (losable), and a negated
        // one may go (gainable; cut() of the match says when).
        const bool positive = lit.kind == BodyLiteral::Kind::POSITIVE;
        if (positive ? !(gainable || (faulty && losable)) : !(losable || (faulty && gainable))) continue;
        std::int32_t at = lit.atom.at_time ? static_cast<std::int32_t>(*lit.atom.at_time) : body_time;
        rows.push_back({{lit.atom.rel, at, instantiate(lit.atom.args, binding)}, &lit});
    }
    return rows;
}

NegativeSupport NegativeSupportFinder::blocking_matches(
    const analysis::CheckedRule& rule, const AggregateRow& row, std::vector<eval::TupleId>& tuples,
    std::vector<std::vector<eval::TupleId>>& all_of) const {
    if (row.atom.time < 1 || row.atom.time > m_run.db.eot()) return NegativeSupport::STABLE;
    std::vector<std::vector<ValueId>> crashes;
    const std::size_t tuples_before = tuples.size(), all_of_before = all_of.size();
    Search search{{}, tuples, all_of, crashes};
    add_lost_support(rule, row.literal->atom, row.atom.values, row.atom.time, true, search);
    const bool any = tuples.size() > tuples_before || all_of.size() > all_of_before;
    return any ? NegativeSupport::TUPLES : NegativeSupport::STABLE;
}

NegativeSupport NegativeSupportFinder::find(const eval::NegatedAtom& atom, std::vector<eval::TupleId>& tuples,
                                            std::vector<std::vector<eval::TupleId>>& all_of,
                                            std::vector<std::vector<ValueId>>& crashes) const {
    if (atom.rel == m_program.crash) return NegativeSupport::CRASHES;
    if (!m_sensitivity.gainable[atom.rel.index()]) return NegativeSupport::STABLE;
    // The same atom is often needed by many firings of a run (a `notin` in a rule that fires at
    // every node and time): unfold it once.
    std::vector<std::uint32_t> values;
    for (ValueId v : atom.values) values.push_back(v.value);
    auto [it, fresh] = m_found.try_emplace(std::make_tuple(atom.rel.value, atom.time, std::move(values)));
    Found& found = it->second;
    if (fresh) found.kind = unfold_atom(atom, found.tuples, found.all_of, found.crashes);
    tuples.insert(tuples.end(), found.tuples.begin(), found.tuples.end());
    all_of.insert(all_of.end(), found.all_of.begin(), found.all_of.end());
    crashes.insert(crashes.end(), found.crashes.begin(), found.crashes.end());
    return found.kind;
}

NegativeSupport NegativeSupportFinder::unfold_atom(const eval::NegatedAtom& atom,
                                                   std::vector<eval::TupleId>& tuples,
                                                   std::vector<std::vector<eval::TupleId>>& all_of,
                                                   std::vector<std::vector<ValueId>>& crashes) const {
    const std::size_t tuples_before = tuples.size();
    const std::size_t all_of_before = all_of.size();
    const std::size_t crashes_before = crashes.size();
    Search search{{}, tuples, all_of, crashes};
    if (!could_appear(atom.rel, atom.values, atom.time, 0, search)) {
        tuples.resize(tuples_before);
        all_of.resize(all_of_before);
        crashes.resize(crashes_before);
        return NegativeSupport::ANY_FAULT;
    }
    const bool any =
        tuples.size() > tuples_before || all_of.size() > all_of_before || crashes.size() > crashes_before;
    return any ? NegativeSupport::TUPLES : NegativeSupport::STABLE;
}

}  // namespace ldfi::lineage
