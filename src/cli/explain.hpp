// `ldfi explain`: why a tuple holds in a run (its derivation tree) or why it does not (the
// derivations the faults cut, or the rule bodies that never matched), as a value to render.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"
#include "ldfi/sim/run.hpp"

namespace ldfi::cli {

/// A tuple asked about: `rel(values)@time`.
struct TupleQuery {
    RelId rel;
    std::vector<Value> values;
    std::int32_t time = 0;
};

/// A negated atom of a derivation: it held (no match) or, under the faults, a match appeared.
struct ExplainedNegation {
    std::string atom;     ///< "crash(_, b, _)@4"
    std::string blocker;  ///< a tuple matching it in the run explained; "" when none
};

/// The message an `@async` derivation sent.
struct ExplainedMessage {
    std::string from, to;
    std::int32_t sent = 0;
    std::string lost_by;  ///< "" when delivered; else the fault: "omit a->b@1", "crash a@1"
};

struct ExplainedTuple;

/// One rule firing that derived a tuple.
struct ExplainedDerivation {
    std::string rule;      ///< the rule's text
    std::string location;  ///< "file:line"
    std::optional<ExplainedMessage> message;
    std::vector<ExplainedTuple> body;
    std::vector<ExplainedNegation> negated;
    /// An aggregate's head the faults removed: what the aggregate gives under them ("" if nothing).
    std::string aggregate_instead;
};

/// A tuple of a derivation tree; persistence chains fold into one entry (`since` .. `time`).
struct ExplainedTuple {
    std::string text;  ///< "log(b, data)"
    std::string relation;
    std::vector<Value> values;
    std::int32_t since = 0, time = 0;
    std::string origin;      ///< "fact", "derived", "crash" or "clock"
    bool holds = true;       ///< in the faulty run (a fault-free tree marks what the faults removed)
    bool see_above = false;  ///< expanded earlier in the tree
    bool elided = false;     ///< not expanded: the depth or size limit
    std::vector<ExplainedDerivation> derivations;
};

/// The closest a rule came to deriving the tuple: its body atoms matched in source order up to
/// the first that failed.
struct PartialMatch {
    std::string rule, location;
    std::string bindings;              ///< "N = b, P = data" from the head
    std::vector<std::string> matched;  ///< "log(N, P)@4 by log(b, data)@4"
    std::string failed;                ///< the first literal that failed, its variables bound
    std::string reason;                ///< why it failed ("no match", "blocked by ...", "false")
};

struct Explanation {
    std::string query;  ///< "post(b, data)@4"
    std::vector<std::string> faults;
    bool holds = false;
    bool holds_fault_free = false;
    std::optional<ExplainedTuple> tree;  ///< holds: its derivation; else the fault-free one
    std::vector<PartialMatch> partial;   ///< holds in neither run: per rule of its relation
    std::vector<std::string> notes;      ///< e.g. the tree was cut at the size limit
};

/// Limits on a printed tree.
struct ExplainLimits {
    std::uint32_t depth = 0;         ///< 0: none
    std::uint32_t max_tuples = 500;  ///< entries of the tree
};

/// Explains `query` in `run` (simulated with provenance); `fault_free` is the run without faults
/// (the same object when the run has none).
Explanation explain_tuple(const LoadedSpec& spec, const sim::FaultModel& model, const sim::Run& run,
                          const sim::Run& fault_free, const TupleQuery& query, const ExplainLimits& limits);

/// The closest matches of each rule deriving `query`'s relation in `run` (explain_match.cpp).
std::vector<PartialMatch> partial_matches(const LoadedSpec& spec, const sim::Run& run,
                                          const TupleQuery& query);

/// The tuples of `query`'s relation at its time in `run` that agree with it on every column but
/// `rule`'s aggregates, comma-separated ("" when none).
std::string aggregate_results(const analysis::CheckedProgram& program, const sim::Run& run,
                              const analysis::CheckedRule& rule, const TupleQuery& query);

/// Renderers (explain_output.cpp).
std::string explanation_text(const Explanation& e);
std::string explanation_json(const Explanation& e);

/// "file:line" of a source position.
std::string source_location(const LoadedSpec& spec, const SourceLoc& loc);
/// Whether a fault-free key of `rel(values)@time` holds in `run`.
bool holds_in(const sim::Run& run, RelId rel, const std::vector<Value>& values, std::int32_t time);

}  // namespace ldfi::cli
