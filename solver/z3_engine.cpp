// The Z3 backend: one incremental SAT-core solver kept alive across rounds. Minimal hypotheses
// come level by level under an assumption-guarded cardinality bound (LDFI paper, section 4).
// And the AUTO backend, which evaluates the cheap levels outright and hands the rest to it.
#include <z3++.h>

#include <chrono>
#include <limits>
#include <map>
#include <optional>

#include "engine.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/log.hpp"
#include "level_search.hpp"
#include "smt_dump.hpp"
#include "z3_encoder.hpp"
#include "z3_watchdog.hpp"

namespace ldfi::solver {

namespace {

using Deadline = Z3Watchdog::Deadline;

class Z3Engine final : public HypothesisEngine {
public:
    Z3Engine(std::shared_ptr<const sim::FaultSpace> space, std::shared_ptr<Formula> formula,
             const GeneratorOptions& options)
        : m_space(std::move(space)),
          m_formula(std::move(formula)),
          m_solver(m_ctx, "QF_FD"),  // the SAT core: inc_sat_solver
          m_encoder(m_ctx, *m_space, *m_formula, [this](const z3::expr& e) { assert_permanent(e); }),
          m_dump(options.dump_smt_dir),
          m_round(m_ctx.bool_val(true)),
          m_deadline(deadline_after(options.timeout_seconds)),
          m_watchdog(m_ctx, m_deadline) {
        z3::params p(m_ctx);
        p.set("random_seed", 0u);
        // Compacting every model costs more than the check that found it (10x on kafka); only
        // the fault variables are read, so an uncompacted model serves as well.
        p.set("model.compact", false);
        // Keep `atmost(faults, k)` a native cardinality constraint of the SAT core. Otherwise
        // Z3 4.8 compiles each level's bound into clauses when it is first assumed, 8-11 ms
        // per level on kafka's 85 fault variables, more than all the level's queries.
        p.set("cardinality.solver", true);
        // Z3 would catch SIGINT during a query and answer "unknown"; the signal is ours
        // (util/interrupt.hpp), and the watchdog interrupts Z3 when it arrives.
        p.set("ctrl_c", false);
        // The watchdog interrupts at the deadline; this bounds a query that started just before
        // it should the interrupt be missed.
        if (options.timeout_seconds > 0) {
            p.set("timeout", static_cast<unsigned>(std::min(options.timeout_seconds * 1000 + 1, 4e9)));
        }
        m_solver.set(p);
        add_bounds();
    }

    void add_goal(FormulaId derived) override { m_goals.push_back(derived); }

    void exclude(const sim::FailureSpec& tested) override {
        guarded([&] { exclude_exactly(tested); });
    }

    void forbid_supersets(const sim::FailureSpec& found) override {
        guarded([&] {
            auto indices = m_space->indices_of(found);
            if (!indices) return;  // outside the bounds: no superset is ever proposed
            z3::expr_vector clause(m_ctx);
            for (std::uint32_t i : *indices) clause.push_back(!m_encoder.var(i));
            assert_permanent(z3::mk_or(clause));
        });
    }

    void next_round() override {
        if (m_round_started) guarded([&] { assert_permanent(!m_round); });  // retire: clauses stay learned
        m_round_started = false;
        m_round_done = false;
        m_level = 0;
    }

    std::optional<sim::FailureSpec> next() override {
        if (m_round_done) return std::nullopt;
        std::optional<sim::FailureSpec> found;
        guarded([&] { found = search(); });
        if (found) ++m_stats.hypotheses;
        return found;
    }

    [[nodiscard]] const GeneratorStats& stats() const override { return m_stats; }

