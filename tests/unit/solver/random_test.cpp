// Randomised cross-check: the Z3 backend's minimal hypotheses equal the brute-force backend's on
// random formula DAGs, over several rounds with extends, new goals and excludes in between.
#include <gtest/gtest.h>

#include <array>
#include <iostream>
#include <random>
#include <set>

#include "generator_support.hpp"

namespace ldfi::solver {
namespace {

using testing::drain;
using testing::sorted;

/// Builds random lineage-like formulas: NOT omit / NOT down leaves (now and then a positive crash
/// or a NOT over a small fault-only OR), AND/OR junctions, and open nodes that grow over rounds.
class RandomLineage {
public:
    RandomLineage(std::uint32_t seed, Formula& f) : m_rng(seed), m_f(f) {
        m_bounds.eot = pick(3, 4);
        m_bounds.eff = pick(2, 3);
        m_nodes = static_cast<std::uint32_t>(pick(2, 3));
        m_bounds.max_crashes = (m_nodes == 3 && m_bounds.eff == 3) ? 0 : pick(0, 1);
        for (int i = 0; i < 6; ++i) m_pool.push_back(leaf());
    }

    [[nodiscard]] sim::FaultModel model() const {
        std::vector<std::string> names{"a", "b", "c"};
        names.resize(m_nodes);
        return {names, m_bounds};
    }

    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }

    /// Adds a few junctions (and sometimes an open node) to the pool.
    void grow(int junctions) {
        for (int i = 0; i < junctions; ++i) {
            if (pick(0, 5) == 0) m_pool.push_back(leaf());
            std::vector<FormulaId> kids;
            for (int k = pick(2, 3); k > 0; --k)
                kids.push_back(m_pool[pick(0, static_cast<int>(m_pool.size()) - 1)]);
            m_pool.push_back(pick(0, 1) ? m_f.conj(kids) : m_f.disj(kids));
            if (pick(0, 3) == 0) add_open();
        }
    }

    FormulaId add_open() {
        const FormulaId open = m_f.open_disj();
        m_open.push_back({open, m_pool.size()});
        m_pool.push_back(open);
        extend(m_open.size() - 1);
        return open;
    }

    /// Extends an open node with an element built before it (so the DAG stays acyclic).
    void extend(std::size_t which) {
        const auto [open, position] = m_open[which];
        if (position == 0) return;
        m_f.extend(open, m_pool[pick(0, static_cast<int>(position) - 1)]);
    }

    void extend_some() {
        for (int i = pick(1, 3); i > 0 && !m_open.empty(); --i)
            extend(pick(0, static_cast<int>(m_open.size()) - 1));
    }

private:
    FormulaId leaf() {
        const auto n = static_cast<std::uint32_t>(m_nodes);
        const NodeId from(static_cast<std::uint32_t>(pick(0, static_cast<int>(n) - 1)));
        const NodeId to((from.value + static_cast<std::uint32_t>(pick(1, static_cast<int>(n) - 1))) % n);
        const int kind = pick(0, 9);
        if (kind < 5)
            return m_f.negate(m_f.omit({from, to, pick(1, m_bounds.eff)}));  // eff itself: out of bounds
        if (kind < 8) return m_f.negate(m_f.down(from, pick(1, m_bounds.eot - 1)));
        if (kind == 8) return m_f.crash({from, pick(1, m_bounds.eot - 1)});
        return m_f.negate(m_f.disj({m_f.omit({from, to, 1}), m_f.down(to, pick(1, m_bounds.eot - 1))}));
    }

    std::mt19937 m_rng;
    Formula& m_f;
    sim::FaultBounds m_bounds;
    std::uint32_t m_nodes = 2;
    std::vector<FormulaId> m_pool;
    std::vector<std::pair<FormulaId, std::size_t>> m_open;  ///< open node, its position in the pool
};

struct Totals {
    std::uint64_t calls = 0, hypotheses = 0;
    double seconds = 0;
};

void cross_check(std::uint32_t seed, Totals& totals) {
    auto formula = std::make_shared<Formula>();
    RandomLineage lineage(seed, *formula);
    const sim::FaultModel model = lineage.model();
    HypothesisGenerator z3(model, formula, {Backend::Z3, "", 0});
    HypothesisGenerator brute(model, formula, {Backend::BRUTE_FORCE, "", 0});
    // AUTO with a budget that makes Z3 take over a round at some level, or never.
    constexpr std::array<std::uint64_t, 5> budgets{0, 50, 200, 1000, DEFAULT_DIRECT_BUDGET};
    HypothesisGenerator automatic(model, formula, {Backend::AUTO, "", 0, budgets[seed % budgets.size()]});
    const std::array<HypothesisGenerator*, 3> all{&z3, &brute, &automatic};
    auto add_goal = [&](FormulaId goal) {
        for (HypothesisGenerator* gen : all) gen->add_goal(goal);
    };
    lineage.grow(lineage.pick(3, 8));
    for (int goals = lineage.pick(1, 3); goals > 0; --goals) add_goal(lineage.add_open());
    const int rounds = lineage.pick(2, 3);
    for (int round = 0; round < rounds; ++round) {
        const auto expected = drain(brute);
        const auto actual = drain(z3);
        ASSERT_EQ(sorted(actual), sorted(expected)) << "seed " << seed << " round " << round;
        ASSERT_TRUE(testing::sizes_non_decreasing(actual)) << "seed " << seed << " round " << round;
        const auto from_auto = drain(automatic);
        ASSERT_EQ(sorted(from_auto), sorted(expected)) << "AUTO, seed " << seed << " round " << round;
        ASSERT_TRUE(testing::sizes_non_decreasing(from_auto)) << "AUTO, seed " << seed << " round " << round;
        for (std::size_t i = 0; i < actual.size(); i += 2) {  // excluding some of them, as if run
            for (HypothesisGenerator* gen : all) gen->exclude(actual[i]);
        }
        if (actual.size() > 1 && lineage.pick(0, 3) == 0) {  // and one as a counterexample
            for (HypothesisGenerator* gen : all) gen->forbid_supersets(actual[1]);
        }
        lineage.grow(lineage.pick(0, 3));
        lineage.extend_some();
        if (lineage.pick(0, 2) == 0) add_goal(lineage.add_open());
        for (HypothesisGenerator* gen : all) gen->next_round();
    }
    totals.calls += z3.stats().solver_calls;
    totals.hypotheses += z3.stats().hypotheses;
    totals.seconds += z3.stats().solve_seconds;
}

TEST(RandomFormulas, Z3MatchesBruteForce) {
    Totals totals;
    for (std::uint32_t seed = 1; seed <= 250; ++seed) {
        cross_check(seed, totals);
        if (HasFatalFailure()) return;
    }
    std::cout << "z3: " << totals.hypotheses << " hypotheses, " << totals.calls << " solver calls, "
              << (totals.calls ? 1e6 * totals.seconds / static_cast<double>(totals.calls) : 0.0)
              << " us per call\n";
}

}  // namespace
}  // namespace ldfi::solver
