// The progress line: quiet unless enabled and past a second, throttled, padded, cleared.
#include "ldfi/viz/progress.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace ldfi::viz {
namespace {

struct FakeClock {
    double now = 100;
    ProgressLine::Clock clock() {
        return [this] { return now; };
    }
};

TEST(ProgressLine, QuietWhenDisabled) {
    std::ostringstream out;
    FakeClock t;
    {
        ProgressLine line(out, false, t.clock());
        t.now += 5;
        EXPECT_FALSE(line.due());
        line.update("3 executions");
        line.clear();
    }
    EXPECT_EQ(out.str(), "");
}

TEST(ProgressLine, QuietDuringTheFirstSecond) {
    std::ostringstream out;
    FakeClock t;
    ProgressLine line(out, true, t.clock());
    t.now += 0.9;
    line.update("early");
    line.clear();
    EXPECT_EQ(out.str(), "");  // nothing drawn, nothing to clear
}

TEST(ProgressLine, RedrawsAtMostTenTimesASecondAndClears) {
    std::ostringstream out;
    FakeClock t;
    ProgressLine line(out, true, t.clock());
    t.now += 1.0;
    line.update("long text");
    EXPECT_EQ(out.str(), "\rlong text");
    t.now += 0.05;
    EXPECT_FALSE(line.due());
    line.update("skipped");
    EXPECT_EQ(out.str(), "\rlong text");
    t.now += 0.06;
    line.update("short");
    EXPECT_EQ(out.str(), "\rlong text\rshort    ");  // padded over the longer text
    line.clear();
    EXPECT_EQ(out.str(), "\rlong text\rshort    \r         \r");
    line.clear();  // idempotent
    EXPECT_EQ(out.str(), "\rlong text\rshort    \r         \r");
}

TEST(ProgressLine, DestructorClears) {
    std::ostringstream out;
    FakeClock t;
    {
        ProgressLine line(out, true, t.clock());
        t.now += 2;
        line.update("ab");
    }
    EXPECT_EQ(out.str(), "\rab\r  \r");
}

TEST(ProgressText, Check) {
    EXPECT_EQ(check_progress_text({42, 7, 3, 12.34}), "42 executions, 7 runs pending, round 3, 12.3 s");
    EXPECT_EQ(check_progress_text({1, 1, 0, 1.0}), "1 execution, 1 run pending, 1.0 s");
    EXPECT_EQ(check_progress_text({5, 0, 2, 1.0}), "5 executions, round 2, 1.0 s");
}

TEST(ProgressText, Suite) {
    EXPECT_EQ(suite_progress_text(12, 62, 2, 45.04), "12/62 checks done, 2 running, 45.0 s");
}

}  // namespace
}  // namespace ldfi::viz
