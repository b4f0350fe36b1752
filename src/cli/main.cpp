// The `ldfi` executable: subcommand dispatch and the mapping of outcomes to exit codes.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <streambuf>
#include <string>

#include "cli.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/interrupt.hpp"
#include "ldfi/util/version.hpp"

namespace {

constexpr const char* HELP_FOOTER =
    "Exit codes:\n"
    "  0         certified; the invariant holds; every check as expected\n"
    "  1         a counterexample; the invariant violated; a check not as expected\n"
    "  2         bad input or usage (a spec's errors come with file:line:col)\n"
    "  3         unknown: a budget or limit was hit before a verdict\n"
    "  4         internal error\n"
    "  130, 143  interrupted by SIGINT, SIGTERM: the verdict unknown, every file written\n"
    "Quote fault arguments: --omit 'a->b@1' (unquoted, the shell reads > as a redirection).\n"
    "More: man ldfi, README.md and docs/.";

int run_main(int argc, char** argv) {
    using namespace ldfi::cli;
    CLI::App app{"ldfi: lineage-driven fault injection for Dedalus protocols", "ldfi"};
    app.set_version_flag("-V,--version", std::string("ldfi ") + ldfi::version());
    app.require_subcommand(1);
    // The log's options go anywhere on the line (`ldfi -v check ...`, `ldfi check ... -v`).
    app.fallthrough();
    LogOptions log;
    add_log_options(app, log);
    app.add_flag_callback(
        "-q,--quiet", [] { set_quiet(true); },
        "no progress and no warnings on stderr (errors still; suite: no line per finished check)");
    app.parse_complete_callback([&log] { apply_log_options(log); });  // before the command runs
    int exit_code = EXIT_OK;
    add_run_command(app, exit_code);
    add_check_command(app, exit_code);
    add_suite_command(app, exit_code);
    add_replay_command(app, exit_code);
    add_sweep_command(app, exit_code);
    add_junit_command(app, exit_code);
    add_explain_command(app, exit_code);
    const auto all = [](const CLI::App*) { return true; };
    for (CLI::App* sub : app.get_subcommands(all)) {
        sub->footer(HELP_FOOTER);
        for (CLI::App* nested : sub->get_subcommands(all)) nested->footer(HELP_FOOTER);  // junit merge
    }
    app.footer(HELP_FOOTER);
    // CLI11 would only say "A subcommand is required" for a missing or misspelled command.
    std::string commands;
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        commands += (commands.empty() ? "" : ", ") + sub->get_name();
        known = known || (argc >= 2 && sub->get_name() == argv[1]);
    }
    if (argc < 2 || (argv[1][0] != '-' && !known)) {
        std::cerr << for_stderr(
            "ldfi: error: " +
            (argc < 2 ? std::string("no command given") : "unknown command '" + std::string(argv[1]) + "'") +
            " (commands: " + commands + "; see ldfi --help)\n");
        return EXIT_BAD_INPUT;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // Same form as every other usage error (CLI11's own wording, no "Run with --help" line).
        std::cerr << for_stderr("ldfi: error: " + std::string(e.what()) + " (see ldfi --help)\n");
        return EXIT_BAD_INPUT;
    }
    return exit_code;
}

/// Standard output's stream buffer, passed through, that keeps the OS's reason for the first
/// failed write: std::cout stops writing after one, and errno is long overwritten by the end.
class CheckedOutput : public std::streambuf {
public:
    explicit CheckedOutput(std::streambuf* out) : m_out(out) {}
    /// errno of the first failed write or flush; 0 when none failed or the OS gave no reason.
    [[nodiscard]] int error() const { return m_error; }
    [[nodiscard]] std::streambuf* underlying() const { return m_out; }

protected:
    int_type overflow(int_type c) override {
        errno = 0;
        return traits_type::eq_int_type(c, traits_type::eof())
                   ? traits_type::not_eof(c)
                   : checked(m_out->sputc(traits_type::to_char_type(c)));
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        errno = 0;
        std::streamsize written = m_out->sputn(s, n);
        if (written != n) record();
        return written;
    }
    int sync() override {
        errno = 0;
        int result = m_out->pubsync();
        if (result != 0) record();
        return result;
    }

private:
    int_type checked(int_type result) {
        if (traits_type::eq_int_type(result, traits_type::eof())) record();
        return result;
    }
    void record() {
        if (m_error == 0) m_error = errno;
    }

    std::streambuf* m_out;
    int m_error = 0;
};

/// Flushes standard output and checks every write to it: output lost to a full disk or a closed
/// pipe is an error (exit 2 with the OS's reason), never a silent success.
int finish_output(int exit_code, const CheckedOutput& out) {
    using namespace ldfi::cli;
    bool failed = !std::cout.flush();
    errno = 0;
    failed = std::fflush(stdout) != 0 || failed || std::ferror(stdout) != 0;
    int reason = out.error() != 0 ? out.error() : errno;
    if (!failed) return exit_code;
    std::cerr << "ldfi: error: cannot write to standard output"
              << (reason != 0 ? std::string(": ") + std::strerror(reason) : std::string()) << '\n';
    return EXIT_BAD_INPUT;
}

int main_with_errors(int argc, char** argv) {
    using namespace ldfi::cli;
    try {
        return run_main(argc, argv);
    } catch (...) {
        const Failure f = current_failure();
        if (f.exit_code == EXIT_INTERNAL) {
            std::cerr << for_stderr("ldfi: internal error: " + f.message + "\n");
        } else if (f.exit_code != EXIT_BAD_INPUT || !f.message.empty()) {  // a spec error printed its own
            std::cerr << for_stderr("ldfi: error: " + f.message + "\n");
        }
        return f.exit_code;
    }
}

}  // namespace

int main(int argc, char** argv) {
    ldfi::install_interrupt_handlers();
    CheckedOutput out(std::cout.rdbuf());
    std::cout.rdbuf(&out);
    int exit_code = finish_output(main_with_errors(argc, argv), out);
    std::cout.rdbuf(out.underlying());
    // Interrupted: the command has ended as for an unknown verdict (its files written); the exit
    // code says which signal, as the shell's would had the signal killed the process.
    if (int signal = ldfi::interrupt_signal(); signal != 0) {
        std::cerr << "ldfi: " << ldfi::interrupt_reason() << '\n';
        return 128 + signal;
    }
    return exit_code;
}
