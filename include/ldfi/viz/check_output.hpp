// Text and JSON renderings of a check's result: what `ldfi check` prints.
#pragma once

#include <string>
#include <vector>

#include "ldfi/analysis/lint.hpp"
#include "ldfi/search/check.hpp"
#include "ldfi/util/diagnostics.hpp"

namespace ldfi::viz {

/// The configuration a check ran with, as reported.
struct CheckContext {
    const analysis::CheckedProgram& program;
    const sim::FaultModel& model;
    std::vector<std::string> files;
    const search::CheckOptions& options;
    bool timing = true;  ///< include the (non-deterministic) timing line / fields
    /// The spec's lints over the check's nodes (analysis::lint); the vacuous one comes from the
    /// result. `sources` places them (file:line:col); without it they have no position.
    std::vector<analysis::Lint> lints = {};
    const SourceFiles* sources = nullptr;
};

/// Every lint of the check: ctx.lints, a location lint per name the fault-free run sent messages
/// to that is no node, and the vacuous one when no run had a `pre` tuple.
std::vector<analysis::Lint> check_lints(const CheckContext& ctx, const search::CheckResult& result);

/// "path:line:col" of a lint, or "" when it has no position.
std::string lint_where(const analysis::Lint& lint, const SourceFiles* sources);

/// "[key] path:line:col: message": one line, as `check` and `suite` print a lint.
std::string lint_line(const analysis::Lint& lint, const SourceFiles* sources);

/// The verdict, executions, the first (smallest) counterexample with its missing post tuples,
/// and the time per phase.
std::string check_text(const CheckContext& ctx, const search::CheckResult& result);

/// One JSON document (schema in docs/json.md), ending in a newline.
std::string check_json(const CheckContext& ctx, const search::CheckResult& result);

const char* oracle_name(sim::OracleKind o);

}  // namespace ldfi::viz
