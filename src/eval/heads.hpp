// Where the heads of a rule go: the current time (deductive), the next (@next), or a message.
#pragma once

#include "join.hpp"

namespace ldfi::eval::detail {

struct HeadTarget {
    enum class Kind { DEDUCTIVE, NEXT, ASYNC };
    Kind kind = Kind::DEDUCTIVE;
    std::int32_t time = 0;            ///< the time the head holds at
    MessageRouter* router = nullptr;  ///< ASYNC
};

/// Appends the provenance of one binding (positive body tuples, negated atoms) to the pending
/// buffers; returns their offsets.
std::pair<std::uint32_t, std::uint32_t> append_provenance(RunState& st, const RuleCode& code,
                                                          const ValueId* vars, const TupleId* body);

/// Buffers a head whose provenance starts at `prov` (see append_provenance; ignored without
/// provenance). Routes messages for ASYNC, sent from `from`. `group`: in may mode, the
/// aggregate group (RunState::groups) the head is one value of.
void push_head(RunState& st, const RuleCode& code, const HeadTarget& target, const ValueId* head,
               ValueId from, std::pair<std::uint32_t, std::uint32_t> prov, std::uint32_t group = NONE);

/// Evaluates an aggregate rule over its whole body and buffers one head per non-empty group.
void run_aggregate(RunState& st, const RuleCode& code, const HeadTarget& target);

}  // namespace ldfi::eval::detail
