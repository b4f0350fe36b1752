// The verdict comparison of the fuzz target tests/fuzz/fuzz_verdict.cpp and the unit test
// VerdictComparison.*: one program at tiny bounds, checked with every strategy, each answer held
// to the ground truth (every fault set simulated, verdict_truth.hpp) as far as docs/algorithm.md
// promises it, and every divergence it allows counted with its reason (docs/reliability.md,
// "Verdict fuzzing").
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ldfi/search/check.hpp"
#include "ldfi/sim/grounding.hpp"
#include "ldfi/util/error.hpp"
#include "program_text.hpp"
#include "verdict_truth.hpp"

namespace ldfi::test {

/// One program and the bounds to check it at.
struct VerdictCase {
    std::string text;  ///< the whole spec
    std::vector<std::string> nodes;
    sim::FaultBounds bounds;
    sim::OracleKind oracle = sim::OracleKind::IMPLIES;
    bool all = false;                          ///< also compare the `--all` answers
    std::optional<std::uint64_t> ldfi_budget;  ///< the lineage loop's direct_budget (unset: its default)
    bool symbolic_all_z3 = false;              ///< symbolic `--all` with Z3 for every level
    std::uint64_t max_ground = 5'000;          ///< `--max-ground`; a small one makes auto fall back to ldfi
    std::uint64_t random_seed = 1;
    std::string origin;  ///< where the program came from (generator and seed), for messages
};

/// Work limits per case: counts, never the clock.
struct VerdictLimits {
    /// Valid fault sets within the bounds (the bounds shrink until they fit): each is simulated
    /// for the truth, and exhaustive runs them all again.
    std::uint64_t max_sets = 512;
    std::uint64_t max_tuples = 20'000;  ///< per run (CheckOptions::max_tuples)
    std::uint64_t max_work = 20'000;  ///< join work per run (CheckOptions::max_work)
    std::uint64_t random_runs = 40;     ///< `--strategy random --max-runs`

    [[nodiscard]] sim::RunOptions run_options() const {
        return sim::RunOptions{.provenance = false, .max_tuples = max_tuples, .max_probes = max_work};
    }
};

/// What comparing one case found.
struct VerdictComparison {
    std::string skipped;                ///< non-empty: not compared, and why (a work limit)
    std::vector<std::string> problems;  ///< disagreements docs/algorithm.md does not allow
    std::vector<std::string> allowed;   ///< divergences it allows, each with its reason
    std::size_t comparisons = 0;        ///< facts compared
    std::size_t fault_sets = 0;         ///< fault sets simulated for the truth
    bool grounded = false;              ///< the symbolic engine could take the program
    bool counterexample = false;        ///< some fault set violates the invariant
    std::string answers;                ///< every engine's answer, one line each
};

/// Why a divergence of the lineage loop is allowed (docs/algorithm.md, "What it does not cover").
inline const char* const UNTARGETED =
    "the lineage loop does not target a `pre` tuple absent from the fault-free run";

class VerdictChecker {
public:
    VerdictChecker(const VerdictCase& c, const VerdictLimits& limits, ProgramPtr program)
        : m_case(c), m_limits(limits), m_program(std::move(program)), m_model(c.nodes, c.bounds) {}

    VerdictComparison run() {
        try {
            compare();
        } catch (const ResourceError& e) {  // a work limit: the case says nothing
            m_out.skipped = std::string("work limit: ") + e.what();
        } catch (const Error& e) {  // InternalError (an unconfirmed answer), or a refusal
            m_out.problems.push_back(std::string("error: ") + e.what());
        }
        return std::move(m_out);
    }

private:
    using Strategy = search::Strategy;
    using Outcome = search::Outcome;

    void compare() {
        m_truth = simulate_every_set(m_program, m_model, m_case.oracle, m_limits.run_options());
        m_out.fault_sets = m_truth.sets.size();
        m_out.counterexample = m_truth.first() != nullptr;
        m_out.grounded = sim::ground(*m_program, sim::FaultSpace(m_model),
                                     sim::GroundingLimits{m_case.max_ground, m_limits.max_tuples})
                             .grounding.has_value();
        compare_exact(check(Strategy::EXHAUSTIVE, false), "exhaustive");
        const search::CheckResult ldfi = check(Strategy::LDFI, false, m_case.ldfi_budget);
        compare_ldfi(ldfi, "ldfi");
        search::CheckResult symbolic;
        if (m_out.grounded) {
            compare_exact(check(Strategy::SYMBOLIC, false, 0), "symbolic (Z3 only)");
            symbolic = check(Strategy::SYMBOLIC, false);
            compare_exact(symbolic, "symbolic");
        } else {
            expect_refusal();
        }
        // auto's fallback is compared with the same lineage loop (the budget orders its hypotheses).
        compare_auto(check(Strategy::AUTO, false, m_out.grounded ? std::nullopt : m_case.ldfi_budget),
                     m_out.grounded ? symbolic : ldfi);
        compare_random(check(Strategy::RANDOM, false));
        if (m_case.all) compare_all_modes();
    }