    /// Takes over a round that another search began: `found` are its hypotheses so far, and
    /// every fault set smaller than `level` is one of them, a superset of one, or no hypothesis.
    void resume_round(std::size_t level, const std::vector<sim::FailureSpec>& found) {
        guarded([&] {
            if (!m_round_started) start_round();
            for (const sim::FailureSpec& spec : found) block_for_round(m_space->indices_of(spec).value());
        });
        m_level = static_cast<unsigned>(level);
    }

private:
    template <typename F>
    void guarded(F&& f) {
        guarded_z3(m_watchdog, std::forward<F>(f));
    }

    void assert_permanent(const z3::expr& e) {
        m_solver.add(e);
        m_dump.record(e);
    }

    /// The space's valid sets (at most one crash time per node, at most max_crashes crashed
    /// nodes) that are canonical (no subsumed pair).
    void add_bounds() {
        z3::expr_vector all_crashes(m_ctx);
        for (std::uint32_t n = 0; n < m_space->model().nodes().size(); ++n) {
            z3::expr_vector vars = m_encoder.crash_vars(NodeId(n));
            if (vars.size() > 1) assert_permanent(z3::atmost(vars, 1));
            for (const z3::expr& v : vars) all_crashes.push_back(v);
        }
        const auto max = static_cast<unsigned>(std::max(0, m_space->model().bounds().max_crashes));
        if (all_crashes.size() > max) assert_permanent(z3::atmost(all_crashes, max));
        for (const auto& [omission, crash] : m_space->subsumed_pairs()) {
            assert_permanent(!m_encoder.var(crash) || !m_encoder.var(omission));
        }
    }

    void exclude_exactly(const sim::FailureSpec& tested) {
        auto indices = m_space->indices_of(tested);
        if (!indices) return;  // outside the bounds: never proposed anyway
        std::vector<bool> in_set(m_space->size(), false);
        for (std::uint32_t i : *indices) in_set[i] = true;
        z3::expr_vector clause(m_ctx);
        for (std::uint32_t i = 0; i < in_set.size(); ++i) {
            clause.push_back(in_set[i] ? !m_encoder.var(i) : m_encoder.var(i));
        }
        assert_permanent(z3::mk_or(clause));
    }

    /// The round's activation literal guards "some goal is not derived" and its blocking clauses.
    void start_round() {
        m_round = m_ctx.bool_const(("round" + std::to_string(++m_round_count)).c_str());
        m_round_started = true;
        m_encoder.sync_extensions();
        z3::expr_vector clause(m_ctx);
        clause.push_back(!m_round);
        for (FormulaId g : m_goals) clause.push_back(!m_encoder.positive(g));
        assert_permanent(z3::mk_or(clause));
    }

    /// A literal that, assumed, bounds the number of faults by k (one per k, kept across rounds).
    z3::expr level_literal(unsigned k) {
        if (auto it = m_levels.find(k); it != m_levels.end()) return it->second;
        z3::expr lit = m_ctx.bool_const(("at_most_" + std::to_string(k)).c_str());
        // With no fault variable at all (EFF 0, no crashes) every bound holds; Z3's atmost
        // rejects an empty vector.
        if (!m_encoder.fault_vars().empty()) {
            assert_permanent(z3::implies(lit, z3::atmost(m_encoder.fault_vars(), k)));
        }
        m_levels.emplace(k, lit);
        return lit;
    }

    std::optional<sim::FailureSpec> search() {
        if (!m_round_started) start_round();
        m_encoder.sync_extensions();
        const auto total = static_cast<unsigned>(m_space->size());
        while (m_level <= total) {
            const z3::expr bound = level_literal(m_level);
            if (check({m_round, bound}) == z3::sat) return accept(model_faults());
            if (m_level == total || !in_core(bound)) break;
            if (check({m_round}) == z3::unsat) break;  // no hypothesis of any size remains
            ++m_level;
            // Every hypothesis of size < m_level is blocked, so one of exactly m_level is minimal.
            // Reading a model is as costly as a check: read it once.
            if (std::vector<std::uint32_t> faults = model_faults(); faults.size() == m_level) {
                return accept(faults);
            }
        }
        m_round_done = true;
        return std::nullopt;
    }

