// The symbolic engine's search: is the invariant violated under some fault set, and what is the
// smallest? One Z3 problem, asked with cardinality bounds as assumptions.
#include "ldfi/solver/symbolic_solver.hpp"

#include <z3++.h>

#include <chrono>
#include <fstream>
#include <map>

#include "ldfi/util/error.hpp"
#include "ldfi/util/log.hpp"
#include "smt_dump.hpp"
#include "symbolic_encoder.hpp"
#include "z3_watchdog.hpp"

namespace ldfi::solver {

struct SymbolicSolver::Impl {
    Impl(const analysis::CheckedProgram& program, const sim::Grounding& g, const sim::FaultSpace& space,
         const sim::GroundGoal& goal, SymbolicOptions opts)
        : options(std::move(opts)),
          space(space),
          solver(make_solver()),
          dump(options.dump_smt_dir),
          encoder(ctx, program, g, space, [this](const z3::expr& e) { assert_permanent(e); }),
          violated(ctx.bool_const("violated")),
          pre_holds(ctx.bool_const("some_pre")),
          watchdog(ctx, deadline_after(options.timeout_seconds)) {
        level = options.first_level;
        stats.atoms = g.atoms.size();
        stats.instances = g.rule_instances();
        encoder.encode();
        const z3::expr violation = encoder.violation(goal);
        const z3::expr some_pre = encoder.some_pre();
        // The SAT core with native cardinality constraints unless an aggregate needs arithmetic
        // (made only now: a general solver that is never used still costs milliseconds).
        solver = encoder.uses_arithmetic() ? z3::solver(ctx) : z3::solver(ctx, "QF_FD");
        z3::params p(ctx);
        p.set("random_seed", 0u);
        p.set("model.compact", false);  // only the fault variables are read
        p.set("ctrl_c", false);         // SIGINT is ours (util/interrupt.hpp): the watchdog interrupts Z3
        if (!encoder.uses_arithmetic()) p.set("cardinality.solver", true);
        if (options.timeout_seconds > 0) {  // a backstop: the watchdog interrupts at the deadline
            p.set("timeout", static_cast<unsigned>(std::min(options.timeout_seconds * 1000 + 1, 4e9)));
        }
        solver.set(p);
        for (const z3::expr& e : early) solver.add(e);
        early.clear();
        made = true;
        assert_permanent(z3::implies(violated, violation));
        assert_permanent(z3::implies(pre_holds, some_pre));
        stats.certain = encoder.certain_atoms();
        stats.variables = encoder.variables();
    }

    z3::solver make_solver() { return z3::solver(ctx, "QF_FD"); }

    void assert_permanent(const z3::expr& e) {
        if (made) {
            solver.add(e);
        } else {
            early.push_back(e);
        }
        dump.record(e);
        ++stats.constraints;
    }

    /// A literal that, assumed, bounds the number of faults by `k`.
    z3::expr bound(std::size_t k) {
        auto it = bounds.find(k);
        if (it != bounds.end()) return it->second;
        z3::expr lit = ctx.bool_const(("at_most_" + std::to_string(k)).c_str());
        assert_permanent(z3::implies(lit, z3::atmost(encoder.fault_vars(), static_cast<unsigned>(k))));
        bounds.emplace(k, lit);
        return lit;
    }

    z3::check_result query(std::vector<z3::expr> assumed) {
        if (watchdog.expired()) return z3::unknown;
        z3::expr_vector assumptions(ctx);
        for (const z3::expr& a : assumed) assumptions.push_back(a);
        dump.write_query(ctx, assumptions);
        const auto t0 = std::chrono::steady_clock::now();
        z3::check_result r = z3::unknown;
        r = guarded_z3(watchdog, [&] { return solver.check(assumptions); });
        stats.solve_seconds += seconds(t0);
        ++stats.queries;
        log::debug([&] {
            return "symbolic: Z3 query " + std::to_string(stats.queries) + " (" +
                   std::to_string(assumed.size()) + " assumptions): " + result_name(r) + " in " +
                   std::to_string(seconds(t0) * 1000) + " ms";
        });
        // Unknown without a deadline or a signal is Z3 giving up: a solver failure.
        if (r == z3::unknown && options.timeout_seconds == 0 && !watchdog.expired()) {
            throw SolverError("z3 returned unknown: " + solver.reason_unknown());
        }
        return r;
    }

    sim::FailureSpec model_faults() {
        z3::model m = solver.get_model();
        std::vector<std::uint32_t> chosen;
        for (std::uint32_t i = 0; i < encoder.fault_vars().size(); ++i) {
            if (m.eval(encoder.fault_vars()[i], true).is_true()) chosen.push_back(i);
        }
        return space.spec_of(chosen);
    }

