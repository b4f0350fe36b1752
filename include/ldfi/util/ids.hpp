// Typed integer ids: a RuleId is never mixed up with a RelId or a NodeId.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace ldfi {

/// A 32-bit index tagged with the kind of thing it names.
template <typename Tag>
struct StrongId {
    static constexpr std::uint32_t INVALID = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t value = INVALID;

    constexpr StrongId() = default;
    constexpr explicit StrongId(std::uint32_t v) : value(v) {}
    [[nodiscard]] constexpr bool valid() const { return value != INVALID; }
    [[nodiscard]] constexpr std::size_t index() const { return value; }
    constexpr auto operator<=>(const StrongId&) const = default;
};

using RelId = StrongId<struct RelTag>;    ///< a relation of the checked program
using RuleId = StrongId<struct RuleTag>;  ///< a rule of the checked program, in source order
using NodeId = StrongId<struct NodeTag>;  ///< a configured node, index into the node list
using ValueId = StrongId<struct ValueTag>;  ///< an interned value (integer or string)
using VarId = StrongId<struct VarTag>;    ///< a variable slot within one rule

}  // namespace ldfi

template <typename Tag>
struct std::hash<ldfi::StrongId<Tag>> {
    std::size_t operator()(const ldfi::StrongId<Tag>& id) const noexcept { return std::hash<std::uint32_t>{}(id.value); }
};
