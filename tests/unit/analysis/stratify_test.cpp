// Stratification: strata order, temporal edges left out, cycles through negation or aggregation.
#include <gtest/gtest.h>

#include "analysis_helpers.hpp"

using namespace ldfi;
using namespace ldfi::analysis;
using ldfi::analysis::test::analyse;
using ldfi::analysis::test::Analysed;

namespace {

const std::string BASE = "node(\"a\", \"b\")@1;\n";

std::uint32_t stratum_of(const Analysed& a, const std::string& rel) {
    return a.program.relation(a.program.find(rel)).stratum;
}

}  // namespace

TEST(Stratify, PositiveRecursionIsOneStratum) {
    Analysed a = analyse(BASE + "reach(X, Y) :- node(X, Y);\nreach(X, Z) :- reach(X, Y), node(Y, Z);");
    ASSERT_FALSE(a.diags.has_errors());
    ASSERT_EQ(a.program.strata.size(), 1U);
    EXPECT_EQ(a.program.strata[0], (std::vector<RuleId>{RuleId(0), RuleId(1)}));
}

TEST(Stratify, NegationAndAggregationRaiseTheStratum) {
    Analysed a = analyse(BASE +
                         "r(X, Y) :- node(X, Y);\n"
                         "u(X) :- node(X, _), notin r(_, X);\n"
                         "c(X, count<Y>) :- r(X, Y);\n"
                         "v(X) :- u(X), notin c(X, 1);\n"
                         "w(X) :- r(X, _);");
    ASSERT_FALSE(a.diags.has_errors());
    EXPECT_EQ(stratum_of(a, "node"), 0U);
    EXPECT_EQ(stratum_of(a, "r"), 0U);
    EXPECT_EQ(stratum_of(a, "u"), 1U);
    EXPECT_EQ(stratum_of(a, "c"), 1U);
    EXPECT_EQ(stratum_of(a, "v"), 2U);
    ASSERT_EQ(a.program.strata.size(), 3U);
    EXPECT_EQ(a.program.strata[0], (std::vector<RuleId>{RuleId(0), RuleId(4)}));
    EXPECT_EQ(a.program.strata[1], (std::vector<RuleId>{RuleId(1), RuleId(2)}));
    EXPECT_EQ(a.program.strata[2], (std::vector<RuleId>{RuleId(3)}));
    EXPECT_EQ(a.program.rules[3].stratum, 2U);
}

TEST(Stratify, EveryRuleIsAboveWhatItNegates) {
    Analysed a = analyse(
        BASE + "a(X) :- node(X, _), notin b(X);\nb(X) :- node(X, _), notin c(X);\nc(X) :- node(_, X);");
    ASSERT_FALSE(a.diags.has_errors());
    for (const CheckedRule& r : a.program.rules) {
        for (const BodyLiteral& l : r.body) {
            std::uint32_t body = a.program.relation(l.atom.rel).stratum;
            if (l.kind == BodyLiteral::Kind::NEGATED) {
                EXPECT_GT(r.stratum, body);
            } else if (l.kind == BodyLiteral::Kind::POSITIVE) {
                EXPECT_GE(r.stratum, body);
            }
        }
    }
    EXPECT_EQ(stratum_of(a, "a"), 2U);
}

TEST(Stratify, TemporalRulesAreLeftOut) {
    Analysed a = analyse(BASE +
                         "st(X)@next :- node(X, _), notin st(X);\n"
                         "m(Y, X)@async :- node(X, Y), notin m(Y, X);\n"
                         "d(X) :- st(X);");
    EXPECT_FALSE(a.diags.has_errors());
    ASSERT_EQ(a.program.strata.size(), 1U);
    EXPECT_EQ(a.program.strata[0], (std::vector<RuleId>{RuleId(2)}));
}

TEST(Stratify, NegationCycleIsAnErrorWithTheCycle) {
    Analysed a = analyse(BASE + "p(N) :- node(N, _), notin q(N);\nq(N) :- node(N, _), p(N);");
    ASSERT_EQ(a.errors().size(), 1U);
    const Diagnostic& d = *a.errors()[0];
    EXPECT_EQ(d.message,
              "negation of 'q' sits on a cycle of deductive rules: the program cannot be stratified");
    EXPECT_EQ(d.loc.line, 2U);
    EXPECT_EQ(d.loc.col, 21U);
    EXPECT_EQ(d.notes, (std::vector<std::string>{"cycle: p -> notin q -> p"}));
}

TEST(Stratify, SelfNegation) {
    Analysed a = analyse(BASE + "p(N) :- node(N, _), notin p(N);");
    ASSERT_EQ(a.errors().size(), 1U);
    EXPECT_EQ(a.errors()[0]->notes[0], "cycle: p -> notin p");
}

TEST(Stratify, LongCycleShowsEveryStep) {
    Analysed a = analyse(
        BASE + "a(N) :- node(N, _), b(N);\nb(N) :- node(N, _), c(N);\nc(N) :- node(N, _), notin a(N);");
    ASSERT_EQ(a.errors().size(), 1U);
    EXPECT_EQ(a.errors()[0]->notes[0], "cycle: c -> notin a -> b -> c");
    EXPECT_EQ(a.errors()[0]->loc.line, 4U);
}

TEST(Stratify, AggregationCycleIsAnError) {
    Analysed a = analyse("node(\"a\", 1)@1;\nsize(N, count<M>) :- node(N, M), size(N, M);");
    ASSERT_EQ(a.errors().size(), 1U);
    const Diagnostic& d = *a.errors()[0];
    EXPECT_EQ(d.message,
              "aggregation over 'size' sits on a cycle of deductive rules: the program cannot be stratified");
    EXPECT_EQ(d.loc.col, 34U);
    EXPECT_EQ(d.notes[0], "cycle: size -> aggregate over size");
}

TEST(Stratify, OneErrorPerCycle) {
    Analysed a = analyse(BASE +
                         "p(N) :- node(N, _), notin q(N), notin q(N);\nq(N) :- node(N, _), notin p(N);\n"
                         "x(N) :- node(N, _), notin x(N);");
    EXPECT_EQ(a.errors().size(), 2U);
}

TEST(Stratify, AbsoluteTimeAtomsStillCount) {
    Analysed a = analyse(BASE + "p(N) :- node(N, _), notin q(N)@1;\nq(N) :- node(N, _), p(N)@2;");
    EXPECT_EQ(a.errors().size(), 1U);
}
