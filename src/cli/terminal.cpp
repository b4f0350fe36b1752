// What ldfi shows on the terminal: quiet mode, and colour (a terminal only, never with NO_COLOR).
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "cli.hpp"

namespace ldfi::cli {

namespace {

std::atomic<bool> g_quiet{false};

constexpr const char* RED = "\x1b[1;31m";
constexpr const char* MAGENTA = "\x1b[1;35m";
constexpr const char* CYAN = "\x1b[1;36m";
constexpr const char* GREEN = "\x1b[1;32m";
constexpr const char* RESET = "\x1b[0m";

// Colours the first occurrence of `label` in `line`.
bool paint(std::string& line, const std::string& label, const char* colour) {
    auto at = line.find(label);
    if (at == std::string::npos) return false;
    line.insert(at + label.size(), RESET);
    line.insert(at, colour);
    return true;
}

}  // namespace

void set_quiet(bool quiet) { g_quiet = quiet; }
bool quiet() { return g_quiet; }

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

bool stderr_in_colour() {
    // https://no-color.org: any non-empty NO_COLOR turns colour off; so does a dumb terminal.
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    if (no_color && *no_color) return false;
    if (term && std::strcmp(term, "dumb") == 0) return false;
    return stderr_is_terminal();
}

std::string for_stderr(const std::string& text) {
    if (!stderr_in_colour()) return text;
    std::istringstream in(text);
    std::string out, line;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(' ') != std::string::npos &&
            line.find_first_not_of(" ^") == std::string::npos) {
            line = GREEN + line + RESET;  // a caret line
        } else if (!paint(line, "error:", RED) && !paint(line, "warning:", MAGENTA)) {
            paint(line, "note:", CYAN);
        }
        out += line + "\n";
    }
    if (!text.empty() && text.back() != '\n' && !out.empty()) out.pop_back();
    return out;
}

}  // namespace ldfi::cli
