// Batch checks: search::check with a suite's or sweep's options, and the worker threads.
#include "batch_check.hpp"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "ldfi/util/error.hpp"
#include "ldfi/util/log.hpp"
#include "ldfi/viz/junit.hpp"

namespace ldfi::cli {

CheckSummary run_batch_check(const BatchCheck& check) {
    const auto start = std::chrono::steady_clock::now();
    log::info([&] { return check.name + " starts"; });
    CheckSummary out;
    try {
        std::shared_ptr<const LoadedSpec> spec = check.load();
        sim::FaultModel model = check.bounds.model(check.bounds.eot);
        search::CheckOptions options;
        options.oracle = check.oracle;
        options.strategy = check.strategy;
        options.timeout_seconds = check.timeout;
        if (check.on_progress)
            options.on_progress = [&check](const search::Progress&) { check.on_progress(); };
        search::CheckResult r = search::check(spec->program, model, options);
        if (check.inspect) check.inspect(*spec, model, r);
        out.got = search::to_string(r.outcome);
        out.engine = search::to_string(r.engine);
        out.executions = r.runs.size();
        if (!r.counterexamples.empty()) {
            out.detail = model.format(r.counterexamples.front().faults);
            out.counterexample = viz::counterexample_summary(model, r.counterexamples.front());
        }
        if (r.outcome == search::Outcome::UNKNOWN) out.detail = r.unknown_reason;
    } catch (const Error&) {
        const Failure f = current_failure();
        out.got = "error";
        out.detail = f.headline();
        out.error_details = f.details.empty() ? f.message : f.details;
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

CheckSummary not_run(const std::string& why) {
    CheckSummary out;
    out.got = "unknown";
    out.detail = "not run: " + why;
    return out;
}

void BatchProgress::change(int started, int finished) {
    std::lock_guard lock(m_mutex);
    m_running = m_running + static_cast<std::size_t>(started) - static_cast<std::size_t>(finished);
    m_done += static_cast<std::size_t>(finished);
    if (!m_line.due()) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    m_line.update(m_label + ": " + viz::suite_progress_text(m_done, m_total, m_running, elapsed));
}

void run_parallel(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& work) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < n; i = next++) work(i);
    };
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < std::min<std::size_t>(jobs, n); ++i) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
}

}  // namespace ldfi::cli
