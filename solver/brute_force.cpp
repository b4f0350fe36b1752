// The reference backend: every fault set within the bounds, by increasing size, checked with
// Formula::eval. Exponential; for tests and tiny configurations only.
#include <algorithm>
#include <bit>
#include <chrono>
#include <set>

#include "engine.hpp"
#include "ldfi/util/error.hpp"

namespace ldfi::solver {

namespace {

using Mask = std::uint64_t;

/// The next larger mask with the same number of bits set (Gosper's hack); `m` must be non-zero.
Mask next_same_popcount(Mask m) {
    const Mask lowest = m & (~m + 1);
    const Mask ripple = m + lowest;
    return ripple | (((m ^ ripple) >> 2) / lowest);
}

class BruteForceEngine final : public HypothesisEngine {
public:
    BruteForceEngine(const sim::FaultModel& model, std::shared_ptr<Formula> formula)
        : m_max_crashes(model.bounds().max_crashes), m_formula(std::move(formula)) {
        for (const sim::Crash& c : model.possible_crashes()) {
            if (m_node_crashes.size() <= c.node.index()) m_node_crashes.resize(c.node.index() + 1, 0);
            m_node_crashes[c.node.index()] |= Mask{1} << m_faults.size();
            m_crash_mask |= Mask{1} << m_faults.size();
            m_faults.emplace_back(c);
        }
        for (const sim::Omission& o : model.possible_omissions()) m_faults.emplace_back(o);
        if (m_faults.size() >= 64) throw InputError("the brute-force backend handles at most 63 possible faults");
        next_round();
    }

    void add_goal(FormulaId derived) override { m_goals.push_back(derived); }
    void exclude(const sim::FailureSpec& tested) override { m_excluded.insert(tested); }

    void forbid_supersets(const sim::FailureSpec& found) override {
        Mask mask = 0;
        for (const sim::Fault& f : found.faults()) {
            auto it = std::find(m_faults.begin(), m_faults.end(), f);
            if (it == m_faults.end()) return;  // outside the bounds: no superset is ever proposed
            mask |= Mask{1} << (it - m_faults.begin());
        }
        m_forbidden.push_back(mask);
    }

    void next_round() override {
        m_found.clear();
        m_level = 0;
        m_fresh_level = true;
        m_level_open = false;
        m_done = false;
    }

    std::optional<sim::FailureSpec> next() override {
        const auto start = std::chrono::steady_clock::now();
        auto result = search();
        m_stats.solve_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (result) ++m_stats.hypotheses;
        return result;
    }

    [[nodiscard]] const GeneratorStats& stats() const override { return m_stats; }

private:
    std::optional<sim::FailureSpec> search() {
        while (!m_done && advance()) {
            if (!candidate(m_mask)) continue;
            m_level_open = true;
            sim::FailureSpec spec = spec_of(m_mask);
            if (!sim::FaultModel::is_canonical(spec) || m_excluded.contains(spec) || !is_hypothesis(spec)) continue;
            m_found.push_back(m_mask);
            return spec;
        }
        return std::nullopt;
    }

    /// Moves to the next fault set of this size (in increasing mask order); at the end of a level,
    /// to the next level, or ends the round when every set of this size was out of bounds or a
    /// blocked superset: then so is every larger one.
    bool advance() {
        const std::size_t n = m_faults.size();
        if (!m_fresh_level && m_level > 0) {
            m_mask = next_same_popcount(m_mask);
            if (m_mask < (Mask{1} << n)) return true;
        }
        if (!m_fresh_level) {
            if (!m_level_open || m_level == n) {
                m_done = true;
                return false;
            }
            ++m_level;
            m_level_open = false;
        }
        m_fresh_level = false;
        m_mask = (Mask{1} << m_level) - 1;
        return true;
    }

    /// Within the bounds and not a superset of a hypothesis found this round.
    [[nodiscard]] bool candidate(Mask m) const {
        if (std::popcount(m & m_crash_mask) > m_max_crashes) return false;
        for (Mask node : m_node_crashes) {
            if (std::popcount(m & node) > 1) return false;
        }
        auto contains = [m](Mask f) { return (m & f) == f; };
        return std::none_of(m_found.begin(), m_found.end(), contains) &&
               std::none_of(m_forbidden.begin(), m_forbidden.end(), contains);
    }

    [[nodiscard]] sim::FailureSpec spec_of(Mask m) const {
        sim::FailureSpec spec;
        for (std::size_t i = 0; i < m_faults.size(); ++i) {
            if (m & (Mask{1} << i)) spec.add(m_faults[i]);
        }
        return spec;
    }

    bool is_hypothesis(const sim::FailureSpec& spec) {
        ++m_stats.solver_calls;
        std::vector<std::int8_t> memo;
        return std::any_of(m_goals.begin(), m_goals.end(),
                           [&](FormulaId g) { return !m_formula->eval(g, spec, memo); });
    }

    std::int32_t m_max_crashes;
    std::shared_ptr<Formula> m_formula;
    std::vector<sim::Fault> m_faults;  ///< crashes, then omissions, in the model's order
    std::vector<Mask> m_node_crashes;  ///< per node: the bits of its crash faults
    Mask m_crash_mask = 0;
    std::vector<FormulaId> m_goals;
    std::set<sim::FailureSpec> m_excluded;
    std::vector<Mask> m_found;      ///< this round's hypotheses
    std::vector<Mask> m_forbidden;  ///< forbid_supersets(), in every round
    Mask m_mask = 0;            ///< the current fault set: bit i is m_faults[i]
    std::size_t m_level = 0;    ///< its size
    bool m_fresh_level = true;  ///< m_level is set but its first set not yet taken
    bool m_level_open = false;  ///< some set of this size was in bounds and not a blocked superset
    bool m_done = false;
    GeneratorStats m_stats;
};

}  // namespace

std::unique_ptr<HypothesisEngine> make_brute_force_engine(const sim::FaultModel& model,
                                                          std::shared_ptr<Formula> formula) {
    return std::make_unique<BruteForceEngine>(model, std::move(formula));
}

}  // namespace ldfi::solver
