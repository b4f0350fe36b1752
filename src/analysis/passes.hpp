// The named passes that analyze() composes, in the order it runs them.
#pragma once

#include <functional>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/dedalus/ast.hpp"
#include "ldfi/util/diagnostics.hpp"

namespace ldfi::analysis {

/// How an atom occurs in the program.
enum class AtomUse { FACT, HEAD, BODY };

/// Calls `f` on every atom of the program (facts, heads, body atoms) in reading order.
void for_each_atom(const dedalus::Program& program,
                   const std::function<void(const dedalus::Atom&, AtomUse)>& f);

/// Gives every relation a RelId (builtins first), checks arity against the first use, records
/// what defines each relation and sets pre/post.
void collect_relations(const dedalus::Program& program, CheckedProgram& out, Diagnostics& diags);

/// crash and clock may not be defined; names ending in _prov<N> may not be used.
void check_reserved_names(const dedalus::Program& program, const CheckedProgram& checked, Diagnostics& diags);

/// pre and post, when both exist, have the same arity.
void check_invariant_arity(const CheckedProgram& checked, Diagnostics& diags);

/// Aggregates appear only in rule heads.
void check_aggregate_placement(const dedalus::Program& program, Diagnostics& diags);

/// Every variable is bound by a positive body atom or by an `==` (range restriction).
void check_safety(const dedalus::Program& program, Diagnostics& diags);

/// Every rule has a positive body atom whose first argument gives its location.
void check_locations(const dedalus::Program& program, Diagnostics& diags);

/// Facts become ground tuples of values (constant arithmetic folded).
void lower_facts(const dedalus::Program& program, CheckedProgram& out, Diagnostics& diags);

/// Rules become CheckedRules: variables to slots, locations, rule ids, next/async lists.
void lower_rules(const dedalus::Program& program, CheckedProgram& out);

/// Orders the deductive rules into strata; negation or aggregation on a cycle is an error.
void stratify(CheckedProgram& checked, Diagnostics& diags);

/// A relation that is read but has no rules and no facts is always empty: a warning.
void warn_undefined_relations(const CheckedProgram& checked, Diagnostics& diags);

/// A deductive rule whose head is at another location than its body (lint.hpp): a warning.
void warn_remote_heads(const CheckedProgram& checked, Diagnostics& diags);

}  // namespace ldfi::analysis
