// Minimal hypotheses by direct evaluation, level by level, and the brute-force backend built on it.
#include "level_search.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <limits>
#include <map>
#include <numeric>

#include "engine.hpp"
#include "ldfi/util/error.hpp"

namespace ldfi::solver {

namespace {

/// The next k-subset of {0..n-1} after `set` in lexicographic order; false after the last one.
bool next_subset(std::vector<std::uint32_t>& set, std::size_t n) {
    const std::size_t k = set.size();
    for (std::size_t i = k; i-- > 0;) {
        if (set[i] < n - k + i) {
            ++set[i];
            std::iota(set.begin() + static_cast<std::ptrdiff_t>(i) + 1, set.end(), set[i] + 1);
            return true;
        }
    }
    return false;
}

/// n choose k (0 when k > n), saturating at the largest uint64.
std::uint64_t choose(std::uint64_t n, std::uint64_t k) {
    constexpr std::uint64_t MAX = std::numeric_limits<std::uint64_t>::max();
    if (k > n) return 0;
    std::uint64_t result = 1;
    for (std::uint64_t i = 1; i <= k; ++i) {  // result * (n - k + i) / i stays exact
        const std::uint64_t factor = n - k + i;
        if (result > MAX / factor) return MAX;
        result = result * factor / i;
    }
    return result;
}

}  // namespace

LevelSearch::LevelSearch(std::shared_ptr<const sim::FaultSpace> space, std::shared_ptr<Formula> formula,
                         std::uint64_t budget)
    : m_space(std::move(space)),
      m_formula(std::move(formula)),
      m_budget(budget),
      m_order(m_space->size()),
      m_lanes(*m_formula) {
    std::iota(m_order.begin(), m_order.end(), 0u);
    index_faults();
    next_round();
}

void LevelSearch::exclude(const sim::FailureSpec& tested) { m_excluded.insert(tested); }

void LevelSearch::forbid_supersets(const sim::FailureSpec& found) {
    IndexSet set;
    if (!indices_of(found, set)) return;  // outside the bounds: no superset is ever proposed
    m_forbidden.push_back(std::move(set));
    m_forbidden_specs.push_back(found);
}

void LevelSearch::next_round() {
    m_ordered = false;
    m_round_sets.clear();
    m_batch.clear();
    m_batch_pos = 0;
    m_level = 0;
    m_fresh_level = true;
    m_level_open = false;
    m_done = false;
}

LevelSearch::Outcome LevelSearch::next(sim::FailureSpec& found) {
    if (!m_ordered) {  // on the formula as the round starts; only when single faults are cheap to try
        if (level_cost(1) <= m_budget) order_faults();
        m_ordered = true;
    }
    for (;;) {
        while (m_batch_pos < m_batch.size()) {
            // Runs learned since the batch was evaluated may have changed the formula.
            if (formula_version() != m_batch_version) evaluate_batch();
            const std::size_t lane = m_batch_pos++;
            Candidate& c = m_batch[lane];
            // Re-checked: a hypothesis or counterexample found since may block it.
            if (!(m_batch_hypotheses >> lane & 1U) || !candidate(c.set) || m_excluded.contains(c.spec)) {
                continue;
            }
            m_round_sets.push_back(c.set);
            found = std::move(c.spec);
            return Outcome::FOUND;
        }
        if (m_done) return Outcome::ROUND_DONE;
        // The next batch of up to 64 sets; it may reach into the next level, whose sets are
        // then taken only after every earlier one (and re-checked against them).
        m_batch.clear();
        m_batch_pos = 0;
        Step step = Step::CANDIDATE;
        while (m_batch.size() < LANES && (step = advance()) == Step::CANDIDATE) {
            if (!candidate(m_current)) continue;
            m_level_open = true;
            if (!m_space->canonical(in_space(m_current))) continue;
            sim::FailureSpec spec = spec_of(m_current);
            if (m_excluded.contains(spec)) continue;
            m_batch.push_back({m_current, std::move(spec)});
        }
        if (m_batch.empty()) return step == Step::OVER_BUDGET ? Outcome::OVER_BUDGET : Outcome::ROUND_DONE;
        evaluate_batch();
    }
}

std::vector<sim::FailureSpec> LevelSearch::round_hypotheses() const {
    std::vector<sim::FailureSpec> out;
    for (const IndexSet& set : m_round_sets) out.push_back(spec_of(set));
    return out;
}

std::pair<std::size_t, std::size_t> LevelSearch::formula_version() const {
    return {m_formula->size(), m_formula->extension_log().size()};
}

/// Evaluates every goal for the batch's not yet taken sets.
void LevelSearch::evaluate_batch() {
    m_batch_version = formula_version();
    std::vector<Lanes> fault_lanes(m_order.size(), 0);
    Lanes live = 0;
    for (std::size_t lane = m_batch_pos; lane < m_batch.size(); ++lane) {
        for (std::uint32_t i : m_batch[lane].set) fault_lanes[i] |= Lanes{1} << lane;
        live |= Lanes{1} << lane;
    }
    evaluate_lanes(fault_lanes, m_goals);
    Lanes cut = 0;
    for (FormulaId g : m_goals) cut |= ~m_lanes.value(g);
    m_batch_hypotheses = cut & live;
    m_evaluations += m_batch.size() - m_batch_pos;
}

/// Evaluates `roots` under up to 64 fault sets at once (`fault_lanes[i]` says which sets hold
/// fault i) into m_lanes.
void LevelSearch::evaluate_lanes(const std::vector<Lanes>& fault_lanes, const std::vector<FormulaId>& roots) {
    m_lanes.evaluate(roots, [&](const Formula::Node& n) -> Lanes {
        Lanes v = 0;
        for_each_fault_of(n, [&](std::uint32_t i) { v |= fault_lanes[i]; });
        return v;
    });
}

template <typename F>
void LevelSearch::for_each_fault_of(const Formula::Node& leaf, F&& f) const {
    if (leaf.op == Formula::Op::DOWN) {  // every crash of its node at or before its time
        for (std::uint32_t i : m_space->down_by(leaf.crash.node, leaf.crash.time)) f(m_position[i]);
        return;
    }
    if (leaf.op != Formula::Op::OMIT && leaf.op != Formula::Op::CRASH) return;
    auto i = leaf.op == Formula::Op::OMIT ? m_space->index_of(leaf.omit) : m_space->index_of(leaf.crash);
    if (i) f(m_position[*i]);
}

/// Moves to the next fault set of this size; at the end of a level, to the next level, or ends
/// the round when every set of this size was out of bounds or a blocked superset: then so is
/// every larger one.
LevelSearch::Step LevelSearch::advance() {
    if (!m_fresh_level) {
        if (next_subset(m_current, m_order.size())) return Step::CANDIDATE;
        if (!m_level_open || m_level == m_order.size()) {
            m_done = true;
            return Step::DONE;
        }
        ++m_level;
        m_level_open = false;
        m_fresh_level = true;
    }
    if (level_cost(m_level) > m_budget) return Step::OVER_BUDGET;
    m_fresh_level = false;
    m_current.resize(m_level);
    std::iota(m_current.begin(), m_current.end(), 0u);
    return Step::CANDIDATE;
}

std::uint64_t LevelSearch::level_cost(std::size_t k) const {
    const std::uint64_t sets = choose(m_order.size(), k);
    const std::uint64_t nodes = std::max<std::uint64_t>(m_formula->size(), 1);
    return sets > std::numeric_limits<std::uint64_t>::max() / nodes
               ? std::numeric_limits<std::uint64_t>::max()
               : sets * nodes;
}

/// Within the bounds and not a superset of a hypothesis found this round or a counterexample.
bool LevelSearch::candidate(const IndexSet& set) const {
    if (!m_space->valid(in_space(set))) return false;
    auto contains = [&set](const IndexSet& f) {
        return std::includes(set.begin(), set.end(), f.begin(), f.end());
    };
    return std::none_of(m_round_sets.begin(), m_round_sets.end(), contains) &&
           std::none_of(m_forbidden.begin(), m_forbidden.end(), contains);
}

bool LevelSearch::indices_of(const sim::FailureSpec& spec, IndexSet& out) const {
    out.clear();
    auto indices = m_space->indices_of(spec);
    if (!indices) return false;
    for (std::uint32_t i : *indices) out.push_back(m_position[i]);
    std::sort(out.begin(), out.end());
    return true;
}

const LevelSearch::IndexSet& LevelSearch::in_space(const IndexSet& set) const {
    m_scratch.clear();
    for (std::uint32_t p : set) m_scratch.push_back(m_order[p]);
    return m_scratch;
}

/// Orders the faults (m_order): crashes before omissions, as in the model, and within each kind by what a
/// fault does alone: first those that keep more prefer_keeping() formulas, then those that cut
/// more goals, then those that more goals' formulas mention (a "down by time t" leaf mentions
/// every crash of its node at or before t).
/// Kinds are not mixed because a crash stops every later message of its node, so it nearly
/// always loses some `pre` lineage and would sink below every omission. Stable, so ties keep the
/// model's order. Re-indexes what refers to the faults.
void LevelSearch::order_faults() {
    const std::size_t faults = m_order.size();
    std::vector<std::uint32_t> goals_mentioning(faults, 0);
    std::vector<std::uint32_t> node_seen(m_formula->size(), 0), fault_seen(faults, 0);
    std::vector<FormulaId> stack;
    for (std::size_t g = 0; g < m_goals.size(); ++g) {
        const auto mark = static_cast<std::uint32_t>(g + 1);
        auto mention = [&](std::uint32_t i) {
            if (fault_seen[i] != mark) ++goals_mentioning[i];
            fault_seen[i] = mark;
        };
        stack.assign(1, m_goals[g]);
        while (!stack.empty()) {
            const FormulaId f = stack.back();
            stack.pop_back();
            if (node_seen[f.index()] == mark) continue;
            node_seen[f.index()] = mark;
            const Formula::Node& n = m_formula->node(f);
            stack.insert(stack.end(), n.children.begin(), n.children.end());
            for_each_fault_of(n, mention);
        }
    }
    // What each fault does alone: 64 single faults (lanes) per evaluation.
    using Key = std::array<std::uint32_t, 4>;
    std::vector<Key> keys(faults);
    std::vector<FormulaId> roots = m_keep;
    roots.insert(roots.end(), m_goals.begin(), m_goals.end());
    for (std::size_t first = 0; first < faults; first += LANES) {
        const std::size_t count = std::min(LANES, faults - first);
        std::vector<Lanes> fault_lanes(faults, 0);
        for (std::size_t lane = 0; lane < count; ++lane) fault_lanes[first + lane] = Lanes{1} << lane;
        evaluate_lanes(fault_lanes, roots);
        for (std::size_t lane = 0; lane < count; ++lane) {
            auto holds = [&](FormulaId f) { return (m_lanes.value(f) >> lane & 1U) != 0; };
            const auto kept = static_cast<std::uint32_t>(std::count_if(m_keep.begin(), m_keep.end(), holds));
            const auto cut = static_cast<std::uint32_t>(m_goals.size()) -
                             static_cast<std::uint32_t>(std::count_if(m_goals.begin(), m_goals.end(), holds));
            const std::size_t i = first + lane;
            const std::uint32_t crash = m_order[i] < m_space->crash_count() ? 1 : 0;
            keys[i] = {crash, kept, cut, goals_mentioning[i]};
        }
    }
    std::vector<std::uint32_t> order(faults);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return keys[a] > keys[b]; });
    std::vector<std::uint32_t> reordered;
    reordered.reserve(faults);
    for (std::uint32_t i : order) reordered.push_back(m_order[i]);
    m_order = std::move(reordered);
    index_faults();
    for (std::size_t i = 0; i < m_forbidden.size(); ++i)
        (void)indices_of(m_forbidden_specs[i], m_forbidden[i]);
}

