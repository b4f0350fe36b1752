// What a report draws of a lineage graph: the part the roots depend on that faults can affect,
// persistence chains collapsed, at most a fixed number of nodes (those nearest the roots).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "ldfi/viz/report.hpp"

namespace ldfi::viz {

/// A drawn tuple: the earliest tuple of its persistence chain, standing for the whole chain.
struct DrawnTuple {
    std::int32_t first = 0, last = 0;
    bool missing = false;  ///< some tuple of the chain is absent from the faulty run
    bool root = false;
};

struct LineageSelection {
    std::map<std::uint32_t, DrawnTuple> tuples;  ///< by tuple index of the graph
    std::vector<std::uint32_t> firings;          ///< firing indexes, nearest the roots first
    /// Each reached tuple's drawn representative (the head of its persistence chain);
    /// UINT32_MAX for tuples not reached.
    std::vector<std::uint32_t> rep;
    std::size_t shown = 0;          ///< nodes drawn (tuples and firings)
    std::size_t elided = 0;         ///< nodes left out beyond the cap
    std::size_t collapsed = 0;      ///< tuples folded into a persistence chain
    std::size_t stable = 0;         ///< tuples left out because no fault can remove them
    std::set<MessageKey> messages;  ///< the messages the selected lineage depends on
};

/// What a firing needed: its body, and the tuples whose loss would make one of its negated atoms
/// hold (why-not lineage).
std::vector<std::uint32_t> firing_inputs(const lineage::LineageFiring& f);

/// The selection of `view.roots` in `graph` (see LineageView).
LineageSelection select_lineage(const analysis::CheckedProgram& program, const lineage::LineageGraph& graph,
                                const LineageView& view);

}  // namespace ldfi::viz
