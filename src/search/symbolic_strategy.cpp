// The symbolic engine's search: "which is the smallest fault set that breaks the invariant",
// answered over the grounded program (small levels evaluated on it directly, the rest as one Z3
// problem), every answer confirmed by the simulator.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "ldfi/sim/ground_evaluator.hpp"
#include "ldfi/solver/symbolic_solver.hpp"
#include "ldfi/util/error.hpp"
#include "search_context.hpp"

namespace ldfi::search {

namespace {

// The fault-free run's `post` tuples at EOT, as values of the grounding's table (the molly
// oracle compares every run with them).
std::vector<std::vector<ValueId>> fault_free_post(const SearchContext& ctx, const sim::Run& run,
                                                  sim::Grounding& g) {
    std::vector<std::vector<ValueId>> out;
    for (const sim::ValueTuple& t : sim::tuples_at(run, ctx.program().post, run.db.eot())) {
        std::vector<ValueId> ids;
        for (const Value& v : t) ids.push_back(g.values.intern(v));
        out.push_back(std::move(ids));
    }
    return out;
}

// Where an internal error's SMT-LIB problem goes: --dump-smt's directory, else a fresh file in
// the temporary directory.
std::string problem_path(const CheckOptions& options) {
    if (!options.dump_smt_dir.empty()) {
        std::filesystem::create_directories(options.dump_smt_dir);
        return (std::filesystem::path(options.dump_smt_dir) / "symbolic-unconfirmed.smt2").string();
    }
    std::string path = (std::filesystem::temp_directory_path() / "ldfi-symbolic-XXXXXX.smt2").string();
    const int fd = mkstemps(path.data(), 5);
    if (fd < 0) return "(could not create a file for it)";
    close(fd);
    return path;
}

[[noreturn]] void unconfirmed(const SearchContext& ctx, const solver::SymbolicSolver& solver,
                              const sim::FailureSpec& faults) {
    const std::string path = problem_path(ctx.options());
    solver.write_smt(path);
    throw InternalError(
        "the symbolic engine proposed " + ctx.model().format(faults) +
        ", but the simulator does not confirm that it violates the invariant (the problem is in " + path +
        ")");
}

class SymbolicSearch {
public:
    SymbolicSearch(SearchContext& ctx, sim::Grounding& g) : m_ctx(ctx), m_g(g) {}

    CheckResult run() {
        m_ctx.result().engine = Strategy::SYMBOLIC;
        m_ctx.result().grounding = GroundingSize{m_g.atoms.size(), m_g.rule_instances(), 0, 0, 0};
        const sim::Run& fault_free = m_ctx.run_fault_free();
        if (!m_ctx.result().counterexamples.empty()) return m_ctx.finish(true);
        m_ctx.result().goals = good_outcomes(m_ctx.program(), fault_free, m_ctx.options().oracle);
        const sim::GroundGoal goal{m_ctx.options().oracle, fault_free_post(m_ctx, fault_free, m_g)};
        std::size_t level = 1;
        bool finished = true;
        if (!search_directly(goal, level)) {
            const auto start = std::chrono::steady_clock::now();
            solver::SymbolicSolver solver(m_ctx.program(), m_g, m_ctx.fault_space(), goal,
                                          {time_left(), m_ctx.options().dump_smt_dir, level});
            for (const Counterexample& ce : m_ctx.result().counterexamples) solver.block_supersets(ce.faults);
            m_ctx.result().times.solve += seconds_since(start);
            finished = search(solver);
            record_stats(solver);
        }
        sort_in_fault_order();
        return m_ctx.finish(finished);
    }

private:
    // Smallest first, equal sizes in the fault order (FaultSpace::for_each_set's: the sorted index
    // lists, lexicographically), not in the order Z3 found them. (FailureSpec's own order puts
    // omissions first: with --all it listed {crash b@1, omit a->b@1} before {crash a@1, omit b->a@1}.)
    void sort_in_fault_order() {
        const sim::FaultSpace& space = m_ctx.fault_space();
        auto key = [&](const Counterexample& c) {
            return std::pair(c.faults.size(),
                             space.indices_of(c.faults).value_or(std::vector<std::uint32_t>{}));
        };
        std::stable_sort(m_ctx.result().counterexamples.begin(), m_ctx.result().counterexamples.end(),
                         [&](const Counterexample& a, const Counterexample& b) { return key(a) < key(b); });
    }

    /// Rule instances evaluated on the grounding before Z3 takes over: a few milliseconds, less
    /// than Z3's context costs to make (CheckOptions::direct_budget overrides it; 0: Z3 only).
    static constexpr std::uint64_t DIRECT_BUDGET = 1 << 18;

    // The levels small enough to enumerate, each fault set evaluated on the grounding itself, in
    // the order Z3's answers come in (sim::FaultSpace::for_each_set). True when that decided
    // (a counterexample without --all, or every level enumerated); otherwise `level` is the first
    // level left to Z3.
    bool search_directly(const sim::GroundGoal& goal, std::size_t& level) {
        const auto start = std::chrono::steady_clock::now();
        sim::GroundEvaluator evaluator(m_ctx.program(), m_g, m_ctx.fault_space(), goal);
        const double per_set = static_cast<double>(m_g.instances.size() + 1);
        double sets_of_size = 1;  // an upper bound: n choose level
        const auto n = static_cast<double>(m_ctx.fault_space().size());
        bool decided = false;
        const auto budget = static_cast<double>(m_ctx.options().direct_budget.value_or(DIRECT_BUDGET));
        for (level = 1; !decided; ++level) {
            sets_of_size = sets_of_size * (n - static_cast<double>(level) + 1) / static_cast<double>(level);
            if (sets_of_size * per_set + static_cast<double>(evaluator.work()) > budget) break;
            decided = !evaluate_level(evaluator, level, goal);
        }
        m_ctx.result().times.solve += seconds_since(start);
        return decided;
    }