    void compare_all_modes() {
        compare_all(check(Strategy::EXHAUSTIVE, true), "exhaustive --all");
        if (m_out.grounded) {
            const std::optional<std::uint64_t> budget =
                m_case.symbolic_all_z3 ? std::optional<std::uint64_t>(0) : std::nullopt;
            compare_all(check(Strategy::SYMBOLIC, true, budget), "symbolic --all");
        }
        const search::CheckResult ldfi = check(Strategy::LDFI, true, m_case.ldfi_budget);
        compare_ldfi(ldfi, "ldfi --all");
        compare_ldfi_all(ldfi);
    }

    search::CheckResult check(Strategy s, bool all, std::optional<std::uint64_t> budget = std::nullopt) {
        search::CheckOptions o;
        o.strategy = s;
        o.all = all;
        o.oracle = m_case.oracle;
        o.seed = m_case.random_seed;
        o.max_runs = s == Strategy::RANDOM ? m_limits.random_runs : 0;
        o.max_tuples = m_limits.max_tuples;
        o.max_work = m_limits.max_work;
        o.max_ground = m_case.max_ground;
        o.direct_budget = budget;
        search::CheckResult r = search::check(m_program, m_model, o);
        m_out.answers += std::string(search::to_string(s)) + (all ? " --all" : "") +
                         (budget ? " (direct budget " + std::to_string(*budget) + ")" : "") + ": " +
                         answer(r) + "\n";
        confirm(r, search::to_string(s));
        return r;
    }

    std::string answer(const search::CheckResult& r) const {
        std::string out = search::to_string(r.outcome);
        for (const auto& ce : r.counterexamples) out += " {" + m_model.format(ce.faults) + "}";
        out += ", " + std::to_string(r.runs.size()) + " runs, engine " + search::to_string(r.engine);
        if (r.vacuous) out += ", vacuous";
        for (const auto& t : r.untargeted_pre) out += ", untargeted pre" + format_tuple(t.values);
        return out;
    }

    static std::string format_tuple(const sim::ValueTuple& t) {
        std::string out = "(";
        for (const Value& v : t) out += (out.size() > 1 ? ", " : "") + format_value(v);
        return out + ")";
    }

    bool expect(bool ok, const std::string& what) {
        ++m_out.comparisons;
        if (!ok) m_out.problems.push_back(what);
        return ok;
    }

    std::string sets(const std::vector<sim::FailureSpec>& v) const {
        std::string out;
        for (const auto& s : v) out += (out.empty() ? "{" : "; {") + m_model.format(s) + "}";
        return out.empty() ? "none" : out;
    }

    std::vector<sim::FailureSpec> faults_of(const search::CheckResult& r) const {
        std::vector<sim::FailureSpec> out;
        for (const auto& ce : r.counterexamples) out.push_back(ce.faults);
        return out;
    }

    // Every engine lists its counterexamples smallest first, and each is within the bounds and
    // violates the invariant when simulated from its fault set alone, with the same `pre` tuples
    // left without `post` (docs/algorithm.md, "The verdicts").
    void confirm(const search::CheckResult& r, const std::string& who) {
        if (r.counterexamples.empty()) return;
        expect(std::is_sorted(r.counterexamples.begin(), r.counterexamples.end(),
                              [](const auto& a, const auto& b) { return a.faults.size() < b.faults.size(); }),
               who + ": counterexamples not smallest first");
        sim::Simulator simulator(m_program, m_model, sim::RunOptions{.provenance = false});
        const sim::Run fault_free = simulator.run({});
        for (const auto& ce : r.counterexamples) {
            const std::string what = who + ": counterexample {" + m_model.format(ce.faults) + "}";
            if (!expect(!m_model.violation(ce.faults), what + " is outside the bounds")) continue;
            const SetOutcome* known = m_truth.find(ce.faults);
            const sim::Verdict v =
                known ? known->verdict
                      : sim::judge(*m_program, simulator.run(ce.faults), m_case.oracle, &fault_free);
            expect(v.violated && v.missing == ce.verdict.missing, what + " does not violate so when re-run");
        }
    }

