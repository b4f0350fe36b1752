// A program that passed analysis: names resolved to ids, variables to slots, rules stratified.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ldfi/dedalus/ast.hpp"
#include "ldfi/util/ids.hpp"
#include "ldfi/util/value.hpp"

namespace ldfi::analysis {

using dedalus::AggKind;
using dedalus::BinOp;
using dedalus::CmpOp;
using dedalus::TimeSuffix;

enum class RelKind {
    DEFINED,        ///< has rules and/or facts in the spec (or is only read: then always empty)
    BUILTIN_CRASH,  ///< crash(Observer, Crashed, T): generated from the FailureSpec
    BUILTIN_CLOCK,  ///< clock(From, To, Sent, Delivered): generated from the FailureSpec
};

struct Relation {
    std::string name;
    std::uint32_t arity = 0;  ///< number of columns, NOT counting the implicit time column
    RelKind kind = RelKind::DEFINED;
    bool has_facts = false;
    bool has_rules = false;
    std::uint32_t stratum = 0;  ///< stratum of the deductive rules that derive it (0 if none)
    SourceLoc first_use;
};

struct Term;
using TermPtr = std::shared_ptr<const Term>;

/// A resolved expression: a variable slot, a constant, or integer arithmetic.
struct Term {
    enum class Kind { VARIABLE, CONSTANT, BINARY };
    Kind kind = Kind::CONSTANT;
    VarId var;        ///< VARIABLE
    Value constant;   ///< CONSTANT
    BinOp op = BinOp::ADD;  ///< BINARY
    TermPtr lhs, rhs;       ///< BINARY
};

/// A body atom; each argument is a term (a `_` became a fresh variable of its own).
struct BodyAtom {
    RelId rel;
    std::vector<TermPtr> args;
    std::optional<std::int64_t> at_time;  ///< `p(..)@k`: read at absolute time k
};

struct BodyLiteral {
    enum class Kind { POSITIVE, NEGATED, COMPARISON };
    Kind kind = Kind::POSITIVE;
    BodyAtom atom;              ///< POSITIVE, NEGATED
    CmpOp cmp = CmpOp::EQ;      ///< COMPARISON
    TermPtr lhs, rhs;           ///< COMPARISON
    SourceLoc loc;
};

/// A head argument: a term, or an aggregate over one variable (grouped by the other columns).
struct HeadArg {
    std::optional<AggKind> aggregate;
    TermPtr term;  ///< for an aggregate: a VARIABLE term
};

struct CheckedRule {
    RuleId id;
    RelId head_rel;
    std::vector<HeadArg> head;
    TimeSuffix suffix = TimeSuffix::NONE;
    std::vector<BodyLiteral> body;  ///< in source order
    std::uint32_t var_count = 0;
    std::vector<std::string> var_names;  ///< per slot; wildcards are named "_"
    /// Index into `body` of the first POSITIVE literal: its first argument is the rule's location.
    std::uint32_t location_literal = 0;
    /// True when that first argument is `_`: the rule fires at any location.
    bool location_wildcard = false;
    bool has_aggregate = false;
    std::uint32_t stratum = 0;  ///< for deductive rules (suffix NONE)
    SourceLoc loc;
    std::string text;  ///< the rule pretty-printed on one line, for reports
};

struct CheckedFact {
    RelId rel;
    std::vector<Value> args;
    std::int64_t time = 0;
    SourceLoc loc;
};

/// The analysed program that the evaluator runs.
struct CheckedProgram {
    std::vector<Relation> relations;  ///< indexed by RelId
    std::unordered_map<std::string, RelId> relation_by_name;
    std::vector<CheckedRule> rules;   ///< indexed by RuleId, in source order
    std::vector<CheckedFact> facts;   ///< in source order
    /// Deductive rules grouped by stratum, lowest first; every rule of a stratum reads only
    /// relations of lower strata under negation or aggregation.
    std::vector<std::vector<RuleId>> strata;
    std::vector<RuleId> next_rules;   ///< `@next` rules, in source order
    std::vector<RuleId> async_rules;  ///< `@async` rules, in source order
    RelId pre, post;                  ///< invalid when the spec has none
    RelId crash, clock;               ///< always present (built-in)

    [[nodiscard]] RelId find(const std::string& name) const {
        auto it = relation_by_name.find(name);
        return it == relation_by_name.end() ? RelId{} : it->second;
    }
    [[nodiscard]] const Relation& relation(RelId r) const { return relations[r.index()]; }
    [[nodiscard]] const CheckedRule& rule(RuleId r) const { return rules[r.index()]; }
};

}  // namespace ldfi::analysis
