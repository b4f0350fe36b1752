// Relation passes: ids, arity, built-ins, reserved names, pre/post, never-defined warnings.
#include <gtest/gtest.h>

#include "analysis_helpers.hpp"

using namespace ldfi;
using namespace ldfi::analysis;
using ldfi::analysis::test::analyse;
using ldfi::analysis::test::Analysed;

TEST(Relations, BuiltinsAreAlwaysPresent) {
    Analysed a = analyse("");
    EXPECT_TRUE(a.diags.all().empty());
    ASSERT_TRUE(a.program.crash.valid());
    ASSERT_TRUE(a.program.clock.valid());
    EXPECT_EQ(a.program.relation(a.program.crash).kind, RelKind::BUILTIN_CRASH);
    EXPECT_EQ(a.program.relation(a.program.crash).arity, 3U);
    EXPECT_EQ(a.program.relation(a.program.clock).kind, RelKind::BUILTIN_CLOCK);
    EXPECT_EQ(a.program.relation(a.program.clock).arity, 4U);
    EXPECT_FALSE(a.program.pre.valid());
    EXPECT_FALSE(a.program.post.valid());
}

TEST(Relations, EveryNameGetsAnIdAndWhatDefinesIt) {
    Analysed a = analyse("node(\"a\", \"b\")@1;\nlog(N, P) :- node(N, P), notin gone(N), crash(_, N, _);");
    RelId node = a.program.find("node");
    RelId log = a.program.find("log");
    RelId gone = a.program.find("gone");
    ASSERT_TRUE(node.valid() && log.valid() && gone.valid());
    EXPECT_TRUE(a.program.relation(node).has_facts);
    EXPECT_FALSE(a.program.relation(node).has_rules);
    EXPECT_TRUE(a.program.relation(log).has_rules);
    EXPECT_EQ(a.program.relation(log).arity, 2U);
    EXPECT_EQ(a.program.relation(node).first_use.line, 1U);
    EXPECT_EQ(a.program.relation(gone).first_use.col, 32U);
}

TEST(Relations, ArityMismatchNamesTheFirstUse) {
    Analysed a = analyse("node(\"a\", \"b\")@1;\nlog(N, P) :- node(N, P);\nlog(N, P, 1)@next :- log(N, P);");
    ASSERT_EQ(a.errors().size(), 1U);
    const Diagnostic& d = *a.errors()[0];
    EXPECT_EQ(d.message, "relation 'log' has 3 arguments here but 2 at its first use (line 2, col 1)");
    EXPECT_EQ(d.loc.line, 3U);
    EXPECT_EQ(d.loc.col, 1U);
}

TEST(Relations, BuiltinArity) {
    Analysed a = analyse("node(\"a\")@1;\nh(N) :- node(N), notin crash(N, 1);");
    ASSERT_EQ(a.errors().size(), 1U);
    EXPECT_EQ(a.errors()[0]->message,
              "built-in relation 'crash' has 3 columns (Observer, Crashed, T), not 2");
    EXPECT_EQ(a.errors()[0]->loc.col, 24U);
}

TEST(Relations, DefiningCrashOrClockIsAnError) {
    Analysed a =
        analyse("node(\"a\", \"b\")@1;\ncrash(N, P, 1) :- node(N, P);\nclock(\"a\", \"b\", 1, 2)@1;");
    ASSERT_EQ(a.errors().size(), 2U);
    EXPECT_EQ(a.errors()[0]->message, "'crash' is a built-in relation: a spec may read it but not define it");
    EXPECT_EQ(a.errors()[0]->loc.line, 2U);
    EXPECT_EQ(a.errors()[1]->message, "'clock' is a built-in relation: a spec may read it but not define it");
    EXPECT_EQ(a.errors()[1]->loc.line, 3U);
}

TEST(Relations, ReadingBuiltinsIsFine) {
    Analysed a = analyse("node(\"a\")@1;\nh(N, T) :- node(N), crash(N, N, T), clock(N, N, T, _);");
    EXPECT_TRUE(a.diags.all().empty());
}

TEST(Relations, ProvSuffixIsReserved) {
    Analysed a =
        analyse("node(\"a\")@1;\nlog_prov3(N) :- node(N);\nh(N) :- log_prov3(N);\nlog_prov(N) :- node(N);");
    ASSERT_EQ(a.errors().size(), 1U);
    EXPECT_EQ(a.errors()[0]->message,
              "relation name 'log_prov3' is reserved (names ending in _prov<N> are used for provenance)");
    EXPECT_EQ(a.errors()[0]->loc.line, 2U);
}

