// Why-not lineage for negated atoms, one level deep: which tuples' loss could make it hold.
#pragma once

#include <vector>

#include "ldfi/lineage/fault_sensitivity.hpp"
#include "ldfi/lineage/lineage_graph.hpp"

namespace ldfi::lineage {

/// For a negated atom `notin p(v)@t` that held when a rule fired: p(v)@t could appear under
/// faults only if a rule for p fires at t. Unfolding those rules once, the candidates are the
/// tuples of their losable negated body atoms that match v (losing one may let the rule fire).
/// A rule with a gainable positive body atom or an aggregate makes the answer ANY_FAULT.
class NegativeSupportFinder {
public:
    NegativeSupportFinder(const analysis::CheckedProgram& program, const sim::Run& run);

    /// The kind of support; for TUPLES, the candidate tuples are appended to `tuples`.
    NegativeSupport find(const eval::NegatedAtom& atom, std::vector<eval::TupleId>& tuples) const;

private:
    using Binding = std::vector<ValueId>;  ///< per rule variable; invalid = unbound
    bool bind_head(const analysis::CheckedRule& rule, const eval::NegatedAtom& atom, Binding& binding) const;
    bool matches(const std::vector<analysis::TermPtr>& args, const Binding& binding, eval::TupleId t) const;

    const analysis::CheckedProgram& m_program;
    const sim::Run& m_run;
    FaultSensitivity m_sensitivity;
};

}  // namespace ldfi::lineage
