// The grounded program evaluated under one fault set, without Z3 and without simulating: how the
// symbolic engine searches levels small enough to enumerate, and an independent reading of the
// grounding that tests compare with the simulator.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "ldfi/sim/grounding.hpp"

namespace ldfi::sim {

/// Evaluates the grounded program under one fault set, without simulating: the same answer as
/// a simulation judged by the oracle (the symbolic engine's small levels, and its tests).
class GroundEvaluator {
public:
    GroundEvaluator(const analysis::CheckedProgram& program, const Grounding& g, const FaultSpace& space,
                    GroundGoal goal);
    /// Whether the invariant is violated at EOT under `faults` (given as sorted fault indices).
    [[nodiscard]] bool violates(const std::vector<std::uint32_t>& faults);
    /// Whether some `pre` tuple held at EOT in the last evaluation.
    [[nodiscard]] bool pre_held() const;
    /// Rule instances evaluated so far (the work done, for budgets).
    [[nodiscard]] std::uint64_t work() const { return m_work; }

private:
    [[nodiscard]] bool holds(eval::TupleId a) const { return m_holds[a.index()] != 0; }
    [[nodiscard]] bool open(const Channel& c) const;
    [[nodiscard]] bool body(const GroundBody& b) const;
    [[nodiscard]] bool aggregate_is(std::uint32_t group, ValueId value) const;
    [[nodiscard]] bool fires(const GroundInstance& inst) const;
    [[nodiscard]] bool violated() const;

    const analysis::CheckedProgram& m_program;
    const Grounding& m_g;
    const FaultSpace& m_space;
    GroundGoal m_goal;
    /// Instances in evaluation order, cut into blocks (one time step's stratum, or one step's
    /// messages and @next heads): each block reads only earlier blocks and itself, positively.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_blocks;
    std::vector<std::uint8_t> m_holds;    ///< per atom, under the current fault set
    std::vector<std::uint8_t> m_faulted;  ///< per fault index
    std::uint64_t m_work = 0;
};

}  // namespace ldfi::sim
