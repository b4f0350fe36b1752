// Lineage-driven fault injection (SIGMOD 2015, section 4): learn lineage, ask the solver for
// minimal fault sets that cut a good outcome, run them, repeat.
#include <algorithm>
#include <chrono>

#include "ldfi/solver/hypothesis_generator.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/log.hpp"
#include "lineage_encoder.hpp"
#include "search_context.hpp"

namespace ldfi::search {

namespace {

// What is left of --timeout for the solver (0: no limit).
double solver_budget(const SearchContext& ctx) {
    const double total = ctx.options().timeout_seconds;
    return total > 0 ? std::max(total - ctx.elapsed(), 1e-3) : 0;
}

class LdfiSearch {
public:
    explicit LdfiSearch(SearchContext& ctx)
        : m_ctx(ctx),
          m_formula(std::make_shared<solver::Formula>()),
          m_encoder(ctx.fault_space(), m_formula),
          m_generator(
              ctx.shared_fault_space(), m_formula,
              solver::GeneratorOptions{solver::Backend::AUTO, ctx.options().dump_smt_dir, solver_budget(ctx),
                                       ctx.options().direct_budget.value_or(solver::DEFAULT_DIRECT_BUDGET)}) {
    }

    CheckResult run() {
        const sim::Run& fault_free = m_ctx.run_fault_free();
        // A violation without faults is the only minimal counterexample there is.
        if (!m_ctx.result().counterexamples.empty()) return m_ctx.finish(true);
        m_ctx.result().goals = good_outcomes(m_ctx.program(), fault_free, m_ctx.options().oracle);
        for (solver::FormulaId derived : learn(fault_free)) {
            // A goal counts as kept when it is derived, or when its `pre` is known to be gone.
            solver::FormulaId kept = m_formula->open_disj();
            m_formula->extend(kept, derived);
            m_generator.add_goal(kept);
            m_goal_kept.push_back(kept);
        }
        prefer_keeping_pre(fault_free);
        m_generator.exclude(sim::FailureSpec{});
        for (;;) {
            ++m_ctx.result().rounds;
            log::info([&] {
                return "lineage loop: round " + std::to_string(m_ctx.result().rounds) + " after " +
                       std::to_string(m_ctx.result().runs.size()) + " executions, " +
                       std::to_string(m_ctx.result().solver_calls) + " solver calls";
            });
            m_generator.next_round();
            bool any = false;
            for (;;) {
                if (m_ctx.budget_exhausted()) return m_ctx.finish(false);
                std::optional<sim::FailureSpec> hypothesis;
                try {
                    hypothesis = next_hypothesis();
                } catch (const ResourceError& e) {  // a solver query ran into --timeout
                    if (!m_ctx.budget_exhausted()) m_ctx.result().unknown_reason = e.what();
                    return m_ctx.finish(false);
                }
                if (!hypothesis) break;
                any = true;
                m_ctx.run_and_record(
                    {std::move(*hypothesis)}, m_ctx.result().rounds,
                    [this](const auto& faults, const auto& run, bool bad) { on_run(faults, run, bad); });
                if (m_ctx.should_stop()) return m_ctx.finish(true);
            }
            if (m_ctx.stopping()) {
                m_ctx.budget_exhausted();
                return m_ctx.finish(false);
            }
            if (!any) {  // no hypothesis left: certified, for the goals of the fault-free run
                note_untargeted_pre(m_ctx);
                return m_ctx.finish(true);
            }
        }
    }

private:
    std::vector<solver::FormulaId> learn(const sim::Run& run) {
        auto start = std::chrono::steady_clock::now();
        auto graph = std::make_shared<const lineage::LineageGraph>(
            lineage::LineageGraph::build(m_ctx.program(), run, m_ctx.result().goals));
        std::vector<solver::FormulaId> goals = m_encoder.add(*graph);
        if (!m_ctx.result().runs.empty() && m_ctx.result().runs.back().lineage == nullptr) {
            m_ctx.result().runs.back().lineage = graph;
        }
        m_ctx.result().times.lineage += seconds_since(start);
        return goals;
    }

    // A counterexample keeps a goal's `pre` and loses its `post`: the generator tries, among
    // fault sets of one size, those that keep more of the fault-free run's `pre` lineage first.
    void prefer_keeping_pre(const sim::Run& fault_free) {
        auto start = std::chrono::steady_clock::now();
        const analysis::CheckedProgram& program = m_ctx.program();
        const std::int32_t eot = fault_free.db.eot();
        std::vector<sim::ValueTuple> pres = sim::tuples_at(fault_free, program.pre, eot);
        std::vector<lineage::TupleKey> keys;
        for (const lineage::TupleKey& goal : m_ctx.result().goals) {
            if (sim::contains(pres, goal.values)) keys.push_back({program.pre, goal.values, eot});
        }
        if (keys.empty()) return;
        for (solver::FormulaId pre : m_encoder.add(lineage::LineageGraph::build(program, fault_free, keys))) {
            m_generator.prefer_keeping(pre);
        }
        m_ctx.result().times.lineage += seconds_since(start);
    }

