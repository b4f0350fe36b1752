// The shared search state: recording runs, confirming counterexamples, budgets.
#include "search_context.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include "executor.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/interrupt.hpp"
#include "ldfi/util/log.hpp"
#include "ldfi/util/memory.hpp"

namespace ldfi::search {

SearchContext::SearchContext(std::shared_ptr<const analysis::CheckedProgram> program,
                             const sim::FaultModel& model, const CheckOptions& options, bool provenance)
    : m_program(program),
      m_model(model),
      m_space(std::make_shared<const sim::FaultSpace>(model)),
      m_options(options),
      m_simulator(
          program, model,
          sim::RunOptions{
              .provenance = provenance, .max_tuples = options.max_tuples, .max_probes = options.max_work}),
      m_start(std::chrono::steady_clock::now()) {
    if (!m_program->pre.valid() || !m_program->post.valid()) {
        throw InputError("the spec defines no invariant: `ldfi check` needs both `pre` and `post` relations");
    }
}

sim::Verdict SearchContext::judge(const sim::Run& run) const {
    return sim::judge(*m_program, run, m_options.oracle, m_fault_free.get());
}

bool SearchContext::record(const sim::FailureSpec& faults, std::shared_ptr<const sim::Run> run,
                           std::uint32_t round) {
    sim::Verdict verdict = judge(*run);
    if (verdict.pre_count > 0) m_saw_pre = true;
    bool violated = verdict.violated;
    if (violated) {
        // Never report a counterexample that a fresh run does not reproduce.
        sim::Verdict again = judge(m_simulator.run(faults));
        if (!again.violated || again.missing != verdict.missing) {
            throw InternalError("a counterexample did not reproduce when re-run: " + m_model.format(faults));
        }
        m_result.counterexamples.push_back({faults, again, m_result.runs.size()});
    }
    bool keep = violated || m_options.keep_runs || round == 0;
    m_result.runs.push_back({faults, std::move(verdict), round, keep ? std::move(run) : nullptr, nullptr});
    return violated;
}

const sim::Run& SearchContext::run_fault_free() {
    if (m_fault_free) return *m_fault_free;
    auto start = std::chrono::steady_clock::now();
    // The molly oracle compares every run with this one, so it is kept before it is judged.
    m_fault_free = std::make_shared<const sim::Run>(m_simulator.run(sim::FailureSpec{}));
    m_result.times.simulate += seconds_since(start);
    m_result.unknown_nodes = m_fault_free->unknown_nodes;
    record(sim::FailureSpec{}, m_fault_free, 0);
    report_progress(0, 0);
    return *m_fault_free;
}

std::size_t SearchContext::run_and_record(const std::vector<sim::FailureSpec>& batch, std::uint32_t round,
                                          const Learner& learn) {
    // Chunks keep --timeout honoured within a large round without changing what is recorded.
    const std::size_t chunk = std::max<std::size_t>(1, m_options.jobs) * 8;
    std::size_t recorded = 0;
    for (std::size_t begin = 0; begin < batch.size() && !should_stop(); begin += chunk) {
        if (begin > 0 && stopping()) break;
        std::vector<sim::FailureSpec> part(
            batch.begin() + static_cast<std::ptrdiff_t>(begin),
            batch.begin() + static_cast<std::ptrdiff_t>(std::min(batch.size(), begin + chunk)));
        auto start = std::chrono::steady_clock::now();
        std::vector<sim::Run> runs = run_batch(m_simulator, part, m_options.jobs);
        m_result.times.simulate += seconds_since(start);
        for (std::size_t i = 0; i < part.size() && !should_stop(); ++i) {
            auto run = std::make_shared<const sim::Run>(std::move(runs[i]));
            bool violated = record(part[i], run, round);
            if (learn) learn(part[i], *run, violated);
            ++recorded;
            report_progress(batch.size() - begin - i - 1, round);
        }
    }
    return recorded;
}

void SearchContext::report_progress(std::size_t pending, std::uint32_t round) const {
    if (!m_options.on_progress) return;
    m_options.on_progress(Progress{m_result.runs.size(), pending, round, elapsed()});
}

bool SearchContext::stopping() const {
    return interrupt_signal() != 0 ||
           (m_options.timeout_seconds > 0 && elapsed() >= m_options.timeout_seconds);
}

std::size_t SearchContext::runs_left() const {
    std::uint64_t limit = m_options.max_runs;
    if (limit == 0) return std::numeric_limits<std::size_t>::max();
    return m_result.runs.size() >= limit ? 0 : static_cast<std::size_t>(limit - m_result.runs.size());
}

bool SearchContext::budget_exhausted() {
    if (m_options.max_runs > 0 && m_result.runs.size() >= m_options.max_runs) {
        m_result.unknown_reason = "max-runs " + std::to_string(m_options.max_runs) + " reached";
        return true;
    }
    if (interrupt_signal() != 0) {
        m_result.unknown_reason = interrupt_reason();
        return true;
    }
    if (stopping()) {
        m_result.unknown_reason = "timeout " + format_seconds(m_options.timeout_seconds) + "s reached";
        return true;
    }
    return false;
}

bool SearchContext::should_stop() const { return !m_options.all && !m_result.counterexamples.empty(); }

double SearchContext::elapsed() const { return seconds_since(m_start); }

// The good outcomes: `post` tuples at EOT of the fault-free run; with the implies oracle only
// those whose `pre` holds too (a post without its pre cannot be part of a violation).
std::vector<lineage::TupleKey> good_outcomes(const analysis::CheckedProgram& program, const sim::Run& run,
                                             sim::OracleKind oracle) {
    std::int32_t eot = run.db.eot();
    std::vector<sim::ValueTuple> posts = sim::tuples_at(run, program.post, eot);
    std::vector<sim::ValueTuple> pres = sim::tuples_at(run, program.pre, eot);
    std::vector<lineage::TupleKey> goals;
    for (auto& p : posts) {
        bool has_pre = sim::contains(pres, p);
        if (oracle == sim::OracleKind::MOLLY || has_pre) goals.push_back({program.post, std::move(p), eot});
    }
    return goals;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

CheckResult SearchContext::finish(bool exhausted_search) {
    // Smallest first across rounds too (a later round may find a smaller one); ties keep order.
    std::stable_sort(
        m_result.counterexamples.begin(), m_result.counterexamples.end(),
        [](const Counterexample& a, const Counterexample& b) { return a.faults.size() < b.faults.size(); });
    if (!m_result.counterexamples.empty()) {
        m_result.outcome = Outcome::COUNTEREXAMPLE;
    } else {
        m_result.outcome = exhausted_search ? Outcome::CERTIFIED : Outcome::UNKNOWN;
    }
    if (m_result.outcome != Outcome::UNKNOWN) m_result.unknown_reason.clear();
    m_result.vacuous = !m_saw_pre && !m_result.runs.empty();  // no run: nothing to say
    m_result.times.total = elapsed();
    return std::move(m_result);
}

namespace {

/// SYMBOLIC and AUTO: ground first; AUTO falls back to the lineage loop when that fails.
CheckResult run_grounded(SearchContext& ctx) {
    // First, as every engine needs it: a program whose fault-free run is beyond the limits stops
    // here, before a grounding (which would only reach the same limit) is tried.
    ctx.run_fault_free();
    const auto start = std::chrono::steady_clock::now();
    sim::GroundingResult g = ground_for(ctx);
    ctx.result().times.ground = seconds_since(start);
    if (g.grounding) {
        log::info([&] {
            return "grounded in " + format_seconds(ctx.result().times.ground) +
                   " s: " + std::to_string(g.grounding->atoms.size()) + " atoms, " +
                   std::to_string(g.grounding->rule_instances()) +
                   " rule instances; the symbolic engine decides";
        });
        return run_symbolic(ctx, *g.grounding);
    }
    if (ctx.options().strategy == Strategy::SYMBOLIC) {
        if (g.too_large) throw ResourceError("--strategy symbolic: " + g.refusal);
        throw InputError("--strategy symbolic cannot encode this program: " + g.refusal);
    }
    ctx.result().engine = Strategy::LDFI;
    ctx.result().fallback_reason = g.refusal;
    log::info([&] { return "auto: the lineage loop decides: " + g.refusal; });
    return run_ldfi(ctx);
}

CheckResult run_strategy(SearchContext& ctx) {
    switch (ctx.options().strategy) {
        case Strategy::LDFI:
            return run_ldfi(ctx);
        case Strategy::RANDOM:
            return run_random(ctx);
        case Strategy::EXHAUSTIVE:
            return run_exhaustive(ctx);
        case Strategy::SYMBOLIC:
        case Strategy::AUTO:
            return run_grounded(ctx);
    }
    throw InternalError("unknown strategy");
}

}  // namespace

sim::GroundingResult ground_for(const SearchContext& ctx) {
    return sim::ground(ctx.program(), ctx.fault_space(),
                       sim::GroundingLimits{ctx.options().max_ground, ctx.options().max_tuples});
}

CheckResult check(std::shared_ptr<const analysis::CheckedProgram> program, const sim::FaultModel& model,
                  const CheckOptions& options) {
    const bool provenance = options.strategy != Strategy::RANDOM && options.strategy != Strategy::EXHAUSTIVE;
    SearchContext ctx(program, model, options, provenance);
    // After the context's clock starts (see CheckOptions::guard_deadline).
    std::optional<ScopedTimeLimit> deadline;
    if (options.guard_deadline) deadline.emplace(options.timeout_seconds);
    ctx.result().engine = options.strategy;
    ctx.result().fault_sets = ctx.fault_space().count_valid_sets();
    log::info([&] {
        const auto& b = model.bounds();
        return std::string("check: strategy ") + to_string(options.strategy) + ", " +
               std::to_string(model.nodes().size()) + " nodes, eot " + std::to_string(b.eot) + ", eff " +
               std::to_string(b.eff) + ", crashes " + std::to_string(b.max_crashes) + ": " +
               ctx.result().fault_sets + " fault sets within the bounds";
    });
    try {
        return run_strategy(ctx);
    } catch (const ResourceError&) {
        // The deadline reached inside a simulation (the resource guard's clock, armed by `ldfi
        // check --timeout`), or a signal: the verdict is unknown. Other limits stay errors.
        if (!ctx.stopping()) throw;
        ctx.budget_exhausted();
        return ctx.finish(false);
    }
}

const char* to_string(Strategy s) {
    switch (s) {
        case Strategy::LDFI:
            return "ldfi";
        case Strategy::RANDOM:
            return "random";
        case Strategy::EXHAUSTIVE:
            return "exhaustive";
        case Strategy::SYMBOLIC:
            return "symbolic";
        case Strategy::AUTO:
            return "auto";
    }
    return "ldfi";
}

std::optional<Strategy> parse_strategy(const std::string& name) {
    for (Strategy s :
         {Strategy::AUTO, Strategy::SYMBOLIC, Strategy::LDFI, Strategy::RANDOM, Strategy::EXHAUSTIVE}) {
        if (name == to_string(s)) return s;
    }
    return std::nullopt;
}

const char* to_string(Outcome o) {
    switch (o) {
        case Outcome::CERTIFIED:
            return "certified";
        case Outcome::COUNTEREXAMPLE:
            return "counterexample";
        case Outcome::UNKNOWN:
            return "unknown";
    }
    return "unknown";
}

}  // namespace ldfi::search
