// Source files, and rendering diagnostics with file:line:col and a caret.
#include "ldfi/util/diagnostics.hpp"

#include <algorithm>

namespace ldfi {

std::uint32_t SourceFiles::add(std::string path, std::string text) {
    File f{std::move(path), std::move(text), {0}};
    for (std::size_t i = 0; i < f.text.size(); ++i) {
        if (f.text[i] == '\n') f.line_starts.push_back(i + 1);
    }
    m_files.push_back(std::move(f));
    return static_cast<std::uint32_t>(m_files.size() - 1);
}

std::string_view SourceFiles::line_text(std::uint32_t file, std::uint32_t line) const {
    if (file >= m_files.size()) return {};
    const File& f = m_files[file];
    if (line == 0 || line > f.line_starts.size()) return {};
    std::size_t begin = f.line_starts[line - 1];
    std::size_t end = line < f.line_starts.size() ? f.line_starts[line] - 1 : f.text.size();
    std::string_view text(f.text);
    std::string_view result = text.substr(begin, end - begin);
    if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
    return result;
}

void Diagnostics::error(SourceLoc loc, std::string message, std::vector<std::string> notes) {
    m_items.push_back({Severity::ERROR, loc, std::move(message), std::move(notes)});
    ++m_errors;
}

void Diagnostics::warning(SourceLoc loc, std::string message, std::vector<std::string> notes) {
    m_items.push_back({Severity::WARNING, loc, std::move(message), std::move(notes)});
}

void Diagnostics::clear() {
    m_items.clear();
    m_errors = 0;
}

namespace {

const char* severity_name(Severity s) {
    switch (s) {
        case Severity::ERROR: return "error";
        case Severity::WARNING: return "warning";
        case Severity::NOTE: return "note";
    }
    return "error";
}

constexpr std::size_t MAX_SHOWN_LINE = 120;

// A control byte other than tab (from a spec's string, say) would act on the terminal: it is
// shown as \xNN instead.
std::string escape_controls(std::string_view text) {
    static constexpr char HEX[] = "0123456789abcdef";
    std::string out;
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\t') || byte == 0x7f) {
            out += {'\\', 'x', HEX[byte >> 4], HEX[byte & 0xf]};
        } else {
            out += c;
        }
    }
    return out;
}

// The caret line keeps tabs from the source line so it lines up in a terminal, and is as wide as
// the escaped source line.
std::string caret_line(std::string_view source, std::uint32_t col) {
    std::string caret;
    for (std::uint32_t i = 1; i < col && i - 1 < source.size(); ++i) {
        char c = source[i - 1];
        caret += c == '\t' ? std::string(1, '\t') : std::string(escape_controls({&c, 1}).size(), ' ');
    }
    return caret + '^';
}

}  // namespace

std::string render_diagnostic(const Diagnostic& d, const SourceFiles& files) {
    std::string out;
    if (d.loc.known() && d.loc.file < files.size()) {
        out += files.path(d.loc.file) + ':' + std::to_string(d.loc.line) + ':' + std::to_string(d.loc.col) + ": ";
    } else {
        out += "ldfi: ";
    }
    out += severity_name(d.severity);
    out += ": " + escape_controls(d.message) + '\n';
    if (d.loc.known() && d.loc.file < files.size()) {
        std::string_view line = files.line_text(d.loc.file, d.loc.line);
        std::uint32_t col = d.loc.col;
        std::string before, after;
        // A very long line is shown as a window around the column.
        if (line.size() > MAX_SHOWN_LINE) {
            std::size_t start = col > MAX_SHOWN_LINE / 2 ? col - MAX_SHOWN_LINE / 2 : 0;
            start = std::min(start, line.size());
            if (start > 0) before = "...";
            if (start + MAX_SHOWN_LINE < line.size()) after = "...";
            line = line.substr(start, MAX_SHOWN_LINE);
            col = static_cast<std::uint32_t>(col - start + before.size());
        }
        out += "    " + before + escape_controls(line) + after + '\n';
        out += "    " + caret_line(before + std::string(line), col) + '\n';
    }
    for (const std::string& note : d.notes) out += "    note: " + escape_controls(note) + '\n';
    return out;
}

std::string Diagnostics::render(const SourceFiles& files) const {
    std::string out;
    for (const Diagnostic& d : m_items) out += render_diagnostic(d, files);
    return out;
}

}  // namespace ldfi
