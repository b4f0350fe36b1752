// The order in which one step evaluates the deductive rules: components of the dependency graph.
#pragma once

#include <vector>

#include "ldfi/analysis/checked_program.hpp"

namespace ldfi::eval::detail {

/// The deductive rules grouped by strongly connected component of the relations they derive
/// (edges from a rule's head to the relations its body reads, within one stratum), stratum by
/// stratum, each component after the components it reads; rules in program order within one.
/// Evaluated in this order a rule that its own component does not feed needs one pass, so a
/// chain of n rules costs O(n) per step instead of n semi-naive rounds over every rule.
[[nodiscard]] std::vector<std::vector<RuleId>> rule_components(const analysis::CheckedProgram& program);

}  // namespace ldfi::eval::detail
