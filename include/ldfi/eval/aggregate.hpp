// The value of an aggregate over a group's distinct values: one definition for the evaluator and
// for the grounded program's evaluation, which must agree with a run exactly.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "ldfi/dedalus/ast.hpp"
#include "ldfi/util/value.hpp"

namespace ldfi::eval {

/// The aggregate of the DISTINCT values `distinct` of a non-empty group (dedalus.md section 3):
/// count counts every value; sum, min, max and avg only the integers (a sum of none is 0; the
/// others have no value without one, and neither has a sum that overflows).
[[nodiscard]] std::optional<std::int64_t> aggregate_of(dedalus::AggKind kind,
                                                       std::span<const ValueId> distinct,
                                                       const ValueTable& values);

}  // namespace ldfi::eval
