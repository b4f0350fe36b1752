// Values, their printed form and interning.
#include "ldfi/util/value.hpp"

namespace ldfi {

namespace {

// Printed bare only when it could not be mistaken for a variable or a number: a lowercase
// identifier, as a bare constant in a spec would be written.
bool identifier_like(const std::string& s) {
    if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
    auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    for (char c : s) {
        if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
    }
    return true;
}

}  // namespace

std::string format_value(const Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    const std::string& s = std::get<std::string>(v);
    if (identifier_like(s)) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

bool value_less(const Value& a, const Value& b) {
    if (a.index() != b.index()) return a.index() < b.index();
    return a < b;
}

ValueId ValueTable::intern_int(std::int64_t i) {
    auto [it, inserted] = m_ints.try_emplace(i, ValueId(static_cast<std::uint32_t>(m_values.size())));
    if (inserted) m_values.emplace_back(i);
    return it->second;
}

ValueId ValueTable::intern_string(const std::string& s) {
    auto [it, inserted] = m_strings.try_emplace(s, ValueId(static_cast<std::uint32_t>(m_values.size())));
    if (inserted) m_values.emplace_back(s);
    return it->second;
}

ValueId ValueTable::intern(const Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return intern_int(*i);
    return intern_string(std::get<std::string>(v));
}

ValueId ValueTable::find(const Value& v) const {
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        auto it = m_ints.find(*i);
        return it == m_ints.end() ? ValueId{} : it->second;
    }
    auto it = m_strings.find(std::get<std::string>(v));
    return it == m_strings.end() ? ValueId{} : it->second;
}

}  // namespace ldfi
