// `ldfi suite`: many checks with expected verdicts, for CI gates.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>

#include "batch_check.hpp"
#include "cli.hpp"
#include "ldfi/analysis/lint.hpp"
#include "ldfi/search/check.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/interrupt.hpp"
#include "ldfi/viz/check_output.hpp"
#include "ldfi/viz/junit.hpp"
#include "manifest.hpp"
#include "suite_shard.hpp"

namespace ldfi::cli {

namespace {

struct CaseOutcome : CheckSummary {
    std::vector<std::string> gate;      ///< lints not allowed by the manifest: the check may pass by mistake
    std::vector<std::string> warnings;  ///< the other lints (hints, allowed ones), for the JUnit output
    bool as_expected = false;
};

struct SuiteOptions {
    std::string manifest;
    unsigned jobs = 1;
    double timeout = 120;
    bool no_timing = false;
    std::optional<std::uint64_t> max_memory_mb;
    std::string junit_file;
    std::string shard;         ///< "K/N", or empty: the whole manifest
    std::string record_costs;  ///< write the manifest with the measured costs there
};

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// "3/62 checks done, 2 running, 4.1 s" on a terminal's stderr; off a terminal (a CI log), one
// line per finished check instead. Shared by the worker threads.
struct SuiteProgress {
    SuiteProgress(std::size_t total, bool timing) : timing(timing), total(total) {}
    // Check `index` ended: its line is printed once every check before it in the manifest has
    // printed its own, so the log reads in manifest order whatever --jobs is.
    void finished(std::size_t index, const SuiteCase& c, const CaseOutcome& o) {
        change(0, 1);
        if (quiet() || bar.on_terminal()) return;
        std::lock_guard lock(mutex);
        if (lines.size() < total) lines.resize(total);
        lines[index] =
            "ldfi suite: [" + std::to_string(index + 1) + "/" + std::to_string(total) + "] " + c.name + ": " +
            o.got +
            (o.as_expected
                 ? " as expected"
                 : ", NOT AS EXPECTED (" + (o.detail.empty() ? "expected " + c.expected : o.detail) + ")") +
            (timing ? " in " + std::to_string(static_cast<long long>(o.seconds * 1000)) + " ms" : "");
        for (; printed < total && lines[printed]; ++printed) std::cerr << *lines[printed] << std::endl;
    }
    void change(int started, int finished) { bar.change(started, finished); }
    bool timing;
    std::size_t total;
    BatchProgress bar{"ldfi suite", total};
    std::mutex mutex;
    std::vector<std::optional<std::string>> lines;  ///< finished checks' lines, by manifest index
    std::size_t printed = 0;
};

std::string join(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
    return out;
}

// The gate: the lints that would let this check pass by mistake fail it, unless its "allow" names
// them; the others are kept as warnings.
void sort_lints(const SuiteCase& c, const analysis::CheckedProgram& program, const sim::FaultModel& model,
                const search::CheckResult& r, const SourceFiles& files, CaseOutcome& out) {
    const search::CheckOptions options;
    viz::CheckContext ctx{program, model, c.files, options, false, analysis::lint(program, model.nodes()),
                          &files};
    for (const auto& lint : viz::check_lints(ctx, r)) {
        bool allowed = std::find(c.allow.begin(), c.allow.end(), lint.key()) != c.allow.end();
        (lint.gates() && !allowed ? out.gate : out.warnings).push_back(viz::lint_line(lint, &files));
    }
}

CaseOutcome run_case(const SuiteCase& c, double timeout, SuiteProgress& progress) {
    CaseOutcome out;
    static_cast<CheckSummary&>(out) = run_batch_check(
        {"suite: " + c.name, [&c] { return std::make_shared<const LoadedSpec>(load_spec(c.files)); },
         c.bounds, c.oracle, c.strategy, timeout, [&progress] { progress.change(0, 0); },
         [&](const LoadedSpec& spec, const sim::FaultModel& model, const search::CheckResult& r) {
             sort_lints(c, *spec.program, model, r, spec.files, out);
         }});
    out.as_expected = out.got == c.expected && (!c.max_executions || out.executions <= *c.max_executions) &&
                      out.gate.empty();
    if (!out.gate.empty()) {
        out.detail = "gate: " + join(out.gate, "; ");
    } else if (out.got == c.expected && !out.as_expected) {
        out.detail = "more executions than the bound " + std::to_string(*c.max_executions);
    }
    return out;
}

std::vector<CaseOutcome> run_cases(const std::vector<SuiteCase>& cases, const SuiteOptions& opts) {
    std::vector<CaseOutcome> outcomes(cases.size());
    SuiteProgress progress(cases.size(), !opts.no_timing);
    run_parallel(cases.size(), opts.jobs, [&](std::size_t i) {
        progress.change(1, 0);
        if (interrupt_signal() != 0) {
            static_cast<CheckSummary&>(outcomes[i]) = not_run(interrupt_reason());
        } else {
            outcomes[i] = run_case(cases[i], opts.timeout, progress);
        }
        progress.finished(i, cases[i], outcomes[i]);
    });
    return outcomes;
}

std::string table(const std::vector<SuiteCase>& cases, const std::vector<CaseOutcome>& outcomes,
                  bool timing) {
    std::size_t width = 4;
    for (const auto& c : cases) width = std::max(width, c.name.size());
    char line[512];
    std::snprintf(line, sizeof line, "%-*s  %-14s  %-14s  %-10s  %10s%s\n", static_cast<int>(width), "name",
                  "expected", "got", "engine", "executions", timing ? "  time" : "");
    std::string out = line;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const CaseOutcome& o = outcomes[i];
        std::string time =
            timing ? "  " + std::to_string(static_cast<long long>(o.seconds * 1000)) + " ms" : "";
        std::snprintf(line, sizeof line, "%-*s  %-14s  %-14s  %-10s  %10zu%s", static_cast<int>(width),
                      cases[i].name.c_str(), cases[i].expected.c_str(), o.got.c_str(), o.engine.c_str(),
                      o.executions, time.c_str());
        out += line;
        if (!o.as_expected) out += "  NOT AS EXPECTED";
        if (!o.detail.empty()) out += "  (" + o.detail + ")";
        out += "\n";
    }
    return out;
}

// A case as a JUnit test case: a verdict other than the expected one (or too many executions)
// is a <failure>, no verdict (unknown, or an error such as a bad spec) an <error>.
viz::JunitCase junit_case(const SuiteCase& c, const CaseOutcome& o, const std::string& classname) {
    viz::JunitCase j;
    j.name = c.name;
    j.classname = classname;
    j.seconds = o.seconds;
    std::string got = o.got + " after " + std::to_string(o.executions) +
                      (o.executions == 1 ? " execution" : " executions") +
                      (o.engine == "-" ? "" : " (engine " + o.engine + ")");
    std::string details = o.counterexample.empty() ? "" : o.counterexample + "\n";
    std::string warnings;
    for (const auto& w : o.warnings) warnings += "warning: " + w + "\n";
    if (o.as_expected) {
        j.output = "expected " + c.expected + ", got " + got + "\n" + warnings + details;
    } else if (!o.gate.empty()) {
        j.status = viz::JunitStatus::ERROR;
        j.type = "gate";
        j.message = "got " + got +
                    ", but the check may pass by mistake (allow a warning by its [key] in the "
                    "manifest's \"allow\"): " +
                    join(o.gate, "; ");
        j.details = join(o.gate, "\n") + "\n" + details;
    } else if (o.got == "error" || o.got == "unknown") {
        j.status = viz::JunitStatus::ERROR;
        j.type = o.got;
        j.message = o.got == "error" ? o.detail : "expected " + c.expected + ", got " + got + ": " + o.detail;
        j.details = o.error_details;
    } else if (o.got == c.expected) {
        j.status = viz::JunitStatus::FAILURE;
        j.type = "max-executions";
        j.message = o.detail + " (" + got + ")" + (o.counterexample.empty() ? "" : "; " + o.counterexample);
        j.details = details;
    } else {
        j.status = viz::JunitStatus::FAILURE;
        j.type = o.got;
        j.message = "expected " + c.expected + ", got " + (o.counterexample.empty() ? got : o.counterexample);
        j.details = details;
    }
    return j;
}

std::string suite_classname(const SuiteOptions& opts) {
    return "ldfi.suite." + std::filesystem::path(opts.manifest).stem().string();
}

std::string junit(const SuiteOptions& opts, const SuitePart& part, const std::vector<CaseOutcome>& outcomes,
                  double seconds) {
    viz::JunitSuite suite{part_name(part, opts.manifest), seconds, {}, part_properties(part, opts.manifest)};
    std::string classname = suite_classname(opts);
    for (std::size_t i = 0; i < part.cases.size(); ++i) {
        suite.cases.push_back(junit_case(part.cases[i], outcomes[i], classname));
    }
    return viz::junit_xml(suite, !opts.no_timing);
}

int suite_command(const SuiteOptions& opts) {
    if (opts.jobs == 0) throw InputError("--jobs must be at least 1");
    check_output_path(opts.junit_file, false, "--junit");
    check_output_path(opts.record_costs, false, "--record-costs");
    check_timeout(opts.timeout);
    apply_memory_limit(opts.max_memory_mb);
    const SuitePart part = suite_part(read_manifest(opts.manifest), opts.shard);
    auto start = std::chrono::steady_clock::now();
    std::vector<CaseOutcome> outcomes = run_cases(part.cases, opts);
    std::cout << table(part.cases, outcomes, !opts.no_timing);
    std::size_t failed =
        std::count_if(outcomes.begin(), outcomes.end(), [](const auto& o) { return !o.as_expected; });
    std::cout << "\n" << part_summary(part, failed);
    if (!opts.junit_file.empty()) {
        write_file(opts.junit_file, junit(opts, part, outcomes, seconds_since(start)));
    }
    if (!opts.record_costs.empty()) {
        std::vector<double> seconds;
        for (const auto& o : outcomes) seconds.push_back(o.seconds);
        record_costs(opts.manifest, opts.record_costs, part, seconds);
    }
    return failed == 0 ? EXIT_OK : EXIT_VIOLATION;
}

}  // namespace

