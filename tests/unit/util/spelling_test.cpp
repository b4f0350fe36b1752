#include "ldfi/util/spelling.hpp"

#include <gtest/gtest.h>

namespace ldfi {
namespace {

TEST(Spelling, EditDistanceCountsSwapsAsOneEdit) {
    EXPECT_EQ(edit_distance("crashes", "crashes"), 0U);
    EXPECT_EQ(edit_distance("crahses", "crashes"), 1U);
    EXPECT_EQ(edit_distance("eot", "eff"), 2U);
    EXPECT_EQ(edit_distance("", "abc"), 3U);
    EXPECT_EQ(edit_distance("ackd", "ack"), 1U);
}

TEST(Spelling, NearestNameOnlyForCloseMisspellings) {
    const std::vector<std::string> fields = {"name", "files", "nodes", "eot", "eff", "crashes", "expected"};
    EXPECT_EQ(nearest_name("crahses", fields), "crashes");
    EXPECT_EQ(nearest_name("expcted", fields), "expected");
    EXPECT_EQ(nearest_name("timeout", fields), std::nullopt);
    EXPECT_EQ(nearest_name("nodes", fields), std::nullopt);  // itself is no suggestion
    EXPECT_EQ(nearest_name(std::string(100, 'a'), fields), std::nullopt);
}

}  // namespace
}  // namespace ldfi
