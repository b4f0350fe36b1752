// The ground truth of a check at tiny bounds, independent of every search engine: each valid,
// canonical fault set simulated from scratch and judged. The verdict comparison
// (verdict_compare.hpp) holds the engines to it; the cross-checks of tests/unit/search use its
// re-run helpers.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/sim/fault_space.hpp"
#include "ldfi/sim/oracle.hpp"
#include "ldfi/sim/run.hpp"

namespace ldfi::test {

using ProgramPtr = std::shared_ptr<const analysis::CheckedProgram>;

/// Re-runs `faults` from scratch; true when the run violates the invariant.
inline bool really_violates(const ProgramPtr& program, const sim::FaultModel& m,
                            const sim::FailureSpec& faults, sim::OracleKind oracle) {
    sim::Simulator simulator(program, m, sim::RunOptions{.provenance = false});
    sim::Run fault_free = simulator.run(sim::FailureSpec{});
    sim::Run run = simulator.run(faults);
    return sim::judge(*program, run, oracle, &fault_free).violated;
}

/// True when every `pre` tuple that `faults` leaves without its `post` is absent from the
/// fault-free run's `pre` at EOT (a pre that only faults create: not a goal of LDFI).
inline bool only_new_pre_violated(const ProgramPtr& program, const sim::FaultModel& m,
                                  const sim::FailureSpec& faults) {
    sim::Simulator simulator(program, m, sim::RunOptions{.provenance = false});
    sim::Run fault_free = simulator.run(sim::FailureSpec{});
    sim::Verdict v = sim::judge(*program, simulator.run(faults), sim::OracleKind::IMPLIES, &fault_free);
    auto pre = sim::tuples_at(fault_free, program->pre, m.bounds().eot);
    for (const auto& t : v.missing) {
        if (std::find(pre.begin(), pre.end(), t) != pre.end()) return false;
    }
    return v.violated;
}

/// What one fault set does.
struct SetOutcome {
    sim::FailureSpec faults;
    sim::Verdict verdict;
    /// The violation leaves a `pre` tuple of the fault-free run without its `post`: a goal the
    /// lineage loop aims at (with the molly oracle every violation is).
    bool targeted = false;
};

/// Every valid, canonical fault set of a check (sim::FaultSpace::for_each_set), simulated.
struct Truth {
    std::vector<SetOutcome> sets;  ///< by size, then in the fault order; sets[0] is fault-free
    /// The violating sets without a violating proper subset, in the same order: what `--all`
    /// reports (only the empty set when the fault-free run violates).
    std::vector<sim::FailureSpec> minimal;
    std::vector<sim::ValueTuple> new_pre;  ///< `pre` tuples at EOT of some run, not of the fault-free one
    bool any_pre = false;                  ///< some run has a `pre` tuple at EOT

    /// The first violating set: the smallest, and among those the first in the fault order.
    [[nodiscard]] const SetOutcome* first() const {
        for (const auto& s : sets) {
            if (s.verdict.violated) return &s;
        }
        return nullptr;
    }
    /// The size of the smallest targeted violating set, if there is one.
    [[nodiscard]] std::optional<std::size_t> smallest_targeted() const {
        for (const auto& s : sets) {
            if (s.verdict.violated && s.targeted) return s.faults.size();
        }
        return std::nullopt;
    }
    /// The outcome of `faults`, when it is one of the sets.
    [[nodiscard]] const SetOutcome* find(const sim::FailureSpec& faults) const {
        auto it =
            std::find_if(sets.begin(), sets.end(), [&](const SetOutcome& s) { return s.faults == faults; });
        return it == sets.end() ? nullptr : &*it;
    }
};

namespace detail {

inline void add_outcome(Truth& truth, const sim::FailureSpec& faults, sim::Verdict verdict,
                        const std::vector<sim::ValueTuple>& fault_free_pre, sim::OracleKind oracle) {
    SetOutcome s{faults, std::move(verdict), false};
    s.targeted = s.verdict.violated &&
                 (oracle == sim::OracleKind::MOLLY ||
                  std::any_of(s.verdict.missing.begin(), s.verdict.missing.end(),
                              [&](const sim::ValueTuple& t) { return sim::contains(fault_free_pre, t); }));
    if (s.verdict.violated && std::none_of(truth.minimal.begin(), truth.minimal.end(),
                                           [&](const auto& m) { return faults.includes(m); })) {
        truth.minimal.push_back(faults);
    }
    truth.sets.push_back(std::move(s));
}

inline void note_pre(Truth& truth, const std::vector<sim::ValueTuple>& pre,
                     const std::vector<sim::ValueTuple>& fault_free_pre) {
    truth.any_pre = truth.any_pre || !pre.empty();
    for (const auto& t : pre) {
        if (!sim::contains(fault_free_pre, t) &&
            std::find(truth.new_pre.begin(), truth.new_pre.end(), t) == truth.new_pre.end()) {
            truth.new_pre.push_back(t);
        }
    }
}

}  // namespace detail

/// Simulates every valid, canonical fault set within `m`'s bounds under `options` (its work
/// limits throw ResourceError).
inline Truth simulate_every_set(const ProgramPtr& program, const sim::FaultModel& m, sim::OracleKind oracle,
                                sim::RunOptions options) {
    options.provenance = false;
    sim::Simulator simulator(program, m, options);
    const sim::Run fault_free = simulator.run(sim::FailureSpec{});
    const std::int32_t eot = m.bounds().eot;
    const std::vector<sim::ValueTuple> fault_free_pre = sim::tuples_at(fault_free, program->pre, eot);
    const sim::FaultSpace space(m);
    Truth truth;
    for (std::size_t size = 0; size <= space.size(); ++size) {
        space.for_each_set(size, [&](const std::vector<std::uint32_t>& set) {
            const sim::FailureSpec faults = space.spec_of(set);
            const sim::Run run = simulator.run(faults);
            detail::note_pre(truth, sim::tuples_at(run, program->pre, eot), fault_free_pre);
            detail::add_outcome(truth, faults, sim::judge(*program, run, oracle, &fault_free), fault_free_pre,
                                oracle);
            return true;
        });
    }
    std::sort(truth.new_pre.begin(), truth.new_pre.end(), sim::tuple_less);
    return truth;
}

}  // namespace ldfi::test
