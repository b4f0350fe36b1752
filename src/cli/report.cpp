// `ldfi check --report DIR`: the report files, written atomically, index.html last.
#include "report.hpp"

#include <filesystem>
#include <regex>

#include "ldfi/util/error.hpp"
#include "ldfi/viz/report.hpp"

namespace ldfi::cli {

namespace {

namespace fs = std::filesystem;

// index.html first: while it is missing the directory does not look like a finished report.
void remove_old_report(const fs::path& dir) {
    static const std::regex REPORT_FILE(
        R"((index\.html|runs\.json|counterexample-[0-9]+\.json)(\.tmp(-[A-Za-z0-9]{6})?)?)");
    std::error_code ec;
    fs::remove(dir / "index.html", ec);
    if (ec) throw InputError("cannot replace " + (dir / "index.html").string() + ": " + ec.message());
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (std::regex_match(entry.path().filename().string(), REPORT_FILE)) fs::remove(entry.path(), ec);
        if (ec) throw InputError("cannot replace " + entry.path().string() + ": " + ec.message());
    }
}

}  // namespace

void write_report(const std::string& dir, const LoadedSpec& spec, const viz::CheckContext& ctx,
                  const search::CheckResult& result) {
    fs::path root(dir);
    std::error_code ec;
    fs::create_directories(root, ec);
    if (ec || !fs::is_directory(root)) {
        throw InputError("--report " + dir + ": cannot create the directory" +
                         (ec ? ": " + ec.message() : ""));
    }
    remove_old_report(root);
    std::vector<std::string> paths, texts;
    for (std::uint32_t i = 0; i < spec.files.size(); ++i) {
        paths.push_back(spec.files.path(i));
        texts.push_back(spec.files.text(i));
    }
    viz::ReportContext report{ctx, result, viz::spec_digest(paths, texts),
                              viz::fault_free_lineage(ctx, result)};
    for (std::size_t n = 1; n <= result.counterexamples.size(); ++n) {
        write_file(root / ("counterexample-" + std::to_string(n) + ".json"),
                   viz::report_counterexample_json(report, n));
    }
    write_file(root / "runs.json", viz::report_runs_json(report));
    write_file(root / "index.html", viz::report_html(report));
}

}  // namespace ldfi::cli
