// Shared pieces of the command-line front end: loading specs, common options, exit codes.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/sim/fault_model.hpp"
#include "ldfi/sim/oracle.hpp"
#include "ldfi/util/diagnostics.hpp"
#include "ldfi/util/error.hpp"

namespace ldfi::cli {

/// Exit codes of every command (architecture.md section 5).
enum ExitCode : int {
    EXIT_OK = 0,         ///< certified / invariant holds / every suite case as expected
    EXIT_VIOLATION = 1,  ///< counterexample / invariant violated / a suite case not as expected
    EXIT_BAD_INPUT = 2,  ///< bad input or usage
    EXIT_UNKNOWN = 3,    ///< budget or resource limit hit before a verdict
    EXIT_INTERNAL = 4,   ///< a bug or a solver failure
    // 130 (SIGINT) and 143 (SIGTERM): interrupted, after writing what an unknown verdict writes
};

/// A spec read and analysed, with the files it came from (for diagnostics and hashing).
struct LoadedSpec {
    std::vector<std::string> paths;
    SourceFiles files;
    std::shared_ptr<const analysis::CheckedProgram> program;
};

/// One diagnostic placed in its file, for machine-readable reports (JSON errors, JUnit).
struct PlacedDiagnostic {
    std::string severity;  ///< "error", "warning" or "note"
    std::string file;      ///< "" when it has no position
    std::uint32_t line = 0, column = 0;
    std::string message;
};

/// A spec that has errors: InputError with its diagnostics, rendered (details()) and placed.
class SpecError : public InputError {
public:
    SpecError(const std::string& message, std::string rendered, std::vector<PlacedDiagnostic> diagnostics)
        : InputError(message, std::move(rendered)), m_diagnostics(std::move(diagnostics)) {}
    [[nodiscard]] const std::vector<PlacedDiagnostic>& diagnostics() const { return m_diagnostics; }

private:
    std::vector<PlacedDiagnostic> m_diagnostics;
};

/// Parses and analyses `paths`; prints every diagnostic to stderr. Throws SpecError (after
/// printing) when there are errors.
LoadedSpec load_spec(const std::vector<std::string>& paths);

/// `--nodes a,b,c` as a list, empty names kept (BoundsOptions::model rejects them).
[[nodiscard]] std::vector<std::string> split_nodes(const std::string& text);

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

/// `--crash NODE@T` and `--omit FROM->TO@T` of `run` and `explain` (fault_options.cpp).
struct FaultOptions {
    std::vector<std::string> crashes;
    std::vector<std::string> omissions;

