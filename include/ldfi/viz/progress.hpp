// The one-line progress display of `ldfi check` and `ldfi suite` on a terminal's stderr.
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>

#include "ldfi/search/check.hpp"

namespace ldfi::viz {

/// A status line redrawn in place (carriage return, padded over the previous text): only when
/// enabled (the caller decides: stderr is a terminal), only once the work has run longer than
/// a second, at most ten times a second; clear() (and the destructor) erase it again.
class ProgressLine {
public:
    using Clock = std::function<double()>;  ///< seconds since any fixed point

    ProgressLine(std::ostream& out, bool enabled, Clock clock = steady_seconds);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    /// Whether the line is drawn at all (the output is a terminal).
    [[nodiscard]] bool enabled() const { return m_enabled; }
    /// True when a redraw now would be shown (cheap: call it before formatting the text).
    [[nodiscard]] bool due() const;
    /// Redraws the line with `text` if due().
    void update(const std::string& text);
    /// Erases the line if anything was drawn.
    void clear();

    static double steady_seconds();
    static constexpr double DELAY_SECONDS = 1.0;     ///< quiet for checks shorter than this
    static constexpr double INTERVAL_SECONDS = 0.1;  ///< between redraws

private:
    std::ostream& m_out;
    bool m_enabled;
    Clock m_clock;
    double m_start;
    double m_last_draw = -1;
    std::size_t m_width = 0;  ///< of the text on screen; 0: nothing drawn
};

/// "42 executions, 7 hypotheses pending, round 3, 12.3 s"
std::string check_progress_text(const search::Progress& p);

/// "12/62 checks done, 2 running, 45.0 s"
std::string suite_progress_text(std::size_t done, std::size_t total, std::size_t running,
                                double elapsed_seconds);

}  // namespace ldfi::viz