void LevelSearch::index_faults() {
    m_position.assign(m_order.size(), 0);
    for (std::uint32_t p = 0; p < m_order.size(); ++p) m_position[m_order[p]] = p;
}

sim::FailureSpec LevelSearch::spec_of(const IndexSet& set) const { return m_space->spec_of(in_space(set)); }

namespace {

/// Every fault set within the bounds, by increasing size, evaluated outright. Exponential; for
/// tests and tiny configurations only.
class BruteForceEngine final : public HypothesisEngine {
public:
    BruteForceEngine(std::shared_ptr<const sim::FaultSpace> space, std::shared_ptr<Formula> formula)
        : m_search(std::move(space), std::move(formula), std::numeric_limits<std::uint64_t>::max()) {}

    void add_goal(FormulaId derived) override { m_search.add_goal(derived); }
    void prefer_keeping(FormulaId f) override { m_search.prefer_keeping(f); }
    void exclude(const sim::FailureSpec& tested) override { m_search.exclude(tested); }
    void forbid_supersets(const sim::FailureSpec& found) override { m_search.forbid_supersets(found); }
    void next_round() override { m_search.next_round(); }

    std::optional<sim::FailureSpec> next() override {
        const auto start = std::chrono::steady_clock::now();
        sim::FailureSpec found;
        const auto outcome = m_search.next(found);
        m_stats.solve_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        m_stats.evaluations = m_search.evaluations();
        if (outcome != LevelSearch::Outcome::FOUND) return std::nullopt;
        ++m_stats.hypotheses;
        return found;
    }

    [[nodiscard]] const GeneratorStats& stats() const override { return m_stats; }

private:
    LevelSearch m_search;
    GeneratorStats m_stats;
};

}  // namespace

std::unique_ptr<HypothesisEngine> make_brute_force_engine(std::shared_ptr<const sim::FaultSpace> space,
                                                          std::shared_ptr<Formula> formula) {
    return std::make_unique<BruteForceEngine>(std::move(space), std::move(formula));
}

}  // namespace ldfi::solver