    // The next minimal hypothesis of this round. One at a time, as in the paper's loop: every
    // run's lineage is learned before the next hypothesis is chosen, so it prunes the rest of the
    // round at once. (Taking hypotheses 16 at a time, to simulate them in parallel, cost
    // executions: Kafka 6/4/1 756 instead of 631, and never saved any; docs/performance.md.)
    std::optional<sim::FailureSpec> next_hypothesis() {
        auto start = std::chrono::steady_clock::now();
        std::optional<sim::FailureSpec> h = m_generator.next();
        const auto& stats = m_generator.stats();
        m_ctx.result().solver_calls = stats.solver_calls;
        m_ctx.result().evaluations = stats.evaluations;
        m_ctx.result().hypotheses = stats.hypotheses;
        m_ctx.result().times.solve += seconds_since(start);
        return h;
    }

    void on_run(const sim::FailureSpec& faults, const sim::Run& run, bool violated) {
        log::debug([&] {
            return "hypothesis " +
                   (faults.empty() ? std::string("no faults") : m_ctx.model().format(faults)) +
                   (violated ? ": violates the invariant" : ": the invariant holds");
        });
        if (violated) {
            m_generator.forbid_supersets(faults);  // with --all: only minimal counterexamples
            return;
        }
        learn(run);
        learn_lost_pre(faults, run);
        m_generator.exclude(faults);
    }

    // A goal whose `pre` tuple is gone under `faults` stays gone under any superset of them,
    // unless the extra faults make it reappear: why-not lineage says which tuples of this run
    // would have to be lost for that. Such fault sets keep the goal (it cannot be violated),
    // so the solver stops proposing them for it.
    void learn_lost_pre(const sim::FailureSpec& faults, const sim::Run& run) {
        if (faults.empty()) return;
        const analysis::CheckedProgram& program = m_ctx.program();
        std::int32_t eot = run.db.eot();
        std::vector<sim::ValueTuple> pres = sim::tuples_at(run, program.pre, eot);
        std::vector<sim::ValueTuple> posts = sim::tuples_at(run, program.post, eot);
        const auto& goals = m_ctx.result().goals;
        for (std::size_t i = 0; i < goals.size() && i < m_goal_kept.size(); ++i) {
            if (sim::contains(posts, goals[i].values) || sim::contains(pres, goals[i].values)) continue;
            std::vector<std::optional<Value>> pattern(goals[i].values.begin(), goals[i].values.end());
            std::vector<lineage::TupleKey> support;
            std::vector<std::vector<lineage::TupleKey>> all_of;
            std::vector<std::vector<std::optional<Value>>> crashes;
            auto kind = lineage::why_not(program, run, program.pre, pattern, eot, support, all_of, crashes);
            if (kind == lineage::NegativeSupport::ANY_FAULT) continue;
            solver::FormulaId kept = fault_conjunction(faults);
            if (!support.empty() || !all_of.empty()) {
                kept = m_formula->conj({kept, m_formula->negate(support_lost(run, support, all_of))});
            }
            // Only a crash not in `faults` adds a `crash` tuple.
            for (const auto& crash : crashes) {
                kept = m_formula->conj(
                    {kept, m_formula->negate(m_encoder.matching_crash(crash, faults.crashes))});
            }
            m_formula->extend(m_goal_kept[i], kept);
        }
    }

    // "Enough of the support is lost to bring the atom back": one tuple of `support`, or every
    // tuple of one group of `all_of`. The tuples' lineage in `run` is learned first.
    solver::FormulaId support_lost(const sim::Run& run, const std::vector<lineage::TupleKey>& support,
                                   const std::vector<std::vector<lineage::TupleKey>>& all_of) {
        std::vector<lineage::TupleKey> keys = support;
        for (const auto& group : all_of) keys.insert(keys.end(), group.begin(), group.end());
        auto graph = lineage::LineageGraph::build(m_ctx.program(), run, keys);
        m_encoder.add(graph);
        // Every key holds in `run`, so goals()[i] is keys[i]. Were one missing, "any tuple lost"
        // is the sound fallback: it only makes the pre look restorable more often.
        if (graph.goals().size() != keys.size()) return m_encoder.any_goal_lost(graph);
        std::vector<solver::FormulaId> lost;
        std::size_t next = 0;
        for (; next < support.size(); ++next) lost.push_back(m_encoder.cut(graph, graph.goals()[next]));
        for (const auto& group : all_of) {
            std::vector<solver::FormulaId> all;
            for (std::size_t i = 0; i < group.size(); ++i) {
                all.push_back(m_encoder.cut(graph, graph.goals()[next++]));
            }
            lost.push_back(m_formula->conj(std::move(all)));
        }
        return m_formula->disj(std::move(lost));
    }

    solver::FormulaId fault_conjunction(const sim::FailureSpec& faults) {
        std::vector<solver::FormulaId> leaves;
        for (const sim::Omission& o : faults.omissions) leaves.push_back(m_formula->omit(o));
        for (const sim::Crash& c : faults.crashes) leaves.push_back(m_formula->crash(c));
        return m_formula->conj(std::move(leaves));
    }

    SearchContext& m_ctx;
    std::shared_ptr<solver::Formula> m_formula;
    LineageEncoder m_encoder;
    solver::HypothesisGenerator m_generator;
    std::vector<solver::FormulaId> m_goal_kept;  ///< per goal: derived, or its pre known lost
};

}  // namespace

CheckResult run_ldfi(SearchContext& ctx) { return LdfiSearch(ctx).run(); }

}  // namespace ldfi::search
