// Rule passes: safety, aggregate placement, locations, variable slots, rule text.
#include <gtest/gtest.h>

#include "analysis_helpers.hpp"

using namespace ldfi;
using namespace ldfi::analysis;
using ldfi::analysis::test::analyse;
using ldfi::analysis::test::Analysed;

namespace {

const std::string BASE = "node(\"a\", \"b\")@1;\n";

std::string first_error(const Analysed& a) { return a.errors().empty() ? "" : a.errors()[0]->message; }

}  // namespace

TEST(Safety, SafeRulesPass) {
    Analysed a = analyse(BASE +
                         "h(N, P) :- node(N, P);\n"
                         "g(N, M) :- node(N, P), M == P;\n"
                         "k(N, X) :- node(N, _), X == 1, Y == X + 1, Z == Y * 2, Z > X;\n"
                         "m(N) :- node(N, P), notin h(P, _), P != N;\n"
                         "q(N, C) :- node(N, P), 2 + 1 == C;");
    EXPECT_FALSE(a.diags.has_errors()) << first_error(a);
}

TEST(Safety, UnsafeHeadVariable) {
    Analysed a = analyse(BASE + "log(N, P, Q) :- node(N, P);");
    ASSERT_EQ(a.errors().size(), 1U);
    EXPECT_EQ(first_error(a), "variable 'Q' in the head of 'log' is not bound by a positive body atom");
    EXPECT_EQ(a.errors()[0]->loc.line, 2U);
    EXPECT_EQ(a.errors()[0]->loc.col, 11U);
}

TEST(Safety, UnsafeVariableReportedOncePerRule) {
    Analysed a = analyse(BASE + "log(Q, Q) :- node(N, _), Q > 1;");
    ASSERT_EQ(a.errors().size(), 1U);
    EXPECT_EQ(a.errors()[0]->loc.col, 5U);
}

TEST(Safety, UnsafeNegationVariable) {
    Analysed a = analyse(BASE + "missing(N) :- node(N, _), notin acked(N, M);");
    ASSERT_EQ(a.errors().size(), 1U);
    EXPECT_EQ(first_error(a), "variable 'M' in 'notin acked' is not bound by a positive body atom");
    EXPECT_EQ(a.errors()[0]->loc.col, 42U);
}

TEST(Safety, NegationMayUseWildcards) {
    Analysed a = analyse(BASE + "missing(N) :- node(N, _), notin node(_, N);");
    EXPECT_FALSE(a.diags.has_errors());
}

TEST(Safety, UnsafeComparisonVariable) {
    Analysed a = analyse(BASE + "far(N, P) :- node(N, P), D > 3;");
    ASSERT_EQ(a.errors().size(), 1U);
    EXPECT_EQ(first_error(a), "variable 'D' in a comparison is not bound by a positive body atom or by '=='");
    EXPECT_EQ(a.errors()[0]->loc.col, 26U);
}

TEST(Safety, EqualityBindsOnlyAVariableAloneOnOneSide) {
    Analysed a = analyse(BASE + "h(N, X) :- node(N, _), X + 1 == 2;");
    ASSERT_EQ(a.errors().size(), 1U);
    EXPECT_EQ(a.errors()[0]->loc.col, 6U);  // the head X, reported first
}

TEST(Safety, EqualityChainsReachAFixpointInAnyOrder) {
    Analysed a = analyse(BASE + "h(N, C) :- node(N, P), C == B + 1, B == A * 2, A == P;");
    EXPECT_FALSE(a.diags.has_errors()) << first_error(a);
}

TEST(Safety, TwoUnboundSidesBindNothing) {
    Analysed a = analyse(BASE + "h(N) :- node(N, _), X == Y;");
    ASSERT_EQ(a.errors().size(), 2U);
}

TEST(Safety, ExpressionArgumentsNeedBindingElsewhere) {
    Analysed ok = analyse(BASE + "h(N) :- node(N, P), node(P + 1, N);");
    EXPECT_FALSE(ok.diags.has_errors());
    Analysed bad = analyse(BASE + "h(N) :- node(N, X + 1);");
    ASSERT_EQ(bad.errors().size(), 1U);
    EXPECT_EQ(
        first_error(bad),
        "variable 'X' in an expression argument of 'node' is not bound by a positive body atom elsewhere");
}

TEST(Safety, WildcardsOnlyAsWholeBodyArguments) {
    Analysed head = analyse(BASE + "h(N, _) :- node(N, _);");
    EXPECT_EQ(first_error(head), "'_' cannot appear in the head of 'h'");
    Analysed cmp = analyse(BASE + "h(N) :- node(N, _), _ > 1;");
    EXPECT_EQ(first_error(cmp), "'_' can only be a whole argument of a body atom, not part of an expression");
}

TEST(Safety, AggregatedVariableMustBeBound) {
    Analysed a = analyse(BASE + "h(N, count<X>) :- node(N, _);");
    ASSERT_EQ(a.errors().size(), 1U);
    EXPECT_EQ(first_error(a),
              "variable 'X' aggregated in the head of 'h' is not bound by a positive body atom");
}

TEST(Aggregates, OnlyInHeads) {
    Analysed a = analyse(BASE + "total(N, C) :- node(N, count<C>);");
    ASSERT_GE(a.errors().size(), 1U);
    EXPECT_EQ(first_error(a), "aggregate 'count<C>' is only allowed in a rule head, not in a rule body");
    EXPECT_EQ(a.errors()[0]->loc.line, 2U);
    EXPECT_EQ(a.errors()[0]->loc.col, 24U);
}

