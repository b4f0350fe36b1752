// Values of Dedalus: 64-bit integers and strings, and their interning into 32-bit ids.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "ldfi/util/ids.hpp"

namespace ldfi {

/// An integer or a string constant.
using Value = std::variant<std::int64_t, std::string>;

/// Prints a value the way the text output shows it: integers as digits, strings bare when they
/// are lowercase identifiers (`a`, `commit`), otherwise in double quotes with `\"` and `\\` escaped.
std::string format_value(const Value& v);

/// Strict total order used wherever output is sorted: integers before strings.
bool value_less(const Value& a, const Value& b);

/// Maps values to dense ids and back. Not thread-safe; copy it to give each run its own.
class ValueTable {
public:
    ValueId intern(const Value& v);
    ValueId intern_int(std::int64_t i);
    ValueId intern_string(const std::string& s);
    /// The id of `v` if it has one, otherwise an invalid id.
    [[nodiscard]] ValueId find(const Value& v) const;
    [[nodiscard]] const Value& get(ValueId id) const { return m_values[id.index()]; }
    [[nodiscard]] bool is_int(ValueId id) const { return std::holds_alternative<std::int64_t>(get(id)); }
    [[nodiscard]] std::int64_t as_int(ValueId id) const { return std::get<std::int64_t>(get(id)); }
    [[nodiscard]] std::size_t size() const { return m_values.size(); }

private:
    std::vector<Value> m_values;
    std::unordered_map<std::int64_t, ValueId> m_ints;
    std::unordered_map<std::string, ValueId> m_strings;
};

}  // namespace ldfi
