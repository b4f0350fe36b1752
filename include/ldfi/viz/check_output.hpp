// Text and JSON renderings of a check's result: what `ldfi check` prints.
#pragma once

#include <string>
#include <vector>

#include "ldfi/search/check.hpp"

namespace ldfi::viz {

/// The configuration a check ran with, as reported.
struct CheckContext {
    const analysis::CheckedProgram& program;
    const sim::FaultModel& model;
    std::vector<std::string> files;
    const search::CheckOptions& options;
    bool timing = true;  ///< include the (non-deterministic) timing line / fields
};

/// The verdict, executions, the first (smallest) counterexample with its missing post tuples,
/// and the time per phase.
std::string check_text(const CheckContext& ctx, const search::CheckResult& result);

/// One JSON document (schema in docs/json.md), ending in a newline.
std::string check_json(const CheckContext& ctx, const search::CheckResult& result);

const char* oracle_name(sim::OracleKind o);

}  // namespace ldfi::viz
