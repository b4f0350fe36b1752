// The log's options: where util/log.hpp writes and how much.
#include "cli.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/log.hpp"

namespace ldfi::cli {

void add_log_options(CLI::App& app, LogOptions& options) {
    app.add_flag("-v,--verbose", options.verbose,
                 "log what the check is doing on stderr: -v engines and rounds, -vv every hypothesis and "
                 "solver query, -vvv more");
    app.add_option("--log-level", options.level,
                   "log level: trace, debug, info, warn, error or off (default off)")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
    app.add_option("--log-file", options.file,
                   "write the log into FILE instead of stderr (at info unless set)");
}

void apply_log_options(const LogOptions& options) {
    log::Level level = log::Level::OFF;
    if (options.verbose >= 3) {
        level = log::Level::TRACE;
    } else if (options.verbose == 2) {
        level = log::Level::DEBUG;
    } else if (options.verbose == 1 || !options.file.empty()) {
        level = log::Level::INFO;
    }
    if (!options.level.empty()) level = log::parse_level(options.level).value_or(level);
    if (level == log::Level::OFF && options.file.empty()) return;
    log::configure(level, options.file);
}

}  // namespace ldfi::cli
