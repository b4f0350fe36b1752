// Shared pieces of the command-line front end: loading specs, common options, exit codes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/sim/fault_model.hpp"
#include "ldfi/util/diagnostics.hpp"

namespace ldfi::cli {

/// Exit codes of every command (architecture.md section 5).
enum ExitCode : int {
    EXIT_OK = 0,           ///< certified / invariant holds / every suite case as expected
    EXIT_VIOLATION = 1,    ///< counterexample / invariant violated / a suite case not as expected
    EXIT_BAD_INPUT = 2,    ///< bad input or usage
    EXIT_UNKNOWN = 3,      ///< budget or resource limit hit before a verdict
    EXIT_INTERNAL = 4,     ///< a bug or a solver failure
};

/// A spec read and analysed, with the files it came from (for diagnostics and hashing).
struct LoadedSpec {
    std::vector<std::string> paths;
    SourceFiles files;
    std::shared_ptr<const analysis::CheckedProgram> program;
};

/// Parses and analyses `paths`; prints every diagnostic to stderr. Throws InputError (after
/// printing) when there are errors.
LoadedSpec load_spec(const std::vector<std::string>& paths);

/// The nodes/eot/eff/crashes options shared by `run` and `check`, with the prototype's aliases.
struct BoundsOptions {
    std::vector<std::string> nodes;
    int eot = 0;
    std::optional<int> eff;
    int crashes = 0;

    void add_to(CLI::App& app, bool with_crash_bound);
    /// Validates the values (exit-2 errors for absurd bounds) and builds the fault model.
    /// `default_eff` applies when --eff was not given.
    [[nodiscard]] sim::FaultModel model(int default_eff) const;
};

/// Registers the subcommands.
void add_run_command(CLI::App& app, int& exit_code);
void add_check_command(CLI::App& app, int& exit_code);
void add_suite_command(CLI::App& app, int& exit_code);

}  // namespace ldfi::cli
