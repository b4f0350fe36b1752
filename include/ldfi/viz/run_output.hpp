// Text and JSON renderings of one run: what `ldfi run` and `ldfi replay` print.
#pragma once

#include <string>
#include <vector>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/sim/fault_model.hpp"
#include "ldfi/sim/oracle.hpp"
#include "ldfi/sim/run.hpp"

namespace ldfi::viz {

/// What a rendering needs besides the run itself.
struct RunContext {
    const analysis::CheckedProgram& program;
    const sim::FaultModel& model;
    std::vector<std::string> files;  ///< the spec files, as given
    std::vector<std::string> show;   ///< relations to print; empty: all but `clock`
};

/// Relations per time step, messages sent and lost, and the invariant at EOT.
std::string run_text(const RunContext& ctx, const sim::Run& run, const sim::Verdict& verdict);

/// The same as one JSON document (schema documented in docs/json.md), ending in a newline.
std::string run_json(const RunContext& ctx, const sim::Run& run, const sim::Verdict& verdict);

/// `log(a, hello)`: a tuple as the text output prints it.
std::string format_tuple(const std::string& rel, const std::vector<Value>& values);

/// "delivered", "omitted" or "sender crashed".
const char* delivery_name(sim::Delivery d);

}  // namespace ldfi::viz
