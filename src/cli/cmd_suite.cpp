// `ldfi suite`: many checks with expected verdicts, for CI gates.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli.hpp"
#include "ldfi/search/check.hpp"
#include "ldfi/util/error.hpp"

namespace ldfi::cli {

namespace {

struct SuiteCase {
    std::string name;
    std::vector<std::string> files;  ///< resolved against the manifest's directory
    BoundsOptions bounds;
    sim::OracleKind oracle = sim::OracleKind::IMPLIES;
    std::string expected;
    std::optional<std::uint64_t> max_executions;
};

struct CaseOutcome {
    std::string got;  ///< certified / counterexample / unknown / error
    std::size_t executions = 0;
    double seconds = 0;
    std::string detail;  ///< the counterexample, the reason, or the error
    bool as_expected = false;
};

struct SuiteOptions {
    std::string manifest;
    unsigned jobs = 1;
    double timeout = 120;
    bool no_timing = false;
};

template <typename T>
T field(const nlohmann::json& j, const char* key, const std::string& where) {
    if (!j.contains(key)) throw InputError(where + ": missing field \"" + key + "\"");
    try {
        return j.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw InputError(where + ": field \"" + key + "\" has the wrong type");
    }
}

SuiteCase parse_case(const nlohmann::json& j, const std::filesystem::path& dir, std::size_t index) {
    std::string where = "check " + std::to_string(index + 1);
    if (!j.is_object()) throw InputError(where + ": not an object");
    SuiteCase c;
    c.name = field<std::string>(j, "name", where);
    where += " (" + c.name + ")";
    for (const auto& f : field<std::vector<std::string>>(j, "files", where)) c.files.push_back((dir / f).string());
    if (c.files.empty()) throw InputError(where + ": \"files\" is empty");
    c.bounds.nodes = field<std::vector<std::string>>(j, "nodes", where);
    c.bounds.eot = field<int>(j, "eot", where);
    c.bounds.eff = field<int>(j, "eff", where);
    c.bounds.crashes = j.contains("crashes") ? field<int>(j, "crashes", where) : 0;
    std::string oracle = j.contains("oracle") ? field<std::string>(j, "oracle", where) : "implies";
    if (oracle != "implies" && oracle != "molly") throw InputError(where + ": unknown oracle \"" + oracle + "\"");
    c.oracle = oracle == "molly" ? sim::OracleKind::MOLLY : sim::OracleKind::IMPLIES;
    c.expected = field<std::string>(j, "expected", where);
    if (c.expected != "certified" && c.expected != "counterexample") {
        throw InputError(where + ": \"expected\" must be \"certified\" or \"counterexample\"");
    }
    if (j.contains("max_executions")) c.max_executions = field<std::uint64_t>(j, "max_executions", where);
    try {
        (void)c.bounds.model(c.bounds.eot);  // absurd bounds make the manifest malformed
    } catch (const InputError& e) {
        throw InputError(where + ": " + e.what());
    }
    return c;
}

std::vector<SuiteCase> read_manifest(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError("cannot read manifest " + path);
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        throw InputError(path + ": not valid JSON: " + e.what());
    }
    if (!doc.is_object() || !doc.contains("checks") || !doc["checks"].is_array()) {
        throw InputError(path + ": expected an object with a \"checks\" array");
    }
    std::filesystem::path dir = std::filesystem::path(path).parent_path();
    std::vector<SuiteCase> cases;
    for (std::size_t i = 0; i < doc["checks"].size(); ++i) cases.push_back(parse_case(doc["checks"][i], dir, i));
    return cases;
}

CaseOutcome run_case(const SuiteCase& c, double timeout) {
    auto start = std::chrono::steady_clock::now();
    CaseOutcome out;
    try {
        LoadedSpec spec = load_spec(c.files);
        sim::FaultModel model = c.bounds.model(c.bounds.eot);
        search::CheckOptions options;
        options.oracle = c.oracle;
        options.timeout_seconds = timeout;
        search::CheckResult r = search::check(spec.program, model, options);
        out.got = search::to_string(r.outcome);
        out.executions = r.runs.size();
        if (!r.counterexamples.empty()) out.detail = model.format(r.counterexamples.front().faults);
        if (r.outcome == search::Outcome::UNKNOWN) out.detail = r.unknown_reason;
    } catch (const Error& e) {
        out.got = "error";
        out.detail = e.what();
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out.as_expected = out.got == c.expected && (!c.max_executions || out.executions <= *c.max_executions);
    if (out.got == c.expected && !out.as_expected) {
        out.detail = "more executions than the bound " + std::to_string(*c.max_executions);
    }
    return out;
}

std::vector<CaseOutcome> run_cases(const std::vector<SuiteCase>& cases, unsigned jobs, double timeout) {
    std::vector<CaseOutcome> outcomes(cases.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < cases.size(); i = next++) outcomes[i] = run_case(cases[i], timeout);
    };
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < std::min<std::size_t>(jobs, cases.size()); ++i) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    return outcomes;
}

std::string table(const std::vector<SuiteCase>& cases, const std::vector<CaseOutcome>& outcomes, bool timing) {
    std::size_t width = 4;
    for (const auto& c : cases) width = std::max(width, c.name.size());
    char line[512];
    std::snprintf(line, sizeof line, "%-*s  %-14s  %-14s  %10s%s\n", static_cast<int>(width), "name", "expected",
                  "got", "executions", timing ? "  time" : "");
    std::string out = line;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const CaseOutcome& o = outcomes[i];
        std::string time = timing ? "  " + std::to_string(static_cast<long long>(o.seconds * 1000)) + " ms" : "";
        std::snprintf(line, sizeof line, "%-*s  %-14s  %-14s  %10zu%s", static_cast<int>(width), cases[i].name.c_str(),
                      cases[i].expected.c_str(), o.got.c_str(), o.executions, time.c_str());
        out += line;
        if (!o.as_expected) out += "  NOT AS EXPECTED";
        if (!o.detail.empty()) out += "  (" + o.detail + ")";
        out += "\n";
    }
    return out;
}

int suite_command(const SuiteOptions& opts) {
    if (opts.jobs == 0) throw InputError("--jobs must be at least 1");
    std::vector<SuiteCase> cases = read_manifest(opts.manifest);
    std::vector<CaseOutcome> outcomes = run_cases(cases, opts.jobs, opts.timeout);
    std::cout << table(cases, outcomes, !opts.no_timing);
    std::size_t failed = std::count_if(outcomes.begin(), outcomes.end(), [](const auto& o) { return !o.as_expected; });
    std::cout << "\nsuite: " << cases.size() - failed << " passed, " << failed << " failed\n";
    return failed == 0 ? EXIT_OK : EXIT_VIOLATION;
}

}  // namespace

void add_suite_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<SuiteOptions>();
    CLI::App* cmd = app.add_subcommand("suite", "run every check of a manifest and compare with the expected verdicts");
    cmd->add_option("manifest", opts->manifest, "manifest JSON (see protocols/manifest.json)")->required();
    cmd->add_option("-j,--jobs", opts->jobs, "checks run in parallel")->capture_default_str();
    cmd->add_option("--timeout", opts->timeout, "seconds per check before its verdict is unknown")->capture_default_str();
    cmd->add_flag("--no-timing", opts->no_timing, "leave the time column out (for byte-identical output)");
    cmd->callback([opts, &exit_code] { exit_code = suite_command(*opts); });
}

}  // namespace ldfi::cli
