// The analysis pipeline: AST -> CheckedProgram, each check a named pass.
#pragma once

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/dedalus/ast.hpp"
#include "ldfi/util/diagnostics.hpp"

namespace ldfi::analysis {

/// Resolves names, checks arity, reserved names, safety, aggregate placement and
/// stratification, and assigns rule ids and strata. Every problem found is reported to
/// `diags`; when diags.has_errors() afterwards, the returned program must not be run.
CheckedProgram analyze(const dedalus::Program& program, Diagnostics& diags);

}  // namespace ldfi::analysis
