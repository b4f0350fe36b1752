// The fault-sensitivity fixpoint over the relation dependency graph.
#include "ldfi/lineage/fault_sensitivity.hpp"

namespace ldfi::lineage {

namespace {

// One pass over every rule; true when some flag changed.
bool propagate(const analysis::CheckedProgram& program, FaultSensitivity& s) {
    bool changed = false;
    auto set = [&changed](std::vector<bool>& flags, RelId r) {
        if (!flags[r.index()]) {
            flags[r.index()] = true;
            changed = true;
        }
    };
    for (const analysis::CheckedRule& rule : program.rules) {
        // An aggregate can move either way when its group changes.
        bool any_loss = rule.suffix == analysis::TimeSuffix::ASYNC, any_gain = false;
        for (const analysis::BodyLiteral& lit : rule.body) {
            if (lit.kind == analysis::BodyLiteral::Kind::COMPARISON) continue;
            bool pos = lit.kind == analysis::BodyLiteral::Kind::POSITIVE;
            bool loses = s.losable[lit.atom.rel.index()], gains = s.gainable[lit.atom.rel.index()];
            any_loss |= pos ? loses : gains;
            any_gain |= pos ? gains : loses;
        }
        if (rule.has_aggregate && (any_loss || any_gain)) any_loss = any_gain = true;
        if (any_loss) set(s.losable, rule.head_rel);
        if (any_gain) set(s.gainable, rule.head_rel);
    }
    return changed;
}

}  // namespace

FaultSensitivity analyze_fault_sensitivity(const analysis::CheckedProgram& program) {
    FaultSensitivity s{std::vector<bool>(program.relations.size()), std::vector<bool>(program.relations.size())};
    s.gainable[program.crash.index()] = true;
    s.losable[program.clock.index()] = true;
    while (propagate(program, s)) {
    }
    return s;
}

}  // namespace ldfi::lineage
