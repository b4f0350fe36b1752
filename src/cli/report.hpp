// `ldfi check --report DIR`: writing the report directory.
#pragma once

#include <string>

#include "cli.hpp"
#include "ldfi/search/check.hpp"
#include "ldfi/viz/check_output.hpp"

namespace ldfi::cli {

/// Writes DIR/counterexample-N.json, DIR/runs.json and, last, DIR/index.html, each atomically.
/// Report files left from an earlier report in DIR are removed first, so an interrupted write
/// never leaves a directory that looks complete.
void write_report(const std::string& dir, const LoadedSpec& spec, const viz::CheckContext& ctx,
                  const search::CheckResult& result);

}  // namespace ldfi::cli
