// Executing a join plan: nested index lookups over the bound columns, depth first.
#pragma once

#include "run_state.hpp"

namespace ldfi::eval::detail {

/// Receives every binding of a rule body that satisfies the plan.
class JoinSink {
public:
    virtual ~JoinSink() = default;
    /// `vars`: the variable slots; `body`: the positive body tuples in body order.
    virtual void emit(const ValueId* vars, const TupleId* body) = 0;
};

/// Runs `plan` of `code` at the state's current time.
void run_join(RunState& st, const RuleCode& code, const Plan& plan, JoinSink& sink);

/// Counts `units` of join work that is not a tuple scanned (a rule visited in a round), under the
/// same limit (EvalOptions::max_probes) and resource polling as the scans.
void add_work(RunState& st, std::uint64_t units);

/// The time an atom with optional absolute time reads at `now` (0 when outside 1..eot).
[[nodiscard]] std::int32_t atom_time(const std::optional<std::int64_t>& at, std::int32_t now,
                                     std::int32_t eot);

}  // namespace ldfi::eval::detail
