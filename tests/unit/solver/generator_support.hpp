// Helpers shared by the hypothesis generator tests.
#pragma once

#include <algorithm>
#include <optional>
#include <vector>

#include "ldfi/solver/hypothesis_generator.hpp"

namespace ldfi::solver::testing {

/// Every hypothesis left in the current round.
inline std::vector<sim::FailureSpec> drain(HypothesisGenerator& gen) {
    std::vector<sim::FailureSpec> out;
    while (auto h = gen.next()) out.push_back(*h);
    return out;
}

inline std::vector<sim::FailureSpec> sorted(std::vector<sim::FailureSpec> specs) {
    std::sort(specs.begin(), specs.end());
    return specs;
}

inline bool sizes_non_decreasing(const std::vector<sim::FailureSpec>& specs) {
    return std::is_sorted(specs.begin(), specs.end(),
                          [](const sim::FailureSpec& a, const sim::FailureSpec& b) { return a.size() < b.size(); });
}

inline sim::FailureSpec spec_of(std::vector<sim::Fault> faults) {
    sim::FailureSpec spec;
    for (const sim::Fault& f : faults) spec.add(f);
    return spec;
}

}  // namespace ldfi::solver::testing
