// The log's one spdlog logger. Messages are formatted by the callers; spdlog adds the time, the
// level and the thread (a suite runs checks on several).
#include "ldfi/util/log.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>

#include "ldfi/util/error.hpp"

namespace ldfi::log {

namespace {

std::atomic<int> g_level{static_cast<int>(Level::OFF)};
std::mutex g_mutex;
std::shared_ptr<spdlog::logger> g_logger;  // guarded by g_mutex

spdlog::level::level_enum to_spdlog(Level level) {
    switch (level) {
        case Level::TRACE:
            return spdlog::level::trace;
        case Level::DEBUG:
            return spdlog::level::debug;
        case Level::INFO:
            return spdlog::level::info;
        case Level::WARN:
            return spdlog::level::warn;
        case Level::ERROR:
            return spdlog::level::err;
        case Level::OFF:
            return spdlog::level::off;
    }
    return spdlog::level::off;
}

std::shared_ptr<spdlog::logger> make_logger(const std::string& file) {
    if (file.empty())
        return std::make_shared<spdlog::logger>("ldfi", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    // Opened here first, for the OS's reason: spdlog's own exception names no errno.
    std::FILE* probe = std::fopen(file.c_str(), "w");
    if (!probe) throw InputError("--log-file " + file + ": cannot write it: " + std::strerror(errno));
    std::fclose(probe);
    return std::make_shared<spdlog::logger>("ldfi",
                                            std::make_shared<spdlog::sinks::basic_file_sink_mt>(file, true));
}

}  // namespace

std::optional<Level> parse_level(std::string_view name) {
    for (auto [text, level] :
         {std::pair{"trace", Level::TRACE}, std::pair{"debug", Level::DEBUG}, std::pair{"info", Level::INFO},
          std::pair{"warn", Level::WARN}, std::pair{"error", Level::ERROR}, std::pair{"off", Level::OFF}}) {
        if (name == text) return level;
    }
    return std::nullopt;
}

void configure(Level level, const std::string& file) {
    std::lock_guard lock(g_mutex);
    g_logger = make_logger(file);
    g_logger->set_pattern("%Y-%m-%d %H:%M:%S.%e ldfi %l [%t] %v");
    g_logger->set_level(to_spdlog(level));
    g_logger->flush_on(spdlog::level::trace);  // a log read during a long check, or after a kill
    g_level.store(static_cast<int>(level), std::memory_order_relaxed);
}

bool enabled(Level level) {
    return level != Level::OFF && static_cast<int>(level) >= g_level.load(std::memory_order_relaxed);
}

void write(Level level, std::string_view message) {
    std::lock_guard lock(g_mutex);
    if (!g_logger) g_logger = make_logger("");
    g_logger->log(to_spdlog(level), "{}", message);
}

}  // namespace ldfi::log
