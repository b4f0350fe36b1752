// Shared helpers of the eval and sim tests: a Dedalus text -> CheckedProgram -> Run, and readable rows.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ldfi/analysis/analyze.hpp"
#include "ldfi/dedalus/parser.hpp"
#include "ldfi/sim/oracle.hpp"
#include "ldfi/sim/run.hpp"
#include "spec_text.hpp"

namespace ldfi::test {

/// A simulator for `text` on `nodes` up to `eot`.
inline sim::Simulator simulator(const std::string& text, std::vector<std::string> nodes, std::int32_t eot,
                                sim::RunOptions options = {}) {
    sim::FaultBounds bounds{eot, eot, 1};
    return sim::Simulator(checked(text), sim::FaultModel(std::move(nodes), bounds), options);
}

/// The tuples of relation `name` at `time`, each as "v1,v2,...", sorted by value order.
inline std::vector<std::string> rows(const sim::Run& run, const analysis::CheckedProgram& program,
                                     const std::string& name, std::int32_t time) {
    std::vector<std::string> out;
    RelId rel = program.find(name);
    if (!rel.valid()) return {"<no relation " + name + ">"};
    for (const auto& tuple : sim::tuples_at(run, rel, time)) {
        std::string row;
        for (const auto& v : tuple) row += (row.empty() ? "" : ",") + format_value(v);
        out.push_back(row);
    }
    return out;
}

using Rows = std::vector<std::string>;

}  // namespace ldfi::test
