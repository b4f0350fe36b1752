// Which relations can gain or lose tuples when faults are injected (a static analysis).
#pragma once

#include <vector>

#include "ldfi/analysis/checked_program.hpp"

namespace ldfi::lineage {

/// Faults remove messages (and so clock tuples) and add crash tuples. A relation is LOSABLE when
/// a fault can remove one of its tuples, GAINABLE when a fault can add one: losable flows through
/// positive body atoms and flips to gainable through `notin` (and back), over every kind of rule.
struct FaultSensitivity {
    std::vector<bool> losable;   ///< indexed by RelId
    std::vector<bool> gainable;  ///< indexed by RelId
};

FaultSensitivity analyze_fault_sensitivity(const analysis::CheckedProgram& program);

}  // namespace ldfi::lineage
