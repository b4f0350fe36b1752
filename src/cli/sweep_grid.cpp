// Parsing a sweep's ranges and enumerating its grid.
#include "sweep_grid.hpp"

#include <optional>

#include "ldfi/util/error.hpp"

namespace ldfi::cli {

namespace {

constexpr int MAX_VALUE = 100'000;

std::optional<int> whole_number(const std::string& text) {
    if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    const int n = std::stoi(text);
    return n <= MAX_VALUE ? std::optional<int>(n) : std::nullopt;
}

}  // namespace

IntRange parse_range(const std::string& text, const std::string& option) {
    const auto dots = text.find("..");
    const std::string usage =
        option + " " + text + ": expected a whole number N or a range A..B (e.g. 4..12)";
    if (dots == std::string::npos) {
        auto n = whole_number(text);
        if (!n) throw InputError(usage);
        return {*n, *n};
    }
    auto a = whole_number(text.substr(0, dots)), b = whole_number(text.substr(dots + 2));
    if (!a || !b) throw InputError(usage);
    if (*a > *b)
        throw InputError(option + " " + text + ": the range is empty (" + std::to_string(*a) + " > " +
                         std::to_string(*b) + ")");
    return {*a, *b};
}

EffSpec parse_eff(const std::string& text) {
    if (text.rfind("eot", 0) != 0) return {false, parse_range(text, "--eff"), 0};
    if (text == "eot") return {true, {}, 0};
    auto k = text.size() > 4 && text[3] == '-' ? whole_number(text.substr(4)) : std::nullopt;
    if (!k)
        throw InputError("--eff " + text + ": expected a number N, a range A..B, eot or eot-K (e.g. eot-1)");
    return {true, {}, *k};
}

std::vector<GridPoint> sweep_grid(const IntRange& eot, const EffSpec& eff, const IntRange& crashes) {
    const std::size_t size =
        static_cast<std::size_t>(crashes.to - crashes.from + 1) *
        static_cast<std::size_t>(eot.to - eot.from + 1) *
        (eff.follows_eot ? 1 : static_cast<std::size_t>(eff.values.to - eff.values.from + 1));
    if (size > MAX_SWEEP_POINTS) {
        throw InputError("the grid spans " + std::to_string(size) + " combinations of bounds; at most " +
                         std::to_string(MAX_SWEEP_POINTS) + " (narrow --eot, --eff or --crashes)");
    }
    const std::string follow = eff.minus == 0 ? "eot" : "eot-" + std::to_string(eff.minus);
    std::vector<GridPoint> points;
    for (int c = crashes.from; c <= crashes.to; ++c) {
        for (int row = eff.follows_eot ? 0 : eff.values.from; row <= (eff.follows_eot ? 0 : eff.values.to);
             ++row) {
            for (int t = eot.from; t <= eot.to; ++t) {
                const int e = eff.follows_eot ? t - eff.minus : row;
                if (e < 0 || e > t) continue;
                points.push_back({c, t, e, eff.follows_eot ? follow : std::to_string(row)});
            }
        }
    }
    return points;
}

}  // namespace ldfi::cli
