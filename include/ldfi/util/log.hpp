// The log: what a long check is doing (engine choices, rounds, hypotheses, solver queries with
// their sizes and times), for `-v`, `--log-level` and `--log-file`. Written with spdlog to stderr
// or a file, never to stdout. Off by default; a message is only built when its level
// is on (pass a callable).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ldfi::log {

enum class Level { TRACE, DEBUG, INFO, WARN, ERROR, OFF };

/// "trace", "debug", "info", "warn", "error", "off"; nullopt for anything else.
[[nodiscard]] std::optional<Level> parse_level(std::string_view name);

/// Sends the log to `file` (truncated; "" for stderr) at `level`. Throws InputError (with the
/// OS's reason) when the file cannot be opened.
void configure(Level level, const std::string& file);

[[nodiscard]] bool enabled(Level level);
void write(Level level, std::string_view message);

template <typename Make>
void at(Level level, Make&& make) {
    if (enabled(level)) write(level, make());
}
template <typename Make>
void info(Make&& make) {
    at(Level::INFO, std::forward<Make>(make));
}
template <typename Make>
void debug(Make&& make) {
    at(Level::DEBUG, std::forward<Make>(make));
}
template <typename Make>
void trace(Make&& make) {
    at(Level::TRACE, std::forward<Make>(make));
}

}  // namespace ldfi::log
