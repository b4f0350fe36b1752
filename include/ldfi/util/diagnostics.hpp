// Source files and diagnostics: every complaint about user input carries file:line:col and a caret.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ldfi {

/// A position in a source file; line and col are 1-based, col counts bytes.
struct SourceLoc {
    std::uint32_t file = 0;  ///< index into SourceFiles
    std::uint32_t line = 0;  ///< 0 means "no position"
    std::uint32_t col = 0;
    [[nodiscard]] bool known() const { return line != 0; }
};

/// The text of every file read, so diagnostics can quote the offending line.
class SourceFiles {
public:
    /// Registers a file's display path and text; returns its index.
    std::uint32_t add(std::string path, std::string text);
    [[nodiscard]] const std::string& path(std::uint32_t file) const { return m_files.at(file).path; }
    [[nodiscard]] const std::string& text(std::uint32_t file) const { return m_files.at(file).text; }
    [[nodiscard]] std::size_t size() const { return m_files.size(); }
    /// The text of 1-based line `line` of `file`, without its newline ("" when out of range).
    [[nodiscard]] std::string_view line_text(std::uint32_t file, std::uint32_t line) const;

private:
    struct File {
        std::string path;
        std::string text;
        std::vector<std::size_t> line_starts;
    };
    std::vector<File> m_files;
};

enum class Severity { ERROR, WARNING, NOTE };

/// One message about the input.
struct Diagnostic {
    Severity severity = Severity::ERROR;
    SourceLoc loc;
    std::string message;
    std::vector<std::string> notes;  ///< extra lines printed after the caret (e.g. a cycle)
};

/// Collects diagnostics in order; never throws, never exits.
class Diagnostics {
public:
    void error(SourceLoc loc, std::string message, std::vector<std::string> notes = {});
    void warning(SourceLoc loc, std::string message, std::vector<std::string> notes = {});
    [[nodiscard]] bool has_errors() const { return m_errors > 0; }
    [[nodiscard]] std::size_t error_count() const { return m_errors; }
    [[nodiscard]] const std::vector<Diagnostic>& all() const { return m_items; }
    void clear();

    /// Renders every diagnostic as
    ///   path:line:col: error: message
    ///     <source line>
    ///     <spaces>^
    ///     <notes, indented>
    /// Diagnostics without a position render as "ldfi: error: message".
    [[nodiscard]] std::string render(const SourceFiles& files) const;

private:
    std::vector<Diagnostic> m_items;
    std::size_t m_errors = 0;
};

/// Renders one diagnostic (see Diagnostics::render).
std::string render_diagnostic(const Diagnostic& d, const SourceFiles& files);

}  // namespace ldfi