void add_suite_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<SuiteOptions>();
    CLI::App* cmd =
        app.add_subcommand("suite", "run every check of a manifest and compare with the expected verdicts");
    cmd->add_option("manifest", opts->manifest, "manifest JSON (see protocols/manifest.json)")->required();
    cmd->add_option("-j,--jobs", opts->jobs, "checks run in parallel")->capture_default_str();
    cmd->add_option("--timeout", opts->timeout, "seconds per check before its verdict is unknown")
        ->capture_default_str();
    cmd->add_flag("--no-timing", opts->no_timing, "leave the time column out (for byte-identical output)");
    add_memory_option(*cmd, opts->max_memory_mb);
    cmd->add_option("--junit", opts->junit_file, "also write the results as JUnit XML into FILE");
    add_shard_option(*cmd, opts->shard, "the manifest's checks, balanced by their \"cost\"");
    cmd->add_option("--record-costs", opts->record_costs,
                    "write the manifest into FILE with each check's \"cost\" set to the seconds it took "
                    "(for --shard)");
    cmd->callback([opts, &exit_code] {
        // A shard that cannot run names its error case after itself: the shards' files stay distinct.
        const std::string name =
            opts->shard.empty() ? opts->manifest : opts->manifest + " (shard " + opts->shard + ")";
        exit_code = with_junit_on_error(opts->junit_file, {name, suite_classname(*opts), name},
                                        [&] { return suite_command(*opts); });
    });
}

}  // namespace ldfi::cli