    bool in_core(const z3::expr& lit) {
        const z3::expr_vector core = m_solver.unsat_core();
        for (const z3::expr& e : core) {
            if (z3::eq(e, lit)) return true;
        }
        return false;
    }

    std::vector<std::uint32_t> model_faults() {
        const z3::model model = m_solver.get_model();
        std::vector<std::uint32_t> out;
        for (std::uint32_t i = 0; i < m_space->size(); ++i) {
            if (model.eval(m_encoder.var(i), true).is_true()) out.push_back(i);
        }
        return out;
    }

    /// Turns the faults of the current model into a hypothesis and blocks its supersets for this round.
    sim::FailureSpec accept(const std::vector<std::uint32_t>& faults) {
        block_for_round(faults);
        return m_space->spec_of(faults);
    }

    void block_for_round(const std::vector<std::uint32_t>& faults) {
        z3::expr_vector block(m_ctx);
        block.push_back(!m_round);
        for (std::uint32_t i : faults) block.push_back(!m_encoder.var(i));
        assert_permanent(z3::mk_or(block));
    }

    z3::check_result check(std::initializer_list<z3::expr> assumptions) {
        z3::expr_vector asms(m_ctx);
        for (const z3::expr& a : assumptions) asms.push_back(a);
        m_dump.write_query(m_ctx, asms);
        if (m_watchdog.expired()) throw ResourceError("solver timeout: the time budget is spent");
        const auto start = std::chrono::steady_clock::now();
        const z3::check_result result = m_solver.check(asms);
        m_stats.solve_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        ++m_stats.solver_calls;
        log::debug([&] {
            return "lineage loop: Z3 query " + std::to_string(m_stats.solver_calls) + ": " +
                   result_name(result) + " in " +
                   std::to_string(
                       std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() *
                       1000) +
                   " ms";
        });
        if (result == z3::unknown) fail_unknown();
        return result;
    }

    [[noreturn]] void fail_unknown() {
        const std::string reason = m_solver.reason_unknown();
        if (m_watchdog.expired() || reason.find("timeout") != std::string::npos ||
            reason.find("canceled") != std::string::npos) {
            throw ResourceError("solver timeout: " + reason);
        }
        throw SolverError("solver returned unknown: " + reason);
    }

    std::shared_ptr<const sim::FaultSpace> m_space;
    std::shared_ptr<Formula> m_formula;
    z3::context m_ctx;
    z3::solver m_solver;
    Z3Encoder m_encoder;
    SmtDump m_dump;
    std::vector<FormulaId> m_goals;
    std::map<unsigned, z3::expr> m_levels;
    z3::expr m_round;
    std::uint64_t m_round_count = 0;
    bool m_round_started = false;
    bool m_round_done = false;
    unsigned m_level = 0;
    GeneratorStats m_stats;
    Deadline m_deadline;    ///< --timeout, if any
    Z3Watchdog m_watchdog;  ///< interrupts m_ctx at m_deadline
};

/// Z3's errors while it builds its context and bounds, as SolverError.
std::unique_ptr<Z3Engine> new_z3_engine(std::shared_ptr<const sim::FaultSpace> space,
                                        std::shared_ptr<Formula> formula, const GeneratorOptions& options) {
    try {
        return std::make_unique<Z3Engine>(std::move(space), std::move(formula), options);
    } catch (const z3::exception& e) {
        throw SolverError(std::string("z3: ") + e.msg());
    }
}

/// Backend::AUTO: each round's levels go to a LevelSearch while they are cheap enough to
/// evaluate outright, and the rest of the round to Z3. Z3's context is made the first time a
/// level is not cheap, and told all that came before; both see every exclusion after that.
class AutoEngine final : public HypothesisEngine {
public:
    AutoEngine(std::shared_ptr<const sim::FaultSpace> space, std::shared_ptr<Formula> formula,
               const GeneratorOptions& options)
        : m_space(space),
          m_formula(formula),
          m_options(options),
          m_search(std::move(space), std::move(formula), options.direct_budget),
          m_deadline(deadline_after(options.timeout_seconds)) {}

