// The grid of `ldfi sweep`: ranges, EFF forms, and which combinations are points.
#include "sweep_grid.hpp"

#include <gtest/gtest.h>

#include "ldfi/util/error.hpp"

namespace ldfi::cli {
namespace {

TEST(SweepGrid, Ranges) {
    EXPECT_EQ(parse_range("4..12", "--eot").from, 4);
    EXPECT_EQ(parse_range("4..12", "--eot").to, 12);
    EXPECT_EQ(parse_range("7", "--eot").to, 7);
    for (const char* bad : {"", "x", "4..", "..4", "4...6", "-1", "12..4", "4..x", "1e3", "100001"}) {
        EXPECT_THROW((void)parse_range(bad, "--eot"), InputError) << bad;
    }
}

TEST(SweepGrid, Eff) {
    EXPECT_TRUE(parse_eff("eot").follows_eot);
    EXPECT_EQ(parse_eff("eot").minus, 0);
    EXPECT_EQ(parse_eff("eot-3").minus, 3);
    EXPECT_FALSE(parse_eff("2..5").follows_eot);
    EXPECT_EQ(parse_eff("2..5").values.to, 5);
    for (const char* bad : {"eot+1", "eot-", "eot-x", "eot3", "EOT-1", "x"}) {
        EXPECT_THROW((void)parse_eff(bad), InputError) << bad;
    }
}

TEST(SweepGrid, PointsInOrderWithinTheModel) {
    auto grid = sweep_grid({2, 4}, parse_eff("eot-3"), {0, 1});
    ASSERT_EQ(grid.size(), 4u);  // eot 2 would need eff -1
    EXPECT_EQ(grid[0].crashes, 0);
    EXPECT_EQ(grid[0].eot, 3);
    EXPECT_EQ(grid[0].eff, 0);
    EXPECT_EQ(grid[0].row_eff, "eot-3");
    EXPECT_EQ(grid[3].crashes, 1);
    EXPECT_EQ(grid[3].eot, 4);
    auto fixed = sweep_grid({2, 4}, parse_eff("3..4"), {0, 0});
    ASSERT_EQ(fixed.size(), 3u);  // (eot 3, eff 3), (4, 3), (4, 4): EFF above EOT is no point
    EXPECT_EQ(fixed[0].row_eff, "3");
    EXPECT_EQ(fixed[2].eff, 4);
    EXPECT_THROW((void)sweep_grid({1, 1000}, parse_eff("0..1000"), {0, 0}), InputError);
}

}  // namespace
}  // namespace ldfi::cli
