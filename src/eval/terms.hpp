// Evaluating compiled terms: integer arithmetic that fails (never traps) on division by zero,
// overflow or a string operand; and C-style comparisons.
#pragma once

#include <cstdint>
#include <limits>

#include "ldfi/eval/compare.hpp"
#include "plan.hpp"

namespace ldfi::eval::detail {

/// Applies `op`; false on division by zero or overflow.
[[nodiscard]] inline bool apply_op(BinOp op, std::int64_t a, std::int64_t b, std::int64_t& out) {
    switch (op) {
        case BinOp::ADD:
            return !__builtin_add_overflow(a, b, &out);
        case BinOp::SUB:
            return !__builtin_sub_overflow(a, b, &out);
        case BinOp::MUL:
            return !__builtin_mul_overflow(a, b, &out);
        case BinOp::DIV:
            if (b == 0 || (a == std::numeric_limits<std::int64_t>::min() && b == -1)) return false;
            out = a / b;
            return true;
        case BinOp::MOD:
            if (b == 0) return false;
            out = b == -1 ? 0 : a % b;
            return true;
    }
    return false;
}

/// Reads a term over bound variables (unbound slots hold an invalid id).
class TermReader {
public:
    TermReader(const std::vector<TermNode>& nodes, const ValueId* vars, ValueTable& values)
        : m_nodes(nodes), m_vars(vars), m_values(values) {}

    /// The integer value of a term; false when it has none.
    [[nodiscard]] bool as_int(std::uint32_t root, std::int64_t& out) const {
        const TermNode& n = m_nodes[root];
        if (n.kind == TermNode::Kind::BIN) {
            std::int64_t a = 0, b = 0;
            return as_int(n.lhs, a) && as_int(n.rhs, b) && apply_op(n.op, a, b, out);
        }
        ValueId id = leaf(n);
        if (!id.valid() || !m_values.is_int(id)) return false;
        out = m_values.as_int(id);
        return true;
    }
    /// The id of the term's value if it is interned (a value never interned matches nothing).
    [[nodiscard]] ValueId find(std::uint32_t root) const {
        const TermNode& n = m_nodes[root];
        if (n.kind != TermNode::Kind::BIN) return leaf(n);
        std::int64_t v = 0;
        return as_int(root, v) ? m_values.find(Value{v}) : ValueId{};
    }
    /// The id of the term's value, interning a computed integer.
    [[nodiscard]] ValueId intern(std::uint32_t root) const {
        const TermNode& n = m_nodes[root];
        if (n.kind != TermNode::Kind::BIN) return leaf(n);
        std::int64_t v = 0;
        return as_int(root, v) ? m_values.intern_int(v) : ValueId{};
    }
    /// `lhs cmp rhs`: integers numerically, otherwise equality of values and value_less order.
    [[nodiscard]] bool compare(CmpOp cmp, std::uint32_t lhs, std::uint32_t rhs) const {
        std::int64_t a = 0, b = 0;
        if (as_int(lhs, a) && as_int(rhs, b)) return compare_ints(cmp, a, b);
        ValueId x = find_or_fail(lhs), y = find_or_fail(rhs);
        if (!x.valid() || !y.valid()) return false;
        if (cmp == CmpOp::EQ) return x == y;
        if (cmp == CmpOp::NE) return x != y;
        const Value& vx = m_values.get(x);
        const Value& vy = m_values.get(y);
        return compare_order(cmp, value_less(vx, vy), value_less(vy, vx));
    }

private:
    [[nodiscard]] ValueId leaf(const TermNode& n) const {
        return n.kind == TermNode::Kind::VAR ? m_vars[n.a] : ValueId{n.a};
    }
    // A non-integer side of a comparison must be a plain value (arithmetic on strings fails).
    [[nodiscard]] ValueId find_or_fail(std::uint32_t root) const {
        return m_nodes[root].kind == TermNode::Kind::BIN ? intern(root) : leaf(m_nodes[root]);
    }
    const std::vector<TermNode>& m_nodes;
    const ValueId* m_vars;
    ValueTable& m_values;
};

}  // namespace ldfi::eval::detail
