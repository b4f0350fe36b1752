// Sharding: parsing K/N and the longest-processing-time assignment of items to shards.
#include "shard.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <queue>

#include "ldfi/util/error.hpp"

namespace ldfi::cli {

namespace {

// A decimal number of at most 9 digits, nothing else (no sign, no space).
std::optional<std::size_t> small_number(const std::string& text) {
    if (text.empty() || text.size() > 9) return std::nullopt;
    std::size_t n = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    return n;
}

// Whole milliseconds, at least 1: a check recorded as taking no time still takes a turn.
std::uint64_t weight(double seconds) {
    return std::max<std::uint64_t>(1,
                                   static_cast<std::uint64_t>(std::llround(std::min(seconds, 1e12) * 1000)));
}

std::vector<std::uint64_t> weights(const std::vector<std::optional<double>>& costs) {
    std::uint64_t sum = 0, known = 0;
    for (const auto& c : costs) {
        if (!c) continue;
        sum += weight(*c);
        ++known;
    }
    const std::uint64_t missing = known == 0 ? 1 : std::max<std::uint64_t>(1, sum / known);
    std::vector<std::uint64_t> out;
    out.reserve(costs.size());
    for (const auto& c : costs) out.push_back(c ? weight(*c) : missing);
    return out;
}

}  // namespace

Shard parse_shard(const std::string& text) {
    const std::string usage = "--shard " + text + ": ";
    const auto slash = text.find('/');
    if (slash == std::string::npos) {
        throw InputError(usage + "expected K/N, the K-th of N shards (e.g. 2/3)");
    }
    auto k = small_number(text.substr(0, slash)), n = small_number(text.substr(slash + 1));
    if (!k || !n) throw InputError(usage + "expected K/N with K and N whole numbers (e.g. 2/3)");
    if (*n < 1 || *n > MAX_SHARDS) {
        throw InputError(usage + "the number of shards N must be 1.." + std::to_string(MAX_SHARDS));
    }
    if (*k < 1 || *k > *n) throw InputError(usage + "K must be 1..N (shards count from 1)");
    return Shard{*k, *n};
}

std::string to_string(const Shard& shard) {
    return std::to_string(shard.index) + "/" + std::to_string(shard.count);
}

void add_shard_option(CLI::App& cmd, std::string& text, const std::string& what) {
    cmd.add_option("--shard", text,
                   "run only shard K of N (K/N, e.g. 2/3, for a CI matrix): a deterministic part of " + what)
        ->check(CLI::Validator(
            [](std::string& value) {
                try {
                    (void)parse_shard(value);
                    return std::string();
                } catch (const InputError& e) {
                    return std::string(e.what()).substr(std::string("--shard ").size());
                }
            },
            "K/N"));
}

std::vector<std::size_t> shard_items(const std::vector<std::optional<double>>& costs, const Shard& shard) {
    const std::vector<std::uint64_t> w = weights(costs);
    std::vector<std::size_t> order(costs.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return w[a] > w[b]; });
    // Only the first min(N, items) shards can receive anything: the rest start empty and stay so.
    const std::size_t used = std::min(shard.count, costs.size());
    using Load = std::pair<std::uint64_t, std::size_t>;  // (cost so far, shard - 1): least first
    std::priority_queue<Load, std::vector<Load>, std::greater<>> loads;
    for (std::size_t s = 0; s < used; ++s) loads.emplace(0, s);
    std::vector<std::size_t> mine;
    for (std::size_t item : order) {
        auto [load, s] = loads.top();
        loads.pop();
        if (s + 1 == shard.index) mine.push_back(item);
        loads.emplace(load + w[item], s);
    }
    std::sort(mine.begin(), mine.end());
    return mine;
}

}  // namespace ldfi::cli
