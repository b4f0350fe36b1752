// Join ordering by boundness: the planner behind compile_rule.
#pragma once

#include <optional>
#include <vector>

#include "plan.hpp"

namespace ldfi::eval::detail {

/// The body of a rule with its terms compiled to nodes of a RuleCode.
struct CompiledBody {
    std::vector<std::vector<std::uint32_t>> args;  ///< per literal: root per column (atoms)
    std::vector<std::uint32_t> lhs, rhs;           ///< per literal (comparisons)
    std::vector<std::uint32_t> positive_slot;      ///< per literal: position among positive atoms
    std::vector<bool> bindable;                    ///< per variable: some literal can bind it
    std::vector<bool> recursive;                   ///< per literal: reads the rule's own component now
};

/// The variables a term node mentions.
void collect_vars(const std::vector<TermNode>& nodes, std::uint32_t root, std::vector<std::uint32_t>& out);

/// Plans the body; with `delta`, that literal reads only the last round's new tuples and goes first.
Plan plan_body(const analysis::CheckedRule& rule, RuleCode& code, const CompiledBody& body,
               std::optional<std::uint32_t> delta, std::vector<Pattern>& patterns);

}  // namespace ldfi::eval::detail
