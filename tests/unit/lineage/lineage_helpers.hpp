// Helpers of the lineage tests: a spec from text, a run with provenance, tuple keys by name.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ldfi/analysis/analyze.hpp"
#include "ldfi/dedalus/parser.hpp"
#include "ldfi/lineage/lineage_graph.hpp"
#include "ldfi/sim/run.hpp"
#include "spec_text.hpp"

namespace ldfi::test {

using ProgramPtr = std::shared_ptr<const analysis::CheckedProgram>;

/// live(N) for the configured nodes, node(N, M) the full mesh (as protocols/lib/nodes.ded).
inline const char* const NODES = R"(
proc("a")@1; proc("b")@1; proc("c")@1;
proc(N)@next :- proc(N);
live(N) :- proc(N);
node(N, M) :- live(N), live(M), N != M;
)";

/// `NODES` followed by `text`, parsed and analysed.
inline ProgramPtr program_from_text(const std::string& text) { return checked(std::string(NODES) + text); }

/// A spec simulated on `nodes` up to `eot` under `faults`, with provenance.
struct Simulated {
    ProgramPtr program;
    sim::FaultModel model;
    sim::Run run;
};

inline Simulated simulate(const std::string& text, std::vector<std::string> nodes, std::int32_t eot,
                          const sim::FailureSpec& faults = {}, std::int32_t crashes = 1) {
    ProgramPtr program = program_from_text(text);
    sim::FaultModel model(std::move(nodes), sim::FaultBounds{eot, eot, crashes});
    sim::Simulator simulator(program, model, sim::RunOptions{.provenance = true});
    sim::Run run = simulator.run(faults);
    return {program, model, std::move(run)};
}

/// A key by relation name, string values and time: key(p, "log", {"c", "x"}, 4).
inline lineage::TupleKey key(const analysis::CheckedProgram& p, const std::string& rel, std::vector<Value> values,
                             std::int32_t time) {
    RelId id = p.find(rel);
    EXPECT_TRUE(id.valid()) << "no relation " << rel;
    return {id, std::move(values), time};
}

inline Value str(const char* v) { return Value{std::string(v)}; }
inline Value num(std::int64_t v) { return Value{v}; }

/// The index of `k` in the graph's tuples, or -1.
inline int find(const lineage::LineageGraph& g, const lineage::TupleKey& k) {
    for (std::size_t t = 0; t < g.tuples().size(); ++t) {
        if (g.tuples()[t].key == k) return static_cast<int>(t);
    }
    return -1;
}

}  // namespace ldfi::test