    // exhaustive and symbolic: exactly the truth. The smallest counterexample, and among those the
    // first in the fault order (docs/algorithm.md, "The verdicts"); certified, covering every set.
    void compare_exact(const search::CheckResult& r, const std::string& who) {
        const SetOutcome* first = m_truth.first();
        expect(r.outcome == (first ? Outcome::COUNTEREXAMPLE : Outcome::CERTIFIED),
               who + ": " + search::to_string(r.outcome) + ", but " +
                   (first ? "{" + m_model.format(first->faults) + "} violates" : "no fault set violates"));
        if (first && !r.counterexamples.empty()) {
            expect(r.counterexamples[0].faults == first->faults,
                   who + ": first counterexample {" + m_model.format(r.counterexamples[0].faults) +
                       "}, but the first smallest in the fault order is {" + m_model.format(first->faults) +
                       "}");
        }
        if (r.outcome == Outcome::CERTIFIED) {
            expect(r.vacuous == !m_truth.any_pre, who + ": vacuous is " + (r.vacuous ? "true" : "false"));
        }
        if (r.engine == Strategy::EXHAUSTIVE && r.outcome == Outcome::CERTIFIED) {
            expect(r.runs.size() == m_truth.sets.size(),
                   who + ": certified after " + std::to_string(r.runs.size()) + " of " +
                       std::to_string(m_truth.sets.size()) + " fault sets");
        }
        if (who.rfind("symbolic", 0) == 0)
            expect(r.engine == Strategy::SYMBOLIC, who + ": decided by another engine");
    }

    // `--all` of exhaustive and symbolic: exactly the minimal counterexamples, smallest first and
    // equal sizes in the fault order (docs/algorithm.md, "Search").
    void compare_all(const search::CheckResult& r, const std::string& who) {
        compare_exact(r, who);
        expect(faults_of(r) == m_truth.minimal, who + ": " + sets(faults_of(r)) +
                                                    ", but the minimal counterexamples, in order, are " +
                                                    sets(m_truth.minimal));
    }

    // A program that does not ground within --max-ground (or that the encoding does not cover):
    // `--strategy symbolic` refuses it (exit 3 or 2), never answers.
    void expect_refusal() {
        try {
            check(Strategy::SYMBOLIC, false);
            expect(false, "symbolic: answered a program that does not ground");
        } catch (const ResourceError&) {  // the fault-free run was simulated within the limits
            ++m_out.comparisons;
        } catch (const InputError&) {
            ++m_out.comparisons;
        }
    }

    // auto: the symbolic engine's answer when the program grounds, else the lineage loop's.
    void compare_auto(const search::CheckResult& r, const search::CheckResult& decider) {
        const Strategy engine = m_out.grounded ? Strategy::SYMBOLIC : Strategy::LDFI;
        expect(r.engine == engine, std::string("auto: decided by ") + search::to_string(r.engine));
        expect(r.fallback_reason.empty() == m_out.grounded,
               "auto: fallback reason '" + r.fallback_reason + "'");
        expect(r.outcome == decider.outcome && faults_of(r) == faults_of(decider),
               "auto: " + answer(r) + ", but " + search::to_string(engine) + " alone: " + answer(decider));
    }

    // random: a baseline that never certifies; what it finds is confirmed above.
    void compare_random(const search::CheckResult& r) {
        expect(r.outcome != Outcome::CERTIFIED, "random: certified");
        expect(r.outcome == Outcome::UNKNOWN || m_truth.first(),
               "random: a counterexample where none exists");
    }

    // The lineage loop: sound counterexamples, and within the documented limits (a `pre` tuple
    // that only faults create is not a goal) a smallest one, or certified.
    void compare_ldfi(const search::CheckResult& r, const std::string& who) {
        expect(r.outcome != Outcome::UNKNOWN, who + ": unknown without a budget");
        const std::optional<std::size_t> targeted = m_truth.smallest_targeted();
        const SetOutcome* first = m_truth.first();
        if (r.outcome == Outcome::CERTIFIED) {
            if (expect(!targeted, who + ": certified, but {" + m_model.format(first_targeted()) +
                                      "} violates a `pre` tuple of the fault-free run") &&
                first) {
                allow(who + " certified although {" + m_model.format(first->faults) + "} violates");
            }
            compare_untargeted(r, who);
            if (!m_truth.any_pre) expect(r.vacuous, who + ": certified, not vacuous, but no run has a `pre`");
        } else if (r.outcome == Outcome::COUNTEREXAMPLE && !r.counterexamples.empty()) {
            const std::size_t size = r.counterexamples[0].faults.size();
            expect(!targeted || size <= *targeted,
                   who + ": first counterexample {" + m_model.format(r.counterexamples[0].faults) +
                       "}, but {" + m_model.format(first_targeted()) + "} is smaller");
            if (first && size > first->faults.size() && (!targeted || size <= *targeted)) {
                allow(who + " found {" + m_model.format(r.counterexamples[0].faults) +
                      "}, not the smaller {" + m_model.format(first->faults) + "}");
            }
        }
    }

