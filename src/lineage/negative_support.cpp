// Unfolding the rules of a negated relation once to find its negative support.
#include "negative_support.hpp"

namespace ldfi::lineage {

using analysis::BodyLiteral;
using analysis::Term;

NegativeSupportFinder::NegativeSupportFinder(const analysis::CheckedProgram& program, const sim::Run& run)
    : m_program(program), m_run(run), m_sensitivity(analyze_fault_sensitivity(program)) {}

bool NegativeSupportFinder::bind_head(const analysis::CheckedRule& rule, const eval::NegatedAtom& atom,
                                      Binding& binding) const {
    binding.assign(rule.var_count, ValueId{});
    for (std::size_t i = 0; i < rule.head.size() && i < atom.values.size(); ++i) {
        ValueId v = atom.values[i];
        const Term& term = *rule.head[i].term;
        if (!v.valid()) continue;
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

bool NegativeSupportFinder::matches(const std::vector<analysis::TermPtr>& args, const Binding& binding,
                                    eval::TupleId t) const {
    auto values = m_run.db.values(t);
    for (std::size_t i = 0; i < args.size() && i < values.size(); ++i) {
        const Term& term = *args[i];
        if (term.kind == Term::Kind::CONSTANT && m_run.values.find(term.constant) != values[i]) return false;
        if (term.kind == Term::Kind::VARIABLE) {
            ValueId bound = binding[term.var.index()];
            if (bound.valid() && bound != values[i]) return false;
        }
    }
    return true;
}

NegativeSupport NegativeSupportFinder::find(const eval::NegatedAtom& atom, std::vector<eval::TupleId>& tuples) const {
    if (atom.rel == m_program.crash) return NegativeSupport::CRASHES;
    if (!m_sensitivity.gainable[atom.rel.index()]) return NegativeSupport::STABLE;
    std::size_t before = tuples.size();
    Binding binding;
    for (const analysis::CheckedRule& rule : m_program.rules) {
        if (rule.head_rel != atom.rel) continue;
        std::int32_t body_time = rule.suffix == analysis::TimeSuffix::NONE ? atom.time : atom.time - 1;
        if (body_time < 1) continue;
        if (rule.has_aggregate) return NegativeSupport::ANY_FAULT;
        if (!bind_head(rule, atom, binding)) continue;
        for (const BodyLiteral& lit : rule.body) {
            if (lit.kind == BodyLiteral::Kind::COMPARISON) continue;
            RelId rel = lit.atom.rel;
            if (lit.kind == BodyLiteral::Kind::POSITIVE) {
                if (m_sensitivity.gainable[rel.index()]) return NegativeSupport::ANY_FAULT;
                continue;
            }
            if (!m_sensitivity.losable[rel.index()]) continue;
            std::int32_t time = lit.atom.at_time ? static_cast<std::int32_t>(*lit.atom.at_time) : body_time;
            if (time < 1 || time > m_run.db.eot()) continue;
            for (eval::TupleId t : m_run.db.tuples(rel, time)) {
                if (matches(lit.atom.args, binding, t)) tuples.push_back(t);
            }
        }
    }
    return tuples.size() > before ? NegativeSupport::TUPLES : NegativeSupport::STABLE;
}

}  // namespace ldfi::lineage
