// Loading specs, the bound options shared by the commands, and atomic file output.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "cli.hpp"
#include "ldfi/analysis/analyze.hpp"
#include "ldfi/dedalus/parser.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/version.hpp"
#include "ldfi/viz/junit.hpp"

namespace ldfi::cli {

namespace {

// Bounds beyond these are almost certainly typos; they would only burn time and memory.
constexpr int MAX_EOT = 1000;
constexpr std::size_t MAX_NODES = 256;

const char* severity_name(Severity s) {
    switch (s) {
        case Severity::ERROR:
            return "error";
        case Severity::WARNING:
            return "warning";
        case Severity::NOTE:
            return "note";
    }
    return "error";
}

std::vector<PlacedDiagnostic> place(const Diagnostics& diags, const SourceFiles& files) {
    std::vector<PlacedDiagnostic> out;
    for (const Diagnostic& d : diags.all()) {
        PlacedDiagnostic p{severity_name(d.severity), "", 0, 0, d.message};
        if (d.loc.known() && d.loc.file < files.size()) {
            p.file = files.path(d.loc.file);
            p.line = d.loc.line;
            p.column = d.loc.col;
        }
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace

LoadedSpec load_spec(const std::vector<std::string>& paths) {
    LoadedSpec spec;
    spec.paths = paths;
    Diagnostics diags;
    dedalus::Program ast = dedalus::parse_files(paths, spec.files, diags);
    if (!diags.has_errors()) {
        auto program = std::make_shared<analysis::CheckedProgram>(analysis::analyze(ast, diags));
        spec.program = std::move(program);
    }
    const std::string rendered = diags.render(spec.files);
    if (!quiet() || diags.has_errors()) std::cerr << for_stderr(rendered);
    if (diags.has_errors()) {
        std::size_t n = diags.error_count();
        throw SpecError(std::to_string(n) + (n == 1 ? " error" : " errors") + " in the spec; nothing was run",
                        rendered, place(diags, spec.files));
    }
    return spec;
}

// Split here, not by CLI11's delimiter: that drops empty names, so `--nodes a,,b` passed silently
// and `--nodes ,` left --nodes without a value; BoundsOptions::model() rejects every empty name.
std::vector<std::string> split_nodes(const std::string& text) {
    std::vector<std::string> nodes;
    std::size_t start = 0;
    for (std::size_t comma; (comma = text.find(',', start)) != std::string::npos; start = comma + 1) {
        nodes.push_back(text.substr(start, comma - start));
    }
    nodes.push_back(text.substr(start));
    return nodes;
}

void BoundsOptions::add_to(CLI::App& app, bool with_crash_bound) {
    app.add_option_function<std::string>(
           "-N,--nodes", [this](const std::string& text) { nodes = split_nodes(text); },
           "the nodes, comma-separated (e.g. a,b,c)")
        ->required();
    app.add_option("-t,--eot,--EOT", eot, "logical end of time: time runs 1..EOT")->required();
    app.add_option("-f,--eff,--EFF", eff, "end of finite failures: omissions only at send times < EFF");
    if (with_crash_bound) {
        app.add_option("-c,--crashes", crashes, "at most this many nodes crash")->capture_default_str();
    }
}

sim::FaultModel BoundsOptions::model(int default_eff) const {
    if (nodes.empty()) throw InputError("--nodes needs at least one node");
    if (nodes.size() > MAX_NODES)
        throw InputError("--nodes: at most " + std::to_string(MAX_NODES) + " nodes");
    std::set<std::string> seen;
    for (const std::string& n : nodes) {
        if (n.empty()) throw InputError("--nodes: empty node name");
        if (!seen.insert(n).second) throw InputError("--nodes: node '" + n + "' is listed twice");
    }
    if (eot < 1 || eot > MAX_EOT) {
        throw InputError("--eot " + std::to_string(eot) + " is out of range (1.." + std::to_string(MAX_EOT) +
                         ")");
    }
    int e = eff.value_or(default_eff);
    if (e < 0 || e > eot) {
        throw InputError("--eff " + std::to_string(e) + " is out of range (0..eot=" + std::to_string(eot) +
                         ")");
    }
    if (crashes < 0 || static_cast<std::size_t>(crashes) > nodes.size()) {
        throw InputError("--crashes " + std::to_string(crashes) + " is out of range (0.." +
                         std::to_string(nodes.size()) + ")");
    }
    return sim::FaultModel(nodes, sim::FaultBounds{eot, e, crashes});
}

std::string read_file_capped(const std::string& path, const std::string& what, std::size_t max_bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in.is_open()) throw InputError("cannot read " + what);
    // Chunks, not the file size: a pipe or a device like /dev/zero has none, and must still end.
    std::string content;
    char chunk[1 << 16];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        content.append(chunk, static_cast<std::size_t>(in.gcount()));
        if (content.size() > max_bytes) {
            throw InputError("cannot read " + what + ": it is larger than " +
                             std::to_string(max_bytes >> 20) + " MiB");
        }
    }
    if (in.bad()) throw InputError("cannot read " + what);
    return content;
}

namespace {

[[noreturn]] void cannot_write(const std::filesystem::path& path, int error) {
    throw InputError("cannot write " + path.string() + ": " + std::strerror(error));
}

void write_all(int fd, const std::string& text, const std::filesystem::path& path) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) cannot_write(path, n < 0 ? errno : EIO);
        done += static_cast<std::size_t>(n);
    }
}

/// Where a regular file at `path` lives: its real path through any symlinks, or for a path that
/// does not exist yet, where a dangling symlink points (the file is created there).
std::filesystem::path real_target(const std::filesystem::path& path, bool exists) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (exists) {
        fs::path real = fs::canonical(path, ec);
        return ec ? path : real;
    }
    fs::path target = path;
    for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(target, ec)); ++hops) {
        const fs::path next = fs::read_symlink(target, ec);
        if (ec) break;
        target = next.is_absolute() ? next : target.parent_path() / next;
    }
    return target;
}

