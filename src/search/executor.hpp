// Runs a batch of fault sets, in parallel when asked; results come back in batch order.
#pragma once

#include <vector>

#include "ldfi/sim/run.hpp"

namespace ldfi::search {

/// Simulates each FailureSpec of a batch; `jobs` threads share the work. The output order is
/// the input order, so nothing downstream depends on the number of threads.
std::vector<sim::Run> run_batch(const sim::Simulator& simulator, const std::vector<sim::FailureSpec>& batch,
                                unsigned jobs);

}  // namespace ldfi::search