    void add_goal(FormulaId derived) override {
        if (m_z3) m_z3->add_goal(derived);
        m_search.add_goal(derived);
    }

    void prefer_keeping(FormulaId f) override { m_search.prefer_keeping(f); }

    void exclude(const sim::FailureSpec& tested) override {
        if (m_z3) m_z3->exclude(tested);
        m_search.exclude(tested);
    }

    void forbid_supersets(const sim::FailureSpec& found) override {
        if (m_z3) m_z3->forbid_supersets(found);
        m_search.forbid_supersets(found);
    }

    void next_round() override {
        m_search.next_round();
        if (m_z3) m_z3->next_round();
        m_round_in_z3 = false;
    }

    std::optional<sim::FailureSpec> next() override {
        const auto start = std::chrono::steady_clock::now();
        std::optional<sim::FailureSpec> found = search();
        m_stats.solve_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        m_stats.evaluations = m_search.evaluations();
        m_stats.solver_calls = m_z3 ? m_z3->stats().solver_calls : 0;
        if (found) ++m_stats.hypotheses;
        return found;
    }

    [[nodiscard]] const GeneratorStats& stats() const override { return m_stats; }

private:
    std::optional<sim::FailureSpec> search() {
        if (!m_round_in_z3) {
            sim::FailureSpec found;
            switch (m_search.next(found)) {
                case LevelSearch::Outcome::FOUND:
                    return found;
                case LevelSearch::Outcome::ROUND_DONE:
                    return std::nullopt;
                case LevelSearch::Outcome::OVER_BUDGET:
                    break;
            }
            if (!m_z3) make_z3();
            m_z3->resume_round(m_search.level(), m_search.round_hypotheses());
            m_round_in_z3 = true;
        }
        return m_z3->next();
    }

    void make_z3() {
        GeneratorOptions options = m_options;
        if (m_deadline) {
            const double left =
                std::chrono::duration<double>(*m_deadline - std::chrono::steady_clock::now()).count();
            if (left <= 0) throw ResourceError("solver timeout: the time budget is spent");
            options.timeout_seconds = left;
        }
        std::unique_ptr<Z3Engine> z3 = new_z3_engine(m_space, m_formula, options);
        for (FormulaId goal : m_search.goals()) z3->add_goal(goal);
        for (const sim::FailureSpec& spec : m_search.excluded()) z3->exclude(spec);
        for (const sim::FailureSpec& spec : m_search.forbidden()) z3->forbid_supersets(spec);
        m_z3 = std::move(z3);
    }

    /// Shared: Z3 is made long after the constructor returned.
    std::shared_ptr<const sim::FaultSpace> m_space;
    std::shared_ptr<Formula> m_formula;
    GeneratorOptions m_options;
    LevelSearch m_search;
    std::unique_ptr<Z3Engine> m_z3;  ///< made on first need
    bool m_round_in_z3 = false;      ///< the rest of this round is Z3's
    GeneratorStats m_stats;
    Deadline m_deadline;
};

}  // namespace

std::unique_ptr<HypothesisEngine> make_auto_engine(std::shared_ptr<const sim::FaultSpace> space,
                                                   std::shared_ptr<Formula> formula,
                                                   const GeneratorOptions& options) {
    return std::make_unique<AutoEngine>(std::move(space), std::move(formula), options);
}

std::unique_ptr<HypothesisEngine> make_z3_engine(std::shared_ptr<const sim::FaultSpace> space,
                                                 std::shared_ptr<Formula> formula,
                                                 const GeneratorOptions& options) {
    return new_z3_engine(std::move(space), std::move(formula), options);
}

}  // namespace ldfi::solver