    // Every set of one level; false when the search is decided (stopped at a counterexample, or
    // no set of this size exists, so every set has been evaluated).
    bool evaluate_level(sim::GroundEvaluator& evaluator, std::size_t level, const sim::GroundGoal& goal) {
        const sim::FaultSpace& space = m_ctx.fault_space();
        bool any = false, stop = false;
        space.for_each_set(level, [&](const std::vector<std::uint32_t>& set) {
            any = true;
            const sim::FailureSpec faults = space.spec_of(set);
            for (const Counterexample& ce : m_ctx.result().counterexamples) {
                if (faults.includes(ce.faults)) return true;
            }
            ++m_ctx.result().evaluations;
            const bool bad = evaluator.violates(set);
            if (evaluator.pre_held()) m_ctx.note_pre_possible();
            if (!bad) return true;
            if (!simulate_and_record(faults)) {  // reported as Z3's unconfirmed answers, with the problem
                unconfirmed(m_ctx,
                            solver::SymbolicSolver(m_ctx.program(), m_g, m_ctx.fault_space(), goal, {}),
                            faults);
            }
            stop = m_ctx.should_stop();
            return !stop;
        });
        return any && !stop;
    }

    // Simulates an answer and records the run; whether it violates the invariant.
    bool simulate_and_record(const sim::FailureSpec& faults) {
        bool violated = false;
        m_ctx.run_and_record({faults}, 1,
                             [&](const sim::FailureSpec&, const sim::Run&, bool bad) { violated = bad; });
        return violated;
    }

    double time_left() const {
        const double total = m_ctx.options().timeout_seconds;
        return total > 0 ? std::max(total - m_ctx.elapsed(), 1e-3) : 0;
    }

    // Smallest first until none is left (or the first, without --all); false on a budget.
    bool search(solver::SymbolicSolver& solver) {
        try {
            return search_minimal(solver);
        } catch (const ResourceError&) {  // Z3 interrupted at the deadline outside a query
            return unknown();
        }
    }

    bool search_minimal(solver::SymbolicSolver& solver) {
        while (!m_ctx.should_stop()) {
            if (m_ctx.budget_exhausted()) return false;
            sim::FailureSpec faults;
            const auto start = std::chrono::steady_clock::now();
            const auto answer = solver.next(faults);
            m_ctx.result().times.solve += seconds_since(start);
            if (answer == solver::SymbolicSolver::Answer::UNKNOWN) return unknown();
            if (answer == solver::SymbolicSolver::Answer::NONE) break;
            if (!simulate_and_record(faults)) unconfirmed(m_ctx, solver, faults);
            solver.block_supersets(faults);
        }
        if (m_ctx.result().counterexamples.empty()) note_vacuity(solver);
        return true;
    }

    // The solver gives up only when the timeout runs out.
    bool unknown() {
        if (!m_ctx.budget_exhausted())
            m_ctx.result().unknown_reason = "the solver gave up before the timeout";
        return false;
    }

    // Certified: whether any run within the bounds has a `pre` tuple (else the invariant is
    // vacuous), asked of the solver rather than of the one run simulated.
    void note_vacuity(solver::SymbolicSolver& solver) {
        if (solver.pre_possible() == solver::SymbolicSolver::Answer::FOUND) m_ctx.note_pre_possible();
    }

    void record_stats(const solver::SymbolicSolver& solver) {
        const solver::SymbolicStats& s = solver.stats();
        m_ctx.result().grounding = GroundingSize{s.atoms, s.instances, s.certain, s.variables, s.constraints};
        m_ctx.result().solver_calls += s.queries;
    }

    SearchContext& m_ctx;
    sim::Grounding& m_g;
};

}  // namespace

void note_untargeted_pre(SearchContext& ctx) {
    constexpr std::size_t MOST = 16;  // candidates asked about; each is one solver query
    CheckResult& result = ctx.result();
    if (!result.counterexamples.empty() || result.runs.empty() || !result.runs[0].run) return;
    if (!result.fallback_reason.empty()) return;  // auto could not ground it: no second attempt
    const auto grounding_start = std::chrono::steady_clock::now();
    sim::GroundingResult g = ground_for(ctx);
    result.times.ground += seconds_since(grounding_start);
    if (!g.grounding) return;
    const sim::Run& fault_free = *result.runs[0].run;
    const std::int32_t eot = fault_free.db.eot();
    const std::vector<sim::ValueTuple> seen = sim::tuples_at(fault_free, ctx.program().pre, eot);
    std::vector<std::pair<eval::TupleId, sim::ValueTuple>> candidates;
    for (eval::TupleId t : g.grounding->db.tuples(ctx.program().pre, eot)) {
        sim::ValueTuple values;
        for (ValueId v : g.grounding->db.values(t)) values.push_back(g.grounding->values.get(v));
        if (!sim::contains(seen, values) && candidates.size() < MOST)
            candidates.emplace_back(t, std::move(values));
    }
    if (candidates.empty()) return;
    const auto start = std::chrono::steady_clock::now();
    solver::SymbolicSolver solver(ctx.program(), *g.grounding, ctx.fault_space(), {}, {});
    for (auto& [tuple, values] : candidates) {
        if (solver.can_hold(tuple) == solver::SymbolicSolver::Answer::FOUND) {
            result.untargeted_pre.push_back({ctx.program().pre, std::move(values), eot});
        }
    }
    result.times.solve += seconds_since(start);
}

CheckResult run_symbolic(SearchContext& ctx, sim::Grounding& grounding) {
    return SymbolicSearch(ctx, grounding).run();
}

}  // namespace ldfi::search
