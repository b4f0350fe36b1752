// --shard K/N: parsing, and the assignment of items to shards (a partition, deterministic, balanced).
#include "shard.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "ldfi/util/error.hpp"

namespace ldfi::cli {
namespace {

TEST(Shard, Parses) {
    EXPECT_EQ(parse_shard("2/3").index, 2u);
    EXPECT_EQ(parse_shard("2/3").count, 3u);
    EXPECT_EQ(to_string(parse_shard("1/1")), "1/1");
    for (const char* bad :
         {"0/3", "4/3", "x", "1/0", "/3", "1/", "-1/3", "1/3 ", " 1/3", "1//3", "2/x", "1/100001"}) {
        EXPECT_THROW((void)parse_shard(bad), InputError) << bad;
    }
}

// Every item in exactly one shard, each shard's items in increasing order.
void expect_partition(const std::vector<std::optional<double>>& costs, std::size_t n) {
    std::vector<int> seen(costs.size(), 0);
    for (std::size_t k = 1; k <= n; ++k) {
        auto items = shard_items(costs, {k, n});
        EXPECT_TRUE(std::is_sorted(items.begin(), items.end()));
        for (std::size_t i : items) ++seen[i];
    }
    for (std::size_t i = 0; i < seen.size(); ++i)
        EXPECT_EQ(seen[i], 1) << "item " << i << " of " << n << " shards";
}

TEST(Shard, PartitionsWithAndWithoutCosts) {
    std::vector<std::optional<double>> none(10), some(10), all(10);
    for (std::size_t i = 0; i < 10; ++i) {
        all[i] = 0.1 * static_cast<double>((i * 7) % 5);
        if (i % 3 == 0) some[i] = static_cast<double>(i);
    }
    for (std::size_t n : {1u, 2u, 3u, 7u, 10u, 13u}) {
        expect_partition(none, n);
        expect_partition(some, n);
        expect_partition(all, n);
    }
}

TEST(Shard, WithoutCostsRoundRobin) {
    std::vector<std::optional<double>> none(7);
    EXPECT_EQ(shard_items(none, {1, 3}), (std::vector<std::size_t>{0, 3, 6}));
    EXPECT_EQ(shard_items(none, {2, 3}), (std::vector<std::size_t>{1, 4}));
    EXPECT_EQ(shard_items(none, {3, 3}), (std::vector<std::size_t>{2, 5}));
    EXPECT_TRUE(shard_items(none, {9, 9}).empty());  // more shards than items: the last ones are empty
}

TEST(Shard, CostsBalanceLongestFirst) {
    // 8 s, 7, 6, 5, 4 over two shards: LPT gives {8, 5, 4} = 17 and {7, 6} = 13.
    std::vector<std::optional<double>> costs = {5.0, 8.0, 4.0, 7.0, 6.0};
    EXPECT_EQ(shard_items(costs, {1, 2}), (std::vector<std::size_t>{0, 1, 2}));
    EXPECT_EQ(shard_items(costs, {2, 2}), (std::vector<std::size_t>{3, 4}));
    // Ties go in manifest order, to the lowest shard.
    std::vector<std::optional<double>> equal = {1.0, 1.0, 1.0, 1.0};
    EXPECT_EQ(shard_items(equal, {1, 2}), (std::vector<std::size_t>{0, 2}));
    // One long check alone in its shard, the many short ones in the other.
    std::vector<std::optional<double>> skewed = {0.01, 0.01, 10.0, 0.01, 0.01};
    EXPECT_EQ(shard_items(skewed, {1, 2}), (std::vector<std::size_t>{2}));
}

TEST(Shard, MissingCostsCountAsTheMean) {
    // Known costs 1 s and 3 s: the one without a cost counts 2 s.
    std::vector<std::optional<double>> costs = {1.0, std::nullopt, 3.0};
    EXPECT_EQ(shard_items(costs, {1, 2}), (std::vector<std::size_t>{2}));
    EXPECT_EQ(shard_items(costs, {2, 2}), (std::vector<std::size_t>{0, 1}));
}

}  // namespace
}  // namespace ldfi::cli
