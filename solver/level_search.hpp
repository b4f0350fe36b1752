// Private to the solver module: minimal hypotheses by direct evaluation of the Formula, one
// level (fault-set size) at a time. The brute-force backend runs it without a limit; the AUTO
// backend runs it for the levels cheap enough to evaluate outright and asks Z3 for the rest.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "ldfi/sim/fault_space.hpp"
#include "ldfi/solver/formula.hpp"

namespace ldfi::solver {

class LevelSearch {
public:
    /// Searches a level only when its sets times the formula's nodes is at most `budget` (the
    /// node visits of evaluating them one at a time; 64 share a pass, so 1/64 of that, and
    /// more passes only where lineage is cyclic).
    LevelSearch(std::shared_ptr<const sim::FaultSpace> space, std::shared_ptr<Formula> formula,
                std::uint64_t budget);

    void add_goal(FormulaId derived) { m_goals.push_back(derived); }
    void prefer_keeping(FormulaId f) { m_keep.push_back(f); }
    void exclude(const sim::FailureSpec& tested);
    void forbid_supersets(const sim::FailureSpec& found);
    /// Starts a new round. Within each level, fault sets come in lexicographic order of a fault
    /// order fixed per round (order_faults).
    void next_round();

    enum class Outcome {
        FOUND,        ///< `found` holds the next minimal hypothesis of this round
        ROUND_DONE,   ///< no hypothesis is left in this round
        OVER_BUDGET,  ///< level() is the next level to search, and it costs more than the budget
    };
    /// Searches on for the next minimal hypothesis; stops before a level over the budget.
    Outcome next(sim::FailureSpec& found);

    /// The size of the fault sets being searched.
    [[nodiscard]] std::size_t level() const { return m_level; }
    /// This round's hypotheses so far (their supersets are blocked for the round).
    [[nodiscard]] std::vector<sim::FailureSpec> round_hypotheses() const;
    [[nodiscard]] const std::set<sim::FailureSpec>& excluded() const { return m_excluded; }
    [[nodiscard]] const std::vector<sim::FailureSpec>& forbidden() const { return m_forbidden_specs; }
    [[nodiscard]] const std::vector<FormulaId>& goals() const { return m_goals; }
    /// Fault sets evaluated so far.
    [[nodiscard]] std::uint64_t evaluations() const { return m_evaluations; }

private:
    using IndexSet = std::vector<std::uint32_t>;  ///< sorted positions in m_order

    using Lanes = LaneEvaluator::Lanes;  ///< one bit per fault set of a batch
    static constexpr std::size_t LANES = LaneEvaluator::LANES;
    struct Candidate {
        IndexSet set;
        sim::FailureSpec spec;
    };

    enum class Step { CANDIDATE, DONE, OVER_BUDGET };
    Step advance();
    [[nodiscard]] std::uint64_t level_cost(std::size_t k) const;
    [[nodiscard]] bool candidate(const IndexSet& set) const;
    [[nodiscard]] bool indices_of(const sim::FailureSpec& spec, IndexSet& out) const;
    /// The space's indices of the faults at `set`'s positions (in a buffer reused by the next call).
    [[nodiscard]] const IndexSet& in_space(const IndexSet& set) const;
    void order_faults();
    void index_faults();
    /// Calls f(index) for every fault a leaf means (one for OMIT and CRASH, every crash of the
    /// node up to its time for DOWN; none for other nodes or faults outside the bounds).
    template <typename F>
    void for_each_fault_of(const Formula::Node& leaf, F&& f) const;
    [[nodiscard]] std::pair<std::size_t, std::size_t> formula_version() const;
    void evaluate_batch();
    void evaluate_lanes(const std::vector<Lanes>& fault_lanes, const std::vector<FormulaId>& roots);
    [[nodiscard]] sim::FailureSpec spec_of(const IndexSet& set) const;

    std::shared_ptr<const sim::FaultSpace> m_space;
    std::shared_ptr<Formula> m_formula;
    std::uint64_t m_budget;
    std::vector<std::uint32_t> m_order;     ///< position -> the space's index; most goals reached first
    std::vector<std::uint32_t> m_position;  ///< the space's index -> position in m_order
    mutable IndexSet m_scratch;             ///< in_space()'s answer
    std::vector<FormulaId> m_goals;
    std::vector<FormulaId> m_keep;  ///< prefer_keeping()
    std::set<sim::FailureSpec> m_excluded;
    std::vector<IndexSet> m_forbidden;  ///< forbid_supersets(), in every round
    std::vector<sim::FailureSpec> m_forbidden_specs;
    std::vector<IndexSet> m_round_sets;  ///< this round's hypotheses
    IndexSet m_current;                  ///< the current fault set
    std::size_t m_level = 0;             ///< its size
    bool m_fresh_level = true;           ///< m_level is set but its first set not yet taken
    bool m_level_open = false;           ///< some set of this size was in bounds and not a blocked superset
    bool m_done = false;
    bool m_ordered = false;                               ///< order_faults() ran for this round
    std::vector<Candidate> m_batch;                       ///< the sets being evaluated, in search order
    std::size_t m_batch_pos = 0;                          ///< the next one to take
    Lanes m_batch_hypotheses = 0;                         ///< bit i: m_batch[i] cuts some goal
    std::pair<std::size_t, std::size_t> m_batch_version;  ///< the formula they were evaluated on
    LaneEvaluator m_lanes;                                ///< the batch's or the ranking's values
    std::uint64_t m_evaluations = 0;
};

}  // namespace ldfi::solver