    // The first fault set of `level` faults, in the fault space's order (compared as sorted index
    // lists), that violates: the answer does not depend on how Z3 searched. Position by
    // position, the next index is the least i such that some violating set of this size holds
    // the indices chosen so far, none other below them, and one in [from, i]: a binary search.
    bool first_of_level(sim::FailureSpec& found) {
        const auto n = static_cast<std::uint32_t>(encoder.fault_vars().size());
        std::vector<std::uint32_t> chosen;
        std::uint32_t from = 0;  // indices below it are chosen or excluded
        while (chosen.size() < level) {
            std::uint32_t lo = from, hi = n - 1;  // the next index lies in [lo, hi]
            while (lo < hi) {
                const std::uint32_t mid = lo + (hi - lo) / 2;
                std::vector<z3::expr> assumed = prefix(chosen, from);
                assumed.push_back(some_of(from, mid));
                const z3::check_result r = query(assumed);
                if (r == z3::unknown) return false;
                if (r == z3::sat) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            chosen.push_back(lo);
            from = lo + 1;
        }
        found = space.spec_of(chosen);
        return true;
    }

    // Assumptions: the violation, the level's bound, `chosen` in, every other index below `from` out.
    std::vector<z3::expr> prefix(const std::vector<std::uint32_t>& chosen, std::uint32_t from) {
        std::vector<z3::expr> out{violated, bound(level)};
        for (std::uint32_t c : chosen) out.push_back(encoder.fault_vars()[c]);
        for (std::uint32_t i = 0, next = 0; i < from; ++i) {
            if (next < chosen.size() && chosen[next] == i) {
                ++next;
            } else {
                out.push_back(!encoder.fault_vars()[i]);
            }
        }
        return out;
    }

    // A fresh literal that, assumed, puts some fault of [first, last] in the set.
    z3::expr some_of(std::uint32_t first, std::uint32_t last) {
        z3::expr lit = ctx.bool_const(("some_" + std::to_string(first) + "_" + std::to_string(last) + "_" +
                                       std::to_string(stats.queries))
                                          .c_str());
        z3::expr_vector faults(ctx);
        for (std::uint32_t i = first; i <= last; ++i) faults.push_back(encoder.fault_vars()[i]);
        assert_permanent(z3::implies(lit, z3::mk_or(faults)));
        return lit;
    }

    static double seconds(std::chrono::steady_clock::time_point t) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    }

    SymbolicOptions options;
    const sim::FaultSpace& space;
    z3::context ctx;
    z3::solver solver;
    SmtDump dump;
    SymbolicStats stats;
    SymbolicEncoder encoder;
    z3::expr violated, pre_holds;
    std::vector<z3::expr> early;  ///< assertions made before the solver's kind was known
    bool made = false;
    std::map<std::size_t, z3::expr> bounds;
    std::size_t level = 0;  ///< no unblocked counterexample has fewer faults
    Z3Watchdog watchdog;    ///< declared last: stops before the context goes
};

SymbolicSolver::SymbolicSolver(const analysis::CheckedProgram& program, const sim::Grounding& grounding,
                               const sim::FaultSpace& space, const sim::GroundGoal& goal,
                               SymbolicOptions options) {
    try {
        m_impl = std::make_unique<Impl>(program, grounding, space, goal, std::move(options));
    } catch (const z3::exception& e) {
        throw SolverError(std::string("z3: ") + e.msg());
    }
}

SymbolicSolver::~SymbolicSolver() = default;

// Any counterexample first; then a binary search on the bound between the level proved empty
// and that counterexample's size. Its result has the fewest faults of all that are left.
SymbolicSolver::Answer SymbolicSolver::next(sim::FailureSpec& found) {
    return guarded_z3(m_impl->watchdog, [&] { return search_next(found); });
}

SymbolicSolver::Answer SymbolicSolver::search_next(sim::FailureSpec& found) {
    Impl& s = *m_impl;
    z3::check_result r = s.query({s.violated});
    if (r == z3::unsat) return Answer::NONE;
    if (r == z3::unknown) return Answer::UNKNOWN;
    std::size_t hi = s.model_faults().size();
    while (s.level < hi) {
        const std::size_t mid = s.level + (hi - s.level) / 2;
        r = s.query({s.violated, s.bound(mid)});
        if (r == z3::unknown) return Answer::UNKNOWN;
        if (r == z3::unsat) {
            s.level = mid + 1;
            continue;
        }
        hi = s.model_faults().size();
    }
    return s.first_of_level(found) ? Answer::FOUND : Answer::UNKNOWN;
}

void SymbolicSolver::block_supersets(const sim::FailureSpec& found) {
    guarded_z3(m_impl->watchdog, [&] { block(found); });
}

void SymbolicSolver::block(const sim::FailureSpec& found) {
    Impl& s = *m_impl;
    z3::expr_vector clause(s.ctx);
    for (std::uint32_t i : s.space.indices_of(found).value_or(std::vector<std::uint32_t>{})) {
        clause.push_back(!s.encoder.fault_vars()[i]);
    }
    s.assert_permanent(clause.empty() ? s.ctx.bool_val(false) : z3::mk_or(clause));
}

SymbolicSolver::Answer SymbolicSolver::pre_possible() {
    z3::check_result r = guarded_z3(m_impl->watchdog, [&] { return m_impl->query({m_impl->pre_holds}); });
    if (r == z3::unknown) return Answer::UNKNOWN;
    return r == z3::sat ? Answer::FOUND : Answer::NONE;
}

SymbolicSolver::Answer SymbolicSolver::can_hold(eval::TupleId a) {
    Impl& s = *m_impl;
    z3::check_result r = guarded_z3(s.watchdog, [&] {
        z3::expr lit = s.ctx.bool_const(("holds_" + std::to_string(a.index())).c_str());
        s.assert_permanent(z3::implies(lit, s.encoder.holds(a)));
        return s.query({lit});
    });
    if (r == z3::unknown) return Answer::UNKNOWN;
    return r == z3::sat ? Answer::FOUND : Answer::NONE;
}

void SymbolicSolver::write_smt(const std::string& path) const {
    std::ofstream out(path);
    out << m_impl->solver.to_smt2();
    out << "(assert violated)\n(check-sat)\n";
}

const SymbolicStats& SymbolicSolver::stats() const { return m_impl->stats; }

}  // namespace ldfi::solver
