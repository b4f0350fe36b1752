// JSON building blocks shared by the renderers (values, tuples, fault sets).
#pragma once

#include <nlohmann/json.hpp>

#include "ldfi/analysis/checked_program.hpp"
#include "ldfi/sim/fault_model.hpp"
#include "ldfi/sim/oracle.hpp"
#include "ldfi/sim/run.hpp"

namespace ldfi::viz {

using nlohmann::ordered_json;

inline ordered_json value_json(const Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    return std::get<std::string>(v);
}

inline ordered_json tuple_json(const sim::ValueTuple& t) {
    ordered_json arr = ordered_json::array();
    for (const Value& v : t) arr.push_back(value_json(v));
    return arr;
}

/// {"omissions": [{"from","to","time"}], "crashes": [{"node","time"}]}
inline ordered_json faults_json(const sim::FaultModel& model, const sim::FailureSpec& faults) {
    ordered_json omissions = ordered_json::array(), crashes = ordered_json::array();
    for (const auto& o : faults.omissions) {
        omissions.push_back({{"from", model.node_name(o.from)}, {"to", model.node_name(o.to)}, {"time", o.time}});
    }
    for (const auto& c : faults.crashes) crashes.push_back({{"node", model.node_name(c.node)}, {"time", c.time}});
    return {{"omissions", omissions}, {"crashes", crashes}};
}

/// Every message of `run` in send order: relation, from, to, sent, delivered (or null), status, tuple.
ordered_json messages_json(const analysis::CheckedProgram& program, const sim::FaultModel& model, const sim::Run& run);

}  // namespace ldfi::viz
