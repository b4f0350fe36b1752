// CheckOptions::on_progress: called after every recorded run, counting up, and never changing
// the result (issue 5, item 5).
#include <gtest/gtest.h>

#include "search_helpers.hpp"

namespace ldfi::test {
namespace {

TEST(SearchProgress, OncePerRunAndResultUnchanged) {
    auto program = protocol("classic-deliv.ded");
    auto m = model({"a", "b", "c"}, 5, 3, 0);
    search::CheckOptions quiet;
    quiet.all = true;
    search::CheckOptions watched = quiet;
    std::vector<search::Progress> seen;
    watched.on_progress = [&seen](const search::Progress& p) { seen.push_back(p); };
    auto expected = search::check(program, m, quiet);
    auto r = search::check(program, m, watched);
    ASSERT_EQ(seen.size(), r.runs.size());
    for (std::size_t i = 0; i < seen.size(); ++i) {
        EXPECT_EQ(seen[i].executions, i + 1);
        EXPECT_EQ(seen[i].round, r.runs[i].round);
        if (i > 0) {
            EXPECT_GE(seen[i].elapsed_seconds, seen[i - 1].elapsed_seconds);
        }
    }
    EXPECT_EQ(seen.front().pending, 0u);  // the fault-free run
    EXPECT_EQ(r.runs.size(), expected.runs.size());
    EXPECT_EQ(r.counterexamples.size(), expected.counterexamples.size());
    EXPECT_EQ(r.outcome, expected.outcome);
}

}  // namespace
}  // namespace ldfi::test