    void add_to(CLI::App& app);
    struct Parsed {
        sim::FaultModel model;  ///< the bounds' model, its crash bound the crashes named
        sim::FailureSpec faults;
    };
    /// Checks the faults against the bounds (exit-2 errors naming the option and its value).
    [[nodiscard]] Parsed parse(const BoundsOptions& bounds) const;
};

/// Registers --max-memory MB on `cmd` (limits.cpp); unset means 3/4 of physical memory, 0 none.
void add_memory_option(CLI::App& cmd, std::optional<std::uint64_t>& max_memory_mb);
/// `--max-work N`: the join work limit of one simulation (eval::EvalOptions::max_probes).
void add_work_option(CLI::App& cmd, std::uint64_t& max_work);
/// Installs the memory guard's limit for this process (InputError for an absurd value).
void apply_memory_limit(const std::optional<std::uint64_t>& max_memory_mb);
/// A CLI11 check that rejects a negative value for an unsigned option.
[[nodiscard]] CLI::Validator non_negative();
/// InputError unless `seconds` is a usable --timeout (finite, 0..1e6; 0: no limit).
void check_timeout(double seconds);
/// The default of --max-memory, in MiB.
[[nodiscard]] std::uint64_t default_memory_limit_mb();

/// The whole of the file at `path` (regular file, pipe or device), read in chunks that stop past
/// `max_bytes`; InputError "cannot read `what`..." when it cannot be read or is larger.
[[nodiscard]] std::string read_file_capped(const std::string& path, const std::string& what,
                                           std::size_t max_bytes);

/// Writes `text` to `path`: a regular file (or one a symlink points to) through a fresh temporary
/// file beside it, renamed into place only when complete, so no half-written file remains and
/// no other file is touched; a device or FIFO in place. InputError with the OS's reason when it
/// cannot.
void write_file(const std::filesystem::path& path, const std::string& text);

/// Before a long command starts: InputError ("--junit out/x.xml: cannot write there: its directory
/// out does not exist") when `path` (a file, or with `directory` a directory that may not exist
/// yet) cannot be written, with the OS's reason. Nothing for an empty path.
void check_output_path(const std::string& path, bool directory, const char* option);

/// How a command that threw is reported: its exit code, its kind (a JUnit <error> type), its
/// message, and for a spec error the diagnostics behind the message.
struct Failure {
    int exit_code;
    std::string kind;
    std::string message;
    std::string details;
    std::vector<PlacedDiagnostic> diagnostics = {};  ///< of a spec error
    /// The first error with its position ("spec.ded:3:5: error: ..."), else the message: one line
    /// that says where, for a JUnit message or a table.
    [[nodiscard]] std::string headline() const;
};
/// Classifies the exception being handled; call it inside a catch block. (Anything that is not
/// a std::exception propagates.)
[[nodiscard]] Failure current_failure();

/// Names of the one JUnit test case written when a command fails (as its results would be named).
struct JunitNames {
    std::string suite, classname, test_case;
};
/// Runs `command`; when it throws, writes a JUnit file holding one <error> test case (the error's
/// kind and message) into `junit_file` (if set) before rethrowing, so a CI gate sees why there is
/// no verdict rather than a missing file.
int with_junit_on_error(const std::string& junit_file, const JunitNames& names,
                        const std::function<int()>& command);

/// Runs `command`; when it throws and `json` is set, prints a JSON error document on stdout
/// (docs/json.md, "Errors") before rethrowing, so `--format json` always prints JSON.
int with_json_error(bool json, const std::function<int()>& command);

/// `-v`/`--verbose` (repeatable), `--log-level`, `--log-file` (log_options.cpp).
struct LogOptions {
    int verbose = 0;
    std::string level;
    std::string file;
};
void add_log_options(CLI::App& app, LogOptions& options);
/// Configures util/log.hpp: -v info, -vv debug, -vvv trace; --log-level wins; a --log-file alone
/// logs at info. InputError for a file that cannot be written.
void apply_log_options(const LogOptions& options);

/// True when stderr is a terminal (where the progress line is drawn). (terminal.cpp)
[[nodiscard]] bool stderr_is_terminal();
/// Colour on stderr: a terminal, NO_COLOR unset or empty, TERM not "dumb".
[[nodiscard]] bool stderr_in_colour();
/// `text` (diagnostics, "ldfi: error: ...") with its labels and carets coloured when
/// stderr_in_colour(), else unchanged.
[[nodiscard]] std::string for_stderr(const std::string& text);
/// `-q`/`--quiet`: no progress and no warnings on stderr (errors still).
void set_quiet(bool quiet);
[[nodiscard]] bool quiet();

/// How `simulate_and_print` judges and prints a run (`ldfi run`, `ldfi replay`).
struct PrintRunOptions {
    std::string format = "text";
    std::vector<std::string> show;
    sim::OracleKind oracle = sim::OracleKind::IMPLIES;
    std::uint64_t max_tuples = 10'000'000;
    std::uint64_t max_work = 0;  ///< `--max-work`: sim::RunOptions::max_probes
};

/// Simulates `faults` once, prints the run as `ldfi run` does; EXIT_VIOLATION when the invariant
/// is violated, else EXIT_OK.
int simulate_and_print(const LoadedSpec& spec, const sim::FaultModel& model, const sim::FailureSpec& faults,
                       const PrintRunOptions& print);

/// Registers the subcommands.
void add_run_command(CLI::App& app, int& exit_code);
void add_check_command(CLI::App& app, int& exit_code);
void add_suite_command(CLI::App& app, int& exit_code);
void add_replay_command(CLI::App& app, int& exit_code);
void add_sweep_command(CLI::App& app, int& exit_code);
void add_junit_command(CLI::App& app, int& exit_code);
void add_explain_command(CLI::App& app, int& exit_code);

}  // namespace ldfi::cli