/// A device or a FIFO (`/dev/stdout`, a pipe) is written in place: there is nothing to rename over.
void write_in_place(const std::filesystem::path& path, const std::string& text) {
    std::cout.flush();  // the path may be our own stdout (`--junit /dev/stdout`): keep the order
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) cannot_write(path, errno);
    try {
        write_all(fd, text, path);
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0) cannot_write(path, errno);
}

}  // namespace

namespace {

// Why `path` cannot be written to, from access(2): "" when it can.
std::string access_problem(const std::filesystem::path& path) {
    if (::access(path.c_str(), W_OK) == 0) return {};
    return std::strerror(errno);
}

std::filesystem::path parent_of(const std::filesystem::path& path) {
    std::filesystem::path parent = path.parent_path();
    return parent.empty() ? std::filesystem::path(".") : parent;
}

}  // namespace

void check_output_path(const std::string& path, bool directory, const char* option) {
    if (path.empty()) return;
    std::error_code ec;
    const std::filesystem::path p(path);
    const auto status = std::filesystem::status(p, ec);
    std::string problem;
    if (std::filesystem::exists(status)) {
        if (directory && !std::filesystem::is_directory(status))
            problem = "it exists and is not a directory";
        else if (!directory && std::filesystem::is_directory(status))
            problem = "it is a directory";
        else
            problem = access_problem(p);
    } else {
        const std::filesystem::path parent = parent_of(p);
        if (!std::filesystem::is_directory(parent, ec))
            problem = "its directory " + parent.string() + " does not exist";
        else if (std::string why = access_problem(parent); !why.empty())
            problem = "its directory " + parent.string() + ": " + why;
    }
    if (!problem.empty())
        throw InputError(std::string(option) + " " + path + ": cannot write there: " + problem);
}

// A regular file is written to a fresh temporary file beside it (mkstemp: no other file is ever
// touched, and two writers never share one) and renamed over it only when complete; through a
// symlink, the file it points to is replaced and the link stays.
void write_file(const std::filesystem::path& path, const std::string& text) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    const bool exists = !ec && fs::exists(status);
    if (exists && !fs::is_regular_file(status)) {
        if (fs::is_directory(status)) cannot_write(path, EISDIR);
        write_in_place(path, text);
        return;
    }
    const fs::path target = real_target(path, exists);
    std::string tmp = target.string() + ".tmp-XXXXXX";
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) cannot_write(path, errno);
    try {
        write_all(fd, text, path);
        const mode_t mask = ::umask(0);  // mkstemp makes 0600: give it what a new file gets
        ::umask(mask);
        ::fchmod(fd, 0666 & ~mask);
        if (::close(fd) != 0) cannot_write(path, errno);
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    fs::rename(tmp, target, ec);
    if (ec) {
        ::unlink(tmp.c_str());
        throw InputError("cannot write " + path.string() + ": " + ec.message());
    }
}

std::string Failure::headline() const {
    for (const PlacedDiagnostic& d : diagnostics) {
        if (d.severity != "error") continue;
        std::string where =
            d.file.empty() ? ""
                           : d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": ";
        return where + "error: " + d.message + (diagnostics.size() > 1 ? " (" + message + ")" : "");
    }
    return message;
}

Failure current_failure() {
    try {
        throw;
    } catch (const SpecError& e) {
        return {EXIT_BAD_INPUT, "input error", e.what(), e.details(), e.diagnostics()};
    } catch (const InputError& e) {
        return {EXIT_BAD_INPUT, "input error", e.what(), e.details()};
    } catch (const ResourceError& e) {
        return {EXIT_UNKNOWN, "resource limit", e.what(), ""};
    } catch (const std::bad_alloc&) {
        return {EXIT_UNKNOWN, "resource limit", "out of memory", ""};
    } catch (const std::exception& e) {
        return {EXIT_INTERNAL, "internal error", e.what(), ""};
    }
}

int with_junit_on_error(const std::string& junit_file, const JunitNames& names,
                        const std::function<int()>& command) {
    if (junit_file.empty()) return command();
    try {
        return command();
    } catch (...) {
        const Failure f = current_failure();
        viz::JunitCase c{names.test_case,
                         names.classname,
                         0,
                         viz::JunitStatus::ERROR,
                         f.kind,
                         f.headline(),
                         f.details.empty() ? f.message : f.details,
                         ""};
        try {
            write_file(junit_file, viz::junit_xml(viz::JunitSuite{names.suite, 0, {c}}, false));
        } catch (const Error&) {
            // The JUnit file itself cannot be written: the original error is what to report.
        }
        throw;
    }
}

int with_json_error(bool json, const std::function<int()>& command) {
    if (!json) return command();
    try {
        return command();
    } catch (...) {
        const Failure f = current_failure();
        nlohmann::ordered_json diagnostics = nlohmann::ordered_json::array();
        for (const PlacedDiagnostic& d : f.diagnostics) {
            diagnostics.push_back(
                {{"severity", d.severity},
                 {"file", d.file.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.file)},
                 {"line", d.line},
                 {"column", d.column},
                 {"message", d.message}});
        }
        nlohmann::ordered_json doc = {{"schema", 1},
                                      {"tool", "ldfi"},
                                      {"version", version()},
                                      {"error",
                                       {{"kind", f.kind},
                                        {"exit_code", f.exit_code},
                                        {"message", f.message},
                                        {"diagnostics", diagnostics}}}};
        std::cout << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        throw;
    }
}

}  // namespace ldfi::cli
