// --dump-smt: every Z3 query is written as a numbered SMT-LIB 2 file that replays to the same answer.
#include <gtest/gtest.h>
#include <z3++.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "generator_support.hpp"

namespace ldfi::solver {
namespace {

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Replays a dumped query with a fresh Z3 context (what `z3 FILE` would do).
z3::check_result replay(const std::string& text) {
    z3::context ctx;
    z3::solver s(ctx);
    s.from_string(text.c_str());
    return s.check();
}

TEST(SmtDump, WritesEveryQueryReplayably) {
    const auto dir = std::filesystem::temp_directory_path() / "ldfi_solver_dump_test";
    std::filesystem::remove_all(dir);
    auto formula = std::make_shared<Formula>();
    const sim::FaultModel model({"a", "b"}, {3, 2, 1});
    HypothesisGenerator gen(model, formula, {Backend::Z3, dir.string(), 0});
    const NodeId A(0), B(1);
    gen.add_goal(formula->conj({formula->negate(formula->omit({A, B, 1})), formula->negate(formula->down(A, 1))}));
    const auto found = testing::drain(gen);
    ASSERT_EQ(found.size(), 2u);

    const auto calls = gen.stats().solver_calls;
    ASSERT_GE(calls, 3u);
    for (std::uint64_t i = 1; i <= calls; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "query-%06llu.smt2", static_cast<unsigned long long>(i));
        ASSERT_TRUE(std::filesystem::exists(dir / name)) << name;
    }
    EXPECT_FALSE(std::filesystem::exists(dir / "query-000000.smt2"));
    const std::string last = read(dir / ("query-" + std::string(6 - std::to_string(calls).size(), '0') +
                                         std::to_string(calls) + ".smt2"));
    EXPECT_NE(last.find("(check-sat)"), std::string::npos);
    EXPECT_EQ(replay(last), z3::unsat);  // the round ended with an UNSAT query
    EXPECT_EQ(replay(read(dir / "query-000002.smt2")), z3::sat);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ldfi::solver

namespace ldfi::solver {
namespace {

TEST(Z3Options, TimeoutIsAcceptedAndEasyQueriesFinish) {
    auto formula = std::make_shared<Formula>();
    const sim::FaultModel model({"a", "b"}, {3, 2, 1});
    HypothesisGenerator gen(model, formula, {Backend::Z3, "", 5.0});
    gen.add_goal(formula->negate(formula->omit({NodeId(0), NodeId(1), 1})));
    EXPECT_EQ(testing::drain(gen).size(), 1u);
}

}  // namespace
}  // namespace ldfi::solver
