// Lints: what makes a check pass by mistake (an undefined relation, a location outside --nodes, a
// vacuous invariant) or move data with no message (a deductive rule deriving at another location).
// One owner for their keys, which a manifest names in "allow" and `check --strict` turns into
// errors (docs/manifest.md).
#pragma once

#include <string>
#include <vector>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/util/diagnostics.hpp"

namespace ldfi::analysis {

enum class LintKind {
    UNDEFINED,    ///< a relation read but never defined (always empty)
    LOCATION,     ///< a rule or message at a location that is not a node of the check
    VACUOUS,      ///< no `pre` tuple held in any run (set from the check's result)
    REMOTE_HEAD,  ///< a deductive rule whose head location differs from its body's
};

struct Lint {
    LintKind kind = LintKind::UNDEFINED;
    std::string name;  ///< the relation (UNDEFINED, REMOTE_HEAD) or location (LOCATION); "" for VACUOUS
    SourceLoc loc;     ///< where it shows first (unknown for VACUOUS)
    std::string message;

    /// "undefined:NAME", "location:NAME", "vacuous", "remote-head:NAME": the name `allow` takes.
    [[nodiscard]] std::string key() const;
    /// Whether the suite's gate fails a check for it (every kind but REMOTE_HEAD, a hint).
    [[nodiscard]] bool gates() const { return kind != LintKind::REMOTE_HEAD; }
};

const char* to_string(LintKind kind);

/// A relation of the spec that is read but has no rules and no facts.
[[nodiscard]] bool never_defined(const Relation& r);

/// Whether a deductive rule derives its head at another location than its body's (the head's
/// first argument is not the body's location term): data moved with no message, which no fault
/// can touch. False for a body at any location (`_`), and for `pre` and `post`, which observe
/// the whole system.
[[nodiscard]] bool derives_elsewhere(const CheckedProgram& program, const CheckedRule& rule);
/// Why an undefined relation is suspicious, with the defined relation of its arity it may misspell.
[[nodiscard]] std::string undefined_message(const CheckedProgram& program, const Relation& r);
/// What a rule that derives_elsewhere does, for `relation` (its head).
[[nodiscard]] std::string remote_head_message(const std::string& relation);

/// The lints of `program` checked over `nodes`, in a fixed order (kind, then source order), one per
/// key: the ones the program shows without a run. The others: unknown_node_lint, vacuous_lint.
[[nodiscard]] std::vector<Lint> lint(const CheckedProgram& program, const std::vector<std::string>& nodes);

/// The lint of a check whose fault-free run addressed messages to `name`, which is no node.
[[nodiscard]] Lint unknown_node_lint(const std::string& name);

/// The lint of a check whose runs never had a `pre` tuple.
[[nodiscard]] Lint vacuous_lint();

/// Whether a manifest's "allow" entry is a well-formed key (vacuous, or KIND:NAME with a known
/// kind); `error` says why not.
[[nodiscard]] bool valid_lint_key(const std::string& key, std::string& error);

}  // namespace ldfi::analysis
