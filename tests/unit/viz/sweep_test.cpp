// A sweep's frontier: the highest certified and first counterexample EOT per row, its runs, and
// monotonicity; the SVG is deterministic.
#include <gtest/gtest.h>

#include "ldfi/viz/sweep_output.hpp"

namespace ldfi::viz {
namespace {

SweepPoint point(int crashes, int eot, const char* verdict) {
    return SweepPoint{crashes, eot, eot - 1, "eot-1", verdict, "symbolic", 1, "", 0};
}

TEST(SweepFrontier, MonotoneRows) {
    auto rows = sweep_frontier({point(0, 4, "certified"), point(0, 5, "certified"),
                                point(0, 6, "counterexample"), point(1, 4, "certified"),
                                point(1, 5, "counterexample"), point(1, 6, "counterexample")});
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].highest_certified, 5);
    EXPECT_EQ(rows[0].first_counterexample, 6);
    EXPECT_TRUE(rows[0].monotone);
    EXPECT_EQ(rows[1].highest_certified, 4);
    EXPECT_EQ(rows[1].first_counterexample, 5);
    ASSERT_EQ(rows[1].runs.size(), 2u);
    EXPECT_EQ(rows[1].runs[1].verdict, "counterexample");
    EXPECT_EQ(rows[1].runs[1].from, 5);
    EXPECT_EQ(rows[1].runs[1].to, 6);
}

TEST(SweepFrontier, CounterexamplesBelowCertifiedAreOneChange) {
    // A fixed EFF: EOT = EFF breaks, a later EOT leaves time to recover.
    auto rows =
        sweep_frontier({point(0, 3, "counterexample"), point(0, 4, "certified"), point(0, 5, "certified")});
    EXPECT_EQ(rows[0].highest_certified, 5);
    EXPECT_EQ(rows[0].first_counterexample, 3);
    EXPECT_TRUE(rows[0].monotone);
}

TEST(SweepFrontier, NotMonotoneAndUndecided) {
    auto rows = sweep_frontier({point(0, 4, "certified"), point(0, 5, "counterexample"),
                                point(0, 6, "unknown"), point(0, 7, "certified")});
    EXPECT_FALSE(rows[0].monotone);
    EXPECT_EQ(rows[0].highest_certified, 7);
    EXPECT_EQ(rows[0].first_counterexample, 5);
    EXPECT_EQ(rows[0].undecided, 1u);
    EXPECT_EQ(rows[0].runs.size(), 4u);
}

TEST(SweepFrontier, AGapEndsARun) {
    auto rows = sweep_frontier({point(0, 4, "certified"), point(0, 7, "certified")});
    ASSERT_EQ(rows[0].runs.size(), 2u);
    EXPECT_EQ(rows[0].runs[0].to, 4);
}

TEST(SweepSvg, Deterministic) {
    SweepConfig config{{"protocols/x.ded"}, {"a", "b"}, "4..6", "eot-1", "0", "implies", "auto", 120, "",
                       {4, 5, 6},           3};
    std::vector<SweepPoint> points = {point(0, 4, "certified"), point(0, 5, "counterexample"),
                                      point(0, 6, "counterexample")};
    const std::string svg = sweep_svg(config, points);
    EXPECT_EQ(svg, sweep_svg(config, points));
    EXPECT_NE(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
    EXPECT_NE(svg.find("<path d=\"M"), std::string::npos);  // the frontier
    EXPECT_EQ(svg.find("href"), std::string::npos);         // nothing external
}

}  // namespace
}  // namespace ldfi::viz