TEST(Aggregates, SeveralColumnsAreFine) {
    Analysed a = analyse(BASE + "s(N, count<P>, max<P>) :- node(N, P);");
    EXPECT_FALSE(a.diags.has_errors());
    const CheckedRule& r = a.program.rules[0];
    EXPECT_TRUE(r.has_aggregate);
    ASSERT_EQ(r.head.size(), 3U);
    EXPECT_FALSE(r.head[0].aggregate);
    EXPECT_EQ(r.head[1].aggregate, AggKind::COUNT);
    EXPECT_EQ(r.head[2].aggregate, AggKind::MAX);
    EXPECT_EQ(r.head[1].term->var, r.head[2].term->var);
}

TEST(Locations, FirstPositiveLiteralGivesTheLocation) {
    Analysed a = analyse(BASE + "h(N) :- N == \"a\", notin g(N), node(N, _);\ng(N) :- node(_, N);");
    EXPECT_FALSE(a.diags.has_errors()) << first_error(a);
    EXPECT_EQ(a.program.rules[0].location_literal, 2U);
    EXPECT_FALSE(a.program.rules[0].location_wildcard);
    EXPECT_EQ(a.program.rules[1].location_literal, 0U);
    EXPECT_TRUE(a.program.rules[1].location_wildcard);
}

TEST(Locations, BodyNeedsAPositiveAtom) {
    Analysed a = analyse(BASE + "lonely(N) :- notin node(N, _), N == \"a\";");
    ASSERT_EQ(a.errors().size(), 1U);
    EXPECT_EQ(first_error(a), "the body of a rule for 'lonely' needs at least one positive atom");
    EXPECT_EQ(a.errors()[0]->loc.line, 2U);
    EXPECT_EQ(a.errors()[0]->loc.col, 1U);
}

TEST(Locations, FirstPositiveAtomNeedsAnArgument) {
    Analysed a = analyse(BASE + "go()@1;\nh(N) :- go(), node(N, _);\nk(N) :- node(N, _), go();");
    ASSERT_EQ(a.errors().size(), 1U);
    EXPECT_EQ(a.errors()[0]->loc.line, 3U);
    EXPECT_EQ(a.errors()[0]->loc.col, 9U);
}

TEST(Locations, AsyncHeadNeedsADestination) {
    Analysed a = analyse(BASE + "ping()@async :- node(_, _);");
    EXPECT_EQ(first_error(a), "the head of an @async rule needs its destination as first argument");
}

TEST(Lowering, VariablesGetSlotsAndWildcardsFreshOnes) {
    Analysed a = analyse(BASE + "h(N, P) :- node(N, _), node(_, P), node(N, P);");
    ASSERT_FALSE(a.diags.has_errors());
    const CheckedRule& r = a.program.rules[0];
    EXPECT_EQ(r.var_count, 4U);
    EXPECT_EQ(r.var_names, (std::vector<std::string>{"N", "_", "_", "P"}));
    EXPECT_EQ(r.body[2].atom.args[0]->var, r.body[0].atom.args[0]->var);
    EXPECT_EQ(r.head[1].term->var, r.body[1].atom.args[1]->var);
    EXPECT_NE(r.body[0].atom.args[1]->var, r.body[1].atom.args[0]->var);
}

TEST(Lowering, TermsConstantsAndArithmetic) {
    Analysed a = analyse(BASE + "h(N, X) :- node(N, P), X == P + 2, P != \"c\", node(N, P)@3;");
    ASSERT_FALSE(a.diags.has_errors());
    const CheckedRule& r = a.program.rules[0];
    const BodyLiteral& eq = r.body[1];
    EXPECT_EQ(eq.kind, BodyLiteral::Kind::COMPARISON);
    EXPECT_EQ(eq.cmp, CmpOp::EQ);
    EXPECT_EQ(eq.rhs->kind, Term::Kind::BINARY);
    EXPECT_EQ(eq.rhs->rhs->constant, Value(std::int64_t{2}));
    EXPECT_EQ(r.body[2].rhs->constant, Value(std::string("c")));
    EXPECT_EQ(r.body[3].atom.at_time, 3);
    EXPECT_EQ(r.body[3].loc.col, 46U);
}

TEST(Lowering, RuleIdsSuffixesAndText) {
    Analysed a =
        analyse(BASE + "log(N, P)@next :- log(N, P);\nlog(N,P):-node(N,P);\nm(P, N)@async :- log(N, P);");
    ASSERT_FALSE(a.diags.has_errors());
    ASSERT_EQ(a.program.rules.size(), 3U);
    EXPECT_EQ(a.program.rules[1].id, RuleId(1));
    EXPECT_EQ(a.program.rules[0].text, "log(N, P)@next :- log(N, P);");
    EXPECT_EQ(a.program.rules[1].text, "log(N, P) :- node(N, P);");
    EXPECT_EQ(a.program.next_rules, (std::vector<RuleId>{RuleId(0)}));
    EXPECT_EQ(a.program.async_rules, (std::vector<RuleId>{RuleId(2)}));
    EXPECT_EQ(a.program.rules[2].head_rel, a.program.find("m"));
    EXPECT_EQ(a.program.rules[2].loc.line, 4U);
}