TEST(Relations, PreAndPostMayBeDefined) {
    Analysed a = analyse("node(\"a\")@1;\npre(N) :- node(N);\npost(N) :- node(N);");
    EXPECT_TRUE(a.diags.all().empty());
    EXPECT_EQ(a.program.relation(a.program.pre).name, "pre");
    EXPECT_EQ(a.program.relation(a.program.post).name, "post");
}

TEST(Relations, PreAndPostArityMustMatch) {
    Analysed a = analyse("node(\"a\", \"b\")@1;\npre(N, P) :- node(N, P);\npost(N) :- node(N, _);");
    ASSERT_EQ(a.errors().size(), 1U);
    EXPECT_EQ(a.errors()[0]->message,
              "'pre' and 'post' must have the same arity, but 'post' has 1 and 'pre' has 2");
    EXPECT_EQ(a.errors()[0]->loc.line, 3U);
}

TEST(Relations, MissingPostIsNotAnError) {
    Analysed a = analyse("node(\"a\")@1;\npre(N) :- node(N);");
    EXPECT_FALSE(a.diags.has_errors());
    EXPECT_TRUE(a.program.pre.valid());
    EXPECT_FALSE(a.program.post.valid());
}

TEST(Relations, NeverDefinedRelationWarnsOnce) {
    Analysed a = analyse("node(\"a\")@1;\nh(N) :- node(N), notin ghost(N);\ng(N) :- node(N), ghost(N);");
    EXPECT_FALSE(a.diags.has_errors());
    ASSERT_EQ(a.warnings().size(), 1U);
    EXPECT_EQ(a.warnings()[0]->message, "relation 'ghost' is read but never defined; it is always empty");
    EXPECT_EQ(a.warnings()[0]->loc.line, 2U);
    EXPECT_EQ(a.warnings()[0]->loc.col, 24U);
}

TEST(Relations, FactsAreLoweredToValues) {
    Analysed a = analyse("f(\"a\", 3, 2 * (4 + 1), 7 / 2 - 10 % 4)@5;");
    EXPECT_TRUE(a.diags.all().empty());
    ASSERT_EQ(a.program.facts.size(), 1U);
    const CheckedFact& f = a.program.facts[0];
    EXPECT_EQ(f.rel, a.program.find("f"));
    EXPECT_EQ(f.time, 5);
    ASSERT_EQ(f.args.size(), 4U);
    EXPECT_EQ(f.args[0], Value(std::string("a")));
    EXPECT_EQ(f.args[1], Value(std::int64_t{3}));
    EXPECT_EQ(f.args[2], Value(std::int64_t{10}));
    EXPECT_EQ(f.args[3], Value(std::int64_t{1}));
}

TEST(Relations, FactsMustBeGround) {
    Analysed a = analyse("f(X, 1)@1;\ng(_)@1;");
    ASSERT_EQ(a.errors().size(), 2U);
    EXPECT_EQ(a.errors()[0]->message, "fact 'f' must be ground, but has the variable 'X'");
    EXPECT_EQ(a.errors()[0]->loc.col, 3U);
    EXPECT_EQ(a.errors()[1]->message, "fact 'g' must be ground, but has the wildcard '_'");
    EXPECT_TRUE(a.program.facts.empty());
}

TEST(Relations, BadArithmeticInFacts) {
    Analysed a = analyse("f(\"a\" + 1)@1;\nf(1 / 0)@1;\nf(9223372036854775807 + 1)@1;");
    ASSERT_EQ(a.errors().size(), 3U);
    EXPECT_EQ(a.errors()[0]->message, "arithmetic on a string in fact 'f'");
    EXPECT_EQ(a.errors()[0]->loc.col, 7U);
    EXPECT_EQ(a.errors()[1]->message, "arithmetic in fact 'f' overflows or divides by zero");
    EXPECT_EQ(a.errors()[2]->loc.line, 3U);
}

TEST(Relations, AggregateInFact) {
    Analysed a = analyse("f(count<X>)@1;");
    ASSERT_EQ(a.errors().size(), 1U);
    EXPECT_EQ(a.errors()[0]->message, "aggregate 'count<X>' is only allowed in a rule head, not in a fact");
}
