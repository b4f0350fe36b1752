// Reading spec files and following their includes: each file read once, cycles reported.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "ldfi/dedalus/parser.hpp"
#include "parse_context.hpp"

namespace ldfi::dedalus {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t MAX_SPEC_BYTES = std::size_t{16} << 20;

struct OpenFile {
    std::string key;      ///< canonical path: identifies the file however it was named
    std::string display;  ///< the path as shown in diagnostics
};

class SpecReader {
public:
    SpecReader(fs::path base, SourceFiles& files, Program& out, Diagnostics& diags)
        : m_base(std::move(base)), m_files(files), m_out(out), m_diags(diags) {
        m_ctx.on_include = [this](const std::string& path, SourceLoc at) { read_include(path, at); };
    }

    void read(const std::string& path, SourceLoc at) {
        // `-` on the command line is standard input (`cat spec.ded | ldfi check - ...`).
        const bool stdin_spec = path == "-" && !at.known();
        const std::string display = stdin_spec ? "<stdin>" : path;
        std::string key = stdin_spec ? display : canonical_key(display);
        if (on_stack(key)) {
            report_cycle(key, display, at);
            return;
        }
        if (m_done.count(key) != 0) return;
        std::optional<std::string> text =
            stdin_spec ? read_stream(std::cin, "standard input", at) : load(display, at);
        if (!text) return;
        m_done.insert(key);
        std::uint32_t file = m_files.add(display, std::move(*text));
        m_stack.push_back({key, display});
        parse_clauses(file, m_files, m_out, m_diags, m_ctx);
        m_stack.pop_back();
    }

private:
    void read_include(const std::string& path, SourceLoc at) {
        fs::path p = m_base.empty() ? fs::path(path) : m_base / path;
        read(p.lexically_normal().generic_string(), at);
    }

    static std::string canonical_key(const std::string& display) {
        std::error_code ec;
        fs::path p = fs::weakly_canonical(fs::path(display), ec);
        return ec ? fs::path(display).lexically_normal().generic_string() : p.generic_string();
    }

    [[nodiscard]] bool on_stack(const std::string& key) const {
        for (const OpenFile& f : m_stack) {
            if (f.key == key) return true;
        }
        return false;
    }

    void report_cycle(const std::string& key, const std::string& display, SourceLoc at) {
        std::string chain;
        bool in_cycle = false;
        for (const OpenFile& f : m_stack) {
            in_cycle = in_cycle || f.key == key;
            if (in_cycle) chain += f.display + " -> ";
        }
        chain += display;
        m_diags.error(at, "include cycle: '" + display + "' includes itself", {"cycle: " + chain});
    }

    std::optional<std::string> load(const std::string& display, SourceLoc at) {
        std::string what = at.known() ? "included file '" + display + "'" : "'" + display + "'";
        std::error_code ec;
        if (fs::is_directory(display, ec)) {
            m_diags.error(at, "cannot read " + what + ": it is a directory");
            return std::nullopt;
        }
        if (!fs::exists(display, ec)) {
            m_diags.error(at, "cannot read " + what + ": no such file");
            return std::nullopt;
        }
        std::ifstream in(display, std::ios::binary);
        if (!in.is_open()) {
            m_diags.error(at, "cannot read " + what + ": " + std::strerror(errno));
            return std::nullopt;
        }
        return read_stream(in, what, at);
    }

    std::optional<std::string> read_stream(std::istream& in, const std::string& what, SourceLoc at) {
        // Read in chunks up to a cap: a pipe (`<(...)`) works, a device like /dev/zero ends.
        std::string content;
        char chunk[1 << 16];
        while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
            content.append(chunk, static_cast<std::size_t>(in.gcount()));
            if (content.size() > MAX_SPEC_BYTES) {
                m_diags.error(at, "cannot read " + what + ": it is larger than " +
                                      std::to_string(MAX_SPEC_BYTES >> 20) + " MiB");
                return std::nullopt;
            }
        }
        if (in.bad()) {
            m_diags.error(at, "cannot read " + what);
            return std::nullopt;
        }
        // A NUL byte means a binary file: one error instead of one per stray byte.
        if (auto nul = content.find('\0'); nul != std::string::npos) {
            auto line =
                1 + std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(nul), '\n');
            m_diags.error(at, "cannot read " + what + ": it is not a text file (NUL byte on line " +
                                  std::to_string(line) + ")");
            return std::nullopt;
        }
        return content;
    }

    fs::path m_base;
    SourceFiles& m_files;
    Program& m_out;
    Diagnostics& m_diags;
    ParseContext m_ctx;
    std::set<std::string> m_done;
    std::vector<OpenFile> m_stack;
};

}  // namespace

Program parse_files(const std::vector<std::string>& paths, SourceFiles& files, Diagnostics& diags) {
    Program out;
    if (paths.empty()) return out;
    SpecReader reader(fs::path(paths.front()).parent_path(), files, out, diags);
    for (const std::string& path : paths) reader.read(path, SourceLoc{});
    return out;
}

}  // namespace ldfi::dedalus
