// Compiled rules: flattened terms over variable slots, and join plans ordered by boundness.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/eval/evaluator.hpp"
#include "ldfi/util/value.hpp"

namespace ldfi::eval::detail {

using analysis::AggKind;
using analysis::BinOp;
using analysis::CmpOp;

constexpr std::uint32_t NONE = 0xFFFFFFFFu;

/// A term node: a variable slot, an interned constant, or integer arithmetic over two nodes.
struct TermNode {
    enum class Kind : std::uint8_t { VAR, CONST, BIN };
    Kind kind = Kind::CONST;
    BinOp op = BinOp::ADD;
    std::uint32_t a = 0;  ///< VAR: slot; CONST: ValueId
    std::uint32_t lhs = 0, rhs = 0;
};

/// Which part of a relation a positive atom reads during semi-naive iteration.
enum class Range : std::uint8_t { FULL, DELTA, OLD };

struct ColumnTerm {
    std::uint32_t col = 0;
    std::uint32_t term = 0;  ///< root node
};
struct ColumnVar {
    std::uint32_t col = 0;
    std::uint32_t var = 0;
};

enum class StepKind : std::uint8_t { ATOM, NEGATION, FILTER, BIND, GATE };

/// One step of a join plan.
struct Step {
    StepKind kind = StepKind::ATOM;
    std::uint32_t literal = 0;  ///< body index
    // ATOM, NEGATION
    RelId rel;
    std::optional<std::int64_t> at_time;
    std::uint32_t pattern = NONE;  ///< index pattern (NONE: no key columns)
    Range range = Range::FULL;
    std::vector<ColumnTerm> keys;
    std::vector<ColumnVar> binds;
    std::vector<ColumnTerm> checks;
    std::uint32_t body_slot = 0;   ///< ATOM: position among the positive literals
    std::uint32_t key_offset = 0;  ///< into the key scratch buffer
    // FILTER (lhs cmp rhs), BIND (var := lhs), GATE (lhs names a node)
    CmpOp cmp = CmpOp::EQ;
    std::uint32_t lhs = 0, rhs = 0, var = 0;
};

struct Plan {
    std::vector<Step> steps;
    std::uint32_t key_scratch = 0;
    std::uint32_t var_count = 0;  ///< the rule's variables and the plan's hidden ones
};

/// A negated literal as recorded in firings: wildcard columns are those no positive atom binds.
struct NegationCode {
    RelId rel;
    std::optional<std::int64_t> at_time;
    std::vector<std::uint32_t> terms;  ///< root node per column
    std::vector<bool> wildcard;
};

struct RuleCode {
    const analysis::CheckedRule* rule = nullptr;
    std::vector<TermNode> nodes;
    std::vector<std::uint32_t> head;  ///< root node per head column
    std::vector<std::optional<AggKind>> aggregates;
    std::uint32_t location = NONE;  ///< root of the location term
    bool disabled = false;          ///< the location is a constant that names no node
    std::uint32_t positive_count = 0;
    std::vector<NegationCode> negations;
    Plan full;
    /// Semi-naive variants: (body index of the delta literal, plan).
    std::vector<std::pair<std::uint32_t, Plan>> deltas;
};

/// An access pattern: the key columns of an index on a relation.
struct Pattern {
    RelId rel;
    std::vector<std::uint32_t> cols;
};

struct PreparedImpl {
    const analysis::CheckedProgram* program = nullptr;
    std::vector<RuleCode> rules;                  ///< by RuleId
    std::vector<std::vector<RuleId>> components;  ///< deductive rules in evaluation order (components.hpp)
    std::vector<Pattern> patterns;
    std::vector<NodeId> node_of;  ///< by ValueId index
    std::vector<ValueId> node_values;
    std::vector<PreparedProgram::Fact> facts;
    std::vector<std::uint32_t> arities;
};

/// Compiles `rule` (terms, location, negations) and plans its full and delta joins.
/// `recursive[rel]` tells which relations the rule's own component derives.
RuleCode compile_rule(const analysis::CheckedRule& rule, const std::vector<bool>& recursive,
                      const std::vector<NodeId>& node_of, ValueTable& values, std::vector<Pattern>& patterns);

}  // namespace ldfi::eval::detail
