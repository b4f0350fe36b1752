// The analysis pipeline: each check is a pass of its own; all of them run so every error shows.
#include "ldfi/analysis/analyze.hpp"

#include "passes.hpp"

namespace ldfi::analysis {

CheckedProgram analyze(const dedalus::Program& program, Diagnostics& diags) {
    CheckedProgram out;
    collect_relations(program, out, diags);
    check_reserved_names(program, out, diags);
    check_invariant_arity(out, diags);
    check_aggregate_placement(program, diags);
    check_safety(program, diags);
    check_locations(program, diags);
    lower_facts(program, out, diags);
    lower_rules(program, out);
    stratify(out, diags);
    warn_undefined_relations(out, diags);
    warn_remote_heads(out, diags);
    return out;
}

}  // namespace ldfi::analysis
