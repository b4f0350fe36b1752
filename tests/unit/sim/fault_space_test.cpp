// FaultSpace: one order of the faults, their indices, valid sets and the count of fault sets.
#include "ldfi/sim/fault_space.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace ldfi::sim {
namespace {

const NodeId A(0), B(1), C(2);

FaultSpace space_abc(std::int32_t max_crashes = 1) {
    return FaultSpace(FaultModel({"a", "b", "c"}, {4, 3, max_crashes}));
}

TEST(FaultSpace, CrashesComeFirstAndEveryIndexRoundTrips) {
    const FaultSpace s = space_abc();
    EXPECT_EQ(s.crash_count(), 9u);
    EXPECT_EQ(s.size(), 9u + 12u);
    for (std::uint32_t i = 0; i < s.size(); ++i) {
        EXPECT_EQ(s.index_of(s.fault(i)), i);
        EXPECT_EQ(std::holds_alternative<Crash>(s.fault(i)), i < s.crash_count());
    }
    EXPECT_EQ(s.omission(A, A, 1), std::nullopt);
    EXPECT_EQ(s.omission(A, B, 3), std::nullopt);  // eff 3: omissions at 1..2
    EXPECT_EQ(s.index_of(Crash{B, 4}), std::nullopt);
    EXPECT_EQ(s.down_by(C, 2).size(), 2u);
}

TEST(FaultSpace, EnumeratesCrashesThenOmissionsInOrder) {
    const FaultSpace s = space_abc();
    std::vector<Omission> omissions;
    for (std::uint32_t i = s.crash_count(); i < s.size(); ++i) {
        omissions.push_back(std::get<Omission>(s.fault(i)));
    }
    EXPECT_EQ(omissions.size(), 3u * 2u * 2u);
    EXPECT_TRUE(std::is_sorted(omissions.begin(), omissions.end()));
    EXPECT_EQ(omissions.front(), (Omission{A, B, 1}));
    EXPECT_TRUE(
        std::none_of(omissions.begin(), omissions.end(), [](const Omission& o) { return o.from == o.to; }));
    EXPECT_EQ(std::get<Crash>(s.fault(s.crash_count() - 1)), (Crash{C, 3}));
    EXPECT_EQ(space_abc(0).crash_count(), 0u);
}

TEST(FaultSpace, ValidAndCanonicalIndexSets) {
    const FaultSpace s = space_abc(1);
    const std::uint32_t crash_a2 = *s.index_of(Crash{A, 2}), crash_a1 = *s.index_of(Crash{A, 1});
    const std::uint32_t crash_b1 = *s.index_of(Crash{B, 1});
    const std::uint32_t omit_ab1 = *s.omission(A, B, 1), omit_ab2 = *s.omission(A, B, 2);
    EXPECT_TRUE(s.valid(std::vector<std::uint32_t>{omit_ab2, crash_a2}));
    EXPECT_FALSE(s.valid(std::vector<std::uint32_t>{crash_a1, crash_a2}));  // one crash per node
    EXPECT_FALSE(s.valid(std::vector<std::uint32_t>{crash_a1, crash_b1}));  // one crashed node at most
    EXPECT_FALSE(s.valid(std::vector<std::uint32_t>{static_cast<std::uint32_t>(s.size())}));
    EXPECT_TRUE(s.canonical(std::vector<std::uint32_t>{omit_ab1, crash_a2}));   // sent before the crash
    EXPECT_FALSE(s.canonical(std::vector<std::uint32_t>{omit_ab2, crash_a2}));  // a is down at 2
    EXPECT_TRUE(s.canonical(std::vector<std::uint32_t>{}));
    // The pairs come by crash, then in the omissions' order.
    const auto pairs = s.subsumed_pairs();
    EXPECT_TRUE(std::is_sorted(pairs.begin(), pairs.end(), [](const auto& x, const auto& y) {
        return std::pair(x.second, x.first) < std::pair(y.second, y.first);
    }));
}

// for_each_set yields exactly the valid, canonical sets of each size, each once, in order.
TEST(FaultSpace, EnumeratesExactlyTheValidCanonicalSets) {
    const FaultSpace s = space_abc(1);
    for (std::size_t size = 1; size <= 3; ++size) {
        std::vector<std::vector<std::uint32_t>> listed;
        s.for_each_set(size, [&](const std::vector<std::uint32_t>& set) {
            listed.push_back(set);
            return true;
        });
        EXPECT_TRUE(std::is_sorted(listed.begin(), listed.end()));
        EXPECT_EQ(std::adjacent_find(listed.begin(), listed.end()), listed.end());
        std::size_t expected = 0;  // brute force over every subset of `size` indices
        std::vector<std::uint32_t> pick(size);
        auto count = [&](auto&& self, std::uint32_t from, std::size_t k) -> void {
            if (k == size) {
                if (s.valid(pick) && s.canonical(pick)) ++expected;
                return;
            }
            for (std::uint32_t i = from; i < s.size(); ++i) {
                pick[k] = i;
                self(self, i + 1, k + 1);
            }
        };
        count(count, 0, 0);
        EXPECT_EQ(listed.size(), expected) << "size " << size;
        for (const auto& set : listed) EXPECT_TRUE(s.valid(set) && s.canonical(set));
    }
}

TEST(FaultSpace, SubsumedPairsAreTheOmissionsOfADownSender) {
    const FaultSpace s = space_abc();
    for (const auto& [o, c] : s.subsumed_pairs()) {
        EXPECT_TRUE(FaultModel::subsumed(std::get<Omission>(s.fault(o)), std::get<Crash>(s.fault(c))));
    }
    // crash a@1 subsumes a's 4 omissions, a@2 two of them; likewise for b and c.
    EXPECT_EQ(s.subsumed_pairs().size(), 3u * (4u + 2u));
}

TEST(FaultSpace, CountsValidFaultSets) {
    // 12 omissions; at most one of 3 nodes crashes, at one of 3 times: (1 + 9) * 2^12.
    EXPECT_EQ(space_abc(1).count_valid_sets(), "40960");
    // two crashed nodes: 1 + 9 + 3 * 9 = 37.
    EXPECT_EQ(space_abc(2).count_valid_sets(), std::to_string(37 * 4096));
    EXPECT_EQ(space_abc(0).count_valid_sets(), "4096");
    // Beyond 64 bits: 3 nodes, eff 40: 6 * 39 omissions.
    const FaultSpace big(FaultModel({"a", "b", "c"}, {40, 40, 0}));
    EXPECT_EQ(big.count_valid_sets().size(), 71u);  // 2^234 has 71 digits
}

}  // namespace
}  // namespace ldfi::sim
