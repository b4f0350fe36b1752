// The one-line progress display: throttled redraws with a carriage return, and its texts.
#include "ldfi/viz/progress.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace ldfi::viz {

namespace {

std::string seconds_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", s);
    return buf;
}

std::string count(std::size_t n, const char* noun, const char* plural) {
    return std::to_string(n) + " " + (n == 1 ? noun : plural);
}

}  // namespace

ProgressLine::ProgressLine(std::ostream& out, bool enabled, Clock clock)
    : m_out(out), m_enabled(enabled), m_clock(std::move(clock)), m_start(enabled ? m_clock() : 0) {}

ProgressLine::~ProgressLine() { clear(); }

double ProgressLine::steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool ProgressLine::due() const {
    if (!m_enabled) return false;
    double now = m_clock();
    return now - m_start >= DELAY_SECONDS && (m_last_draw < 0 || now - m_last_draw >= INTERVAL_SECONDS);
}

void ProgressLine::update(const std::string& text) {
    if (!due()) return;
    m_last_draw = m_clock();
    // Pad over a longer previous text instead of relying on terminal escape sequences.
    std::string line = "\r" + text;
    if (text.size() < m_width) line += std::string(m_width - text.size(), ' ');
    m_width = std::max(m_width, text.size());
    m_out << line << std::flush;
}

void ProgressLine::clear() {
    if (m_width == 0) return;
    m_out << '\r' << std::string(m_width, ' ') << '\r' << std::flush;
    m_width = 0;
}

std::string check_progress_text(const search::Progress& p) {
    // Only the random and exhaustive strategies choose runs ahead: LDFI runs each hypothesis
    // before it chooses the next, so it never has any pending.
    std::string out = count(p.executions, "execution", "executions");
    if (p.pending > 0) out += ", " + count(p.pending, "run", "runs") + " pending";
    if (p.round > 0) out += ", round " + std::to_string(p.round);
    return out + ", " + seconds_text(p.elapsed_seconds);
}

std::string suite_progress_text(std::size_t done, std::size_t total, std::size_t running,
                                double elapsed_seconds) {
    return std::to_string(done) + "/" + std::to_string(total) + " checks done, " + std::to_string(running) +
           " running, " + seconds_text(elapsed_seconds);
}

}  // namespace ldfi::viz
