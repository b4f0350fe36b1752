// Lineage-driven fault injection (SIGMOD 2015, section 4): learn lineage, ask the solver for
// minimal fault sets that cut a good outcome, run them, repeat.
#include <chrono>

#include "ldfi/lineage/fault_sensitivity.hpp"
#include "ldfi/solver/hypothesis_generator.hpp"
#include "lineage_encoder.hpp"
#include "search_context.hpp"

namespace ldfi::search {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

bool tuple_less(const sim::ValueTuple& a, const sim::ValueTuple& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), value_less);
}

// The good outcomes: `post` tuples at EOT of the fault-free run; with the implies oracle only
// those whose `pre` holds too (a post without its pre cannot be part of a violation).
std::vector<lineage::TupleKey> good_outcomes(const analysis::CheckedProgram& program, const sim::Run& run,
                                             sim::OracleKind oracle) {
    std::int32_t eot = run.db.eot();
    std::vector<sim::ValueTuple> posts = sim::tuples_at(run, program.post, eot);
    std::vector<sim::ValueTuple> pres = sim::tuples_at(run, program.pre, eot);
    std::vector<lineage::TupleKey> goals;
    for (auto& p : posts) {
        bool has_pre = std::binary_search(pres.begin(), pres.end(), p, tuple_less);
        if (oracle == sim::OracleKind::MOLLY || has_pre) goals.push_back({program.post, std::move(p), eot});
    }
    return goals;
}

class LdfiSearch {
public:
    explicit LdfiSearch(SearchContext& ctx)
        : m_ctx(ctx),
          m_formula(std::make_shared<solver::Formula>()),
          m_encoder(ctx.program(), ctx.model(), m_formula),
          m_generator(ctx.model(), m_formula,
                      solver::GeneratorOptions{solver::Backend::Z3, ctx.options().dump_smt_dir,
                                               ctx.options().timeout_seconds}),
          m_pre_gainable(lineage::analyze_fault_sensitivity(ctx.program()).gainable[ctx.program().pre.index()]) {}

    CheckResult run() {
        const sim::Run& fault_free = m_ctx.run_fault_free();
        if (m_ctx.should_stop()) return m_ctx.finish(true);
        m_ctx.result().goals = good_outcomes(m_ctx.program(), fault_free, m_ctx.options().oracle);
        for (solver::FormulaId derived : learn(fault_free)) {
            // A goal counts as kept when it is derived, or when its `pre` is known to be gone.
            solver::FormulaId kept = m_formula->open_disj();
            m_formula->extend(kept, derived);
            m_generator.add_goal(kept);
            m_goal_kept.push_back(kept);
        }
        m_generator.exclude(sim::FailureSpec{});
        while (!m_ctx.should_stop()) {
            if (m_ctx.budget_exhausted()) return m_ctx.finish(false);
            std::vector<sim::FailureSpec> batch = next_round();
            if (batch.empty()) return m_ctx.finish(!m_truncated);
            m_ctx.run_and_record(batch, m_ctx.result().rounds, [this](const auto& faults, const auto& run, bool bad) {
                on_run(faults, run, bad);
            });
            if (m_truncated && !m_ctx.should_stop()) {
                m_ctx.budget_exhausted();
                return m_ctx.finish(false);
            }
        }
        return m_ctx.finish(true);
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

    // Every minimal hypothesis of this round, as many as the run budget allows.
    std::vector<sim::FailureSpec> next_round() {
        auto start = std::chrono::steady_clock::now();
        ++m_ctx.result().rounds;
        m_generator.next_round();
        std::vector<sim::FailureSpec> batch;
        std::size_t room = m_ctx.runs_left();
        m_truncated = false;
        while (auto h = m_generator.next()) {
            if (batch.size() == room) {
                m_truncated = true;
                break;
            }
            batch.push_back(std::move(*h));
            if (m_ctx.options().timeout_seconds > 0 && m_ctx.elapsed() >= m_ctx.options().timeout_seconds) {
                m_truncated = true;
                break;
            }
        }
        const auto& stats = m_generator.stats();
        m_ctx.result().solver_calls = stats.solver_calls;
        m_ctx.result().hypotheses = stats.hypotheses;
        m_ctx.result().times.solve += seconds_since(start);
        return batch;
    }

    void on_run(const sim::FailureSpec& faults, const sim::Run& run, bool violated) {
        if (violated) {
            m_generator.forbid_supersets(faults);  // with --all: only minimal counterexamples
            return;
        }
        learn(run);
        learn_lost_pre(faults, run);
        m_generator.exclude(faults);
    }

    // A goal whose `pre` tuple is gone under `faults` cannot be part of a violation under any
    // superset of them either, when faults can only remove `pre` tuples (it is not gainable):
    // such fault sets keep that goal, so the solver stops proposing them for it.
    void learn_lost_pre(const sim::FailureSpec& faults, const sim::Run& run) {
        if (m_pre_gainable || faults.empty()) return;
        const analysis::CheckedProgram& program = m_ctx.program();
        std::int32_t eot = run.db.eot();
        std::vector<sim::ValueTuple> pres = sim::tuples_at(run, program.pre, eot);
        std::vector<sim::ValueTuple> posts = sim::tuples_at(run, program.post, eot);
        auto holds = [](const std::vector<sim::ValueTuple>& sorted, const sim::ValueTuple& t) {
            return std::binary_search(sorted.begin(), sorted.end(), t, tuple_less);
        };
        const auto& goals = m_ctx.result().goals;
        for (std::size_t i = 0; i < goals.size() && i < m_goal_kept.size(); ++i) {
            if (holds(posts, goals[i].values) || holds(pres, goals[i].values)) continue;
            m_formula->extend(m_goal_kept[i], fault_conjunction(faults));
        }
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
    bool m_pre_gainable = false;
    bool m_truncated = false;
};

}  // namespace

CheckResult run_ldfi(SearchContext& ctx) { return LdfiSearch(ctx).run(); }

}  // namespace ldfi::search
