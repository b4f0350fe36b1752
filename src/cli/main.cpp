// The `ldfi` executable: subcommand dispatch and the mapping of outcomes to exit codes.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include "cli.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/version.hpp"

namespace {

int run_main(int argc, char** argv) {
    using namespace ldfi::cli;
    CLI::App app{"ldfi: lineage-driven fault injection for Dedalus protocols", "ldfi"};
    app.set_version_flag("--version", std::string("ldfi ") + ldfi::version());
    app.require_subcommand(1);
    int exit_code = EXIT_OK;
    add_run_command(app, exit_code);
    add_check_command(app, exit_code);
    add_suite_command(app, exit_code);
    add_replay_command(app, exit_code);
    // CLI11 would only say "A subcommand is required" for a missing or misspelled command.
    std::string commands;
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        commands += (commands.empty() ? "" : ", ") + sub->get_name();
        known = known || (argc >= 2 && sub->get_name() == argv[1]);
    }
    if (argc < 2 || (argv[1][0] != '-' && !known)) {
        std::cerr << "ldfi: error: "
                  << (argc < 2 ? std::string("no command given") : "unknown command '" + std::string(argv[1]) + "'")
                  << " (commands: " << commands << "; see ldfi --help)\n";
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
        std::cerr << "ldfi: error: " << e.what() << " (see ldfi --help)\n";
        return EXIT_BAD_INPUT;
    }
    return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace ldfi::cli;
    try {
        return run_main(argc, argv);
    } catch (...) {
        const Failure f = current_failure();
        if (f.exit_code == EXIT_INTERNAL) {
            std::cerr << "ldfi: internal error: " << f.message << '\n';
        } else if (f.exit_code != EXIT_BAD_INPUT || !f.message.empty()) {  // a spec error printed its own
            std::cerr << "ldfi: error: " << f.message << '\n';
        }
        return f.exit_code;
    }
}