    sim::FailureSpec first_targeted() const {
        for (const auto& s : m_truth.sets) {
            if (s.verdict.violated && s.targeted) return s.faults;
        }
        return {};
    }

    void allow(const std::string& what) { m_out.allowed.push_back(what + ": " + UNTARGETED); }

    // A certified lineage loop names the `pre` tuples it did not target: each may hold (some run
    // has it), and when one may and the symbolic engine can ground the program, it names some.
    void compare_untargeted(const search::CheckResult& r, const std::string& who) {
        for (const auto& t : r.untargeted_pre) {
            expect(sim::contains(m_truth.new_pre, t.values),
                   who + ": untargeted pre" + format_tuple(t.values) + " holds in no run");
        }
        if (m_out.grounded && !m_truth.new_pre.empty()) {
            expect(!r.untargeted_pre.empty(), who + ": certified without naming the untargeted pre" +
                                                  format_tuple(m_truth.new_pre[0]) + " that some run has");
        }
    }

    // The lineage loop's `--all`: every minimal counterexample it aims at, and only minimal ones
    // (a superset of a minimal one it did not aim at is allowed).
    void compare_ldfi_all(const search::CheckResult& r) {
        const std::vector<sim::FailureSpec> got = faults_of(r);
        auto found = [&](const sim::FailureSpec& f) {
            return std::find(got.begin(), got.end(), f) != got.end();
        };
        for (const auto& m : m_truth.minimal) {
            const bool targeted = m_truth.find(m)->targeted;
            if (expect(found(m) || !targeted, "ldfi --all: misses the minimal {" + m_model.format(m) + "}") &&
                !found(m)) {
                allow("ldfi --all misses the minimal {" + m_model.format(m) + "}");
            }
        }
        for (const auto& f : got) {
            if (std::find(m_truth.minimal.begin(), m_truth.minimal.end(), f) != m_truth.minimal.end())
                continue;
            const bool explained = std::any_of(
                m_truth.minimal.begin(), m_truth.minimal.end(),
                [&](const auto& m) { return f.includes(m) && !found(m) && !m_truth.find(m)->targeted; });
            if (expect(explained, "ldfi --all: {" + m_model.format(f) + "} is not minimal")) {
                allow("ldfi --all reports the non-minimal {" + m_model.format(f) + "}");
            }
        }
    }

    const VerdictCase& m_case;
    VerdictLimits m_limits;
    ProgramPtr m_program;
    sim::FaultModel m_model;
    Truth m_truth;
    VerdictComparison m_out;
};

/// Compares every strategy on `c` (a program whose analysis fails is a problem of the generator).
inline VerdictComparison compare_verdicts(const VerdictCase& c, const VerdictLimits& limits = {}) {
    std::string errors;
    ProgramPtr program = analyze_text(c.text, errors);
    if (!errors.empty()) {
        VerdictComparison out;
        out.problems.push_back("the generated program does not analyse:\n" + errors);
        return out;
    }
    return VerdictChecker(c, limits, std::move(program)).run();
}

/// The case (as an `ldfi check` command line), every engine's answer, and what was wrong.
inline std::string describe(const VerdictCase& c, const VerdictComparison& r) {
    std::string nodes;
    for (const auto& n : c.nodes) nodes += (nodes.empty() ? "" : ",") + n;
    std::string out = c.origin + ": ldfi check t.ded --nodes " + nodes + " --eot " +
                      std::to_string(c.bounds.eot) + " --eff " + std::to_string(c.bounds.eff) +
                      " --crashes " + std::to_string(c.bounds.max_crashes) + " --oracle " +
                      (c.oracle == sim::OracleKind::MOLLY ? "molly" : "implies") + " --max-ground " +
                      std::to_string(c.max_ground) + (c.all ? " (also --all)" : "") + "\n";
    for (const auto& p : r.problems) out += "  PROBLEM: " + p + "\n";
    for (const auto& a : r.allowed) out += "  allowed: " + a + "\n";
    out += r.answers + "--- t.ded ---\n" + c.text;
    return out;
}

}  // namespace ldfi::test
