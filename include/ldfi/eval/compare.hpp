// Dedalus comparisons, shared by the evaluator and by the why-not analysis, which must decide a
// comparison exactly as a run would.
#pragma once

#include <cstdint>

#include "ldfi/dedalus/ast.hpp"

namespace ldfi::eval {

/// `a cmp b` on integers.
[[nodiscard]] inline bool compare_ints(dedalus::CmpOp cmp, std::int64_t a, std::int64_t b) {
    switch (cmp) {
    case dedalus::CmpOp::EQ: return a == b;
    case dedalus::CmpOp::NE: return a != b;
    case dedalus::CmpOp::LT: return a < b;
    case dedalus::CmpOp::GT: return a > b;
    case dedalus::CmpOp::LE: return a <= b;
    case dedalus::CmpOp::GE: return a >= b;
    }
    return false;
}

/// An ordering comparison of two values, from `less` (a before b) and `greater` (b before a).
[[nodiscard]] inline bool compare_order(dedalus::CmpOp cmp, bool less, bool greater) {
    switch (cmp) {
    case dedalus::CmpOp::LT: return less;
    case dedalus::CmpOp::GT: return greater;
    case dedalus::CmpOp::LE: return !greater;
    case dedalus::CmpOp::GE: return !less;
    default: return false;
    }
}

}  // namespace ldfi::eval
