// Parser: every grammar construct, positions of syntax errors, recovery at ';'.
#include "ldfi/dedalus/parser.hpp"

#include <gtest/gtest.h>

using namespace ldfi;
using namespace ldfi::dedalus;

namespace {

struct Parsed {
    Program program;
    Diagnostics diags;
};

Parsed parse(const std::string& text) {
    Parsed p;
    SourceFiles files;
    parse_text(files.add("t.ded", text), files, p.program, p.diags);
    return p;
}

Program parse_ok(const std::string& text) {
    Parsed p = parse(text);
    EXPECT_FALSE(p.diags.has_errors()) << text << "\n"
                                       << (p.diags.all().empty() ? "" : p.diags.all()[0].message);
    return p.program;
}

const Diagnostic& only_error(const Parsed& p) {
    EXPECT_EQ(p.diags.error_count(), 1U);
    return p.diags.all().at(0);
}

std::string print_rule(const std::string& text) { return to_string(parse_ok(text).rules.at(0)); }

}  // namespace

TEST(Parser, Fact) {
    Program p = parse_ok("node(\"a\", 1)@3;");
    ASSERT_EQ(p.facts.size(), 1U);
    const Fact& f = p.facts[0];
    EXPECT_EQ(f.atom.name, "node");
    EXPECT_EQ(f.time, 3);
    ASSERT_EQ(f.atom.args.size(), 2U);
    EXPECT_EQ(f.atom.args[0].expr->kind, Expr::Kind::STRING);
    EXPECT_EQ(f.atom.args[0].expr->name, "a");
    EXPECT_EQ(f.atom.args[1].expr->integer, 1);
    EXPECT_EQ(f.atom.args[1].loc.col, 11U);
}

TEST(Parser, ZeroArityAtom) {
    Program p = parse_ok("go()@1;");
    EXPECT_TRUE(p.facts[0].atom.args.empty());
}

TEST(Parser, RuleSuffixes) {
    Program p = parse_ok("a(X) :- b(X);\na(X)@next :- b(X);\na(X)@async :- b(X);");
    ASSERT_EQ(p.rules.size(), 3U);
    EXPECT_EQ(p.rules[0].suffix, TimeSuffix::NONE);
    EXPECT_EQ(p.rules[1].suffix, TimeSuffix::NEXT);
    EXPECT_EQ(p.rules[2].suffix, TimeSuffix::ASYNC);
    EXPECT_EQ(p.rules[2].loc.line, 3U);
}

TEST(Parser, BodyLiterals) {
    Program p = parse_ok("h(X) :- b(X, _), notin c(X), d(X)@2, X != 3;");
    const auto& body = p.rules[0].body;
    ASSERT_EQ(body.size(), 4U);
    EXPECT_EQ(body[0].kind, Literal::Kind::POSITIVE);
    EXPECT_EQ(body[0].atom.args[1].expr->kind, Expr::Kind::WILDCARD);
    EXPECT_EQ(body[1].kind, Literal::Kind::NEGATED);
    EXPECT_EQ(body[1].atom.name, "c");
    EXPECT_EQ(body[1].loc.col, 18U);
    EXPECT_EQ(body[1].atom.loc.col, 24U);
    EXPECT_EQ(body[2].at_time, 2);
    EXPECT_EQ(body[3].kind, Literal::Kind::COMPARISON);
    EXPECT_EQ(body[3].cmp, CmpOp::NE);
}

TEST(Parser, AllComparisonOperators) {
    Program p = parse_ok("h(X) :- b(X), X == 1, X != 1, X < 1, X > 1, X <= 1, X >= 1;");
    std::vector<CmpOp> want = {CmpOp::EQ, CmpOp::NE, CmpOp::LT, CmpOp::GT, CmpOp::LE, CmpOp::GE};
    for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(p.rules[0].body[i + 1].cmp, want[i]);
}

TEST(Parser, ArithmeticPrecedenceAndAssociativity) {
    EXPECT_EQ(print_rule("h(A) :- b(A, B), A == B + 2 * 3 - 1;"), "h(A) :- b(A, B), A == B + 2 * 3 - 1;");
    EXPECT_EQ(print_rule("h(A) :- b(A, B), A == (B + 2) * 3;"), "h(A) :- b(A, B), A == (B + 2) * 3;");
    EXPECT_EQ(print_rule("h(A) :- b(A, B), A == B - (2 - 1);"), "h(A) :- b(A, B), A == B - (2 - 1);");
    EXPECT_EQ(print_rule("h(A) :- b(A, B), A == ((B - 2) - 1);"), "h(A) :- b(A, B), A == B - 2 - 1;");
    EXPECT_EQ(print_rule("h(A) :- b(A, B), A == B / 2 % 3;"), "h(A) :- b(A, B), A == B / 2 % 3;");
}

TEST(Parser, ExpressionTreeShape) {
    Program p = parse_ok("h(X + 1 * 2) :- b(X);");
    const Expr& e = *p.rules[0].head.args[0].expr;
    ASSERT_EQ(e.kind, Expr::Kind::BINARY);
    EXPECT_EQ(e.op, BinOp::ADD);
    EXPECT_EQ(e.rhs->op, BinOp::MUL);
    EXPECT_EQ(e.loc.col, 5U);
}

TEST(Parser, Aggregates) {
    Program p = parse_ok("h(G, count<X>, sum<X>, min<X>, max<X>, avg<X>) :- b(G, X);");
    const auto& args = p.rules[0].head.args;
    ASSERT_EQ(args.size(), 6U);
    EXPECT_FALSE(args[0].aggregate);
    EXPECT_EQ(args[1].aggregate, AggKind::COUNT);
    EXPECT_EQ(args[5].aggregate, AggKind::AVG);
    EXPECT_EQ(args[1].expr->name, "X");
    EXPECT_EQ(to_string(p.rules[0]), "h(G, count<X>, sum<X>, min<X>, max<X>, avg<X>) :- b(G, X);");
}

TEST(Parser, AggregateNeedsAVariable) {
    Parsed p = parse("h(count<1>) :- b(X);");
    EXPECT_EQ(only_error(p).message, "expected a variable inside 'count<...>', found integer 1");
}

TEST(Parser, BareIdentifierIsAStringWarnedOnce) {
    Parsed p = parse("node(a, b)@1;\nnode(c, d)@1;");
    EXPECT_FALSE(p.diags.has_errors());
    ASSERT_EQ(p.diags.all().size(), 1U);
    const Diagnostic& d = p.diags.all()[0];
    EXPECT_EQ(d.severity, Severity::WARNING);
    EXPECT_EQ(d.message, "bare identifier 'a' read as the string \"a\"");
    EXPECT_EQ(d.loc.col, 6U);
    const Expr& e = *p.program.facts[1].atom.args[0].expr;
    EXPECT_EQ(e.kind, Expr::Kind::STRING);
    EXPECT_TRUE(e.bare_identifier);
    EXPECT_EQ(e.name, "c");
}

TEST(Parser, BareIdentifierInComparison) {
    Parsed p = parse("h(X) :- b(X), X != commit;");
    EXPECT_FALSE(p.diags.has_errors());
    EXPECT_EQ(p.program.rules[0].body[1].rhs->name, "commit");
    EXPECT_EQ(to_string(p.program.rules[0]), "h(X) :- b(X), X != commit;");
}

TEST(Parser, StringsPrintEscaped) {
    EXPECT_EQ(print_rule(R"(h(X) :- b(X, "a \"b\" \\"), X != "a b";)"),
              R"(h(X) :- b(X, "a \"b\" \\"), X != "a b";)");
}

TEST(Parser, PrintsSuffixesAndTimes) {
    EXPECT_EQ(print_rule("log(N,P)@next:-log(N,P),notin gone(N)@3;"),
              "log(N, P)@next :- log(N, P), notin gone(N)@3;");
    EXPECT_EQ(print_rule("m(D, X)@async :- s(_, D, X);"), "m(D, X)@async :- s(_, D, X);");
    EXPECT_EQ(to_string(parse_ok("f(\"a\", 1)@2;").facts[0]), "f(\"a\", 1)@2;");
}

TEST(Parser, FactWithoutTime) {
    Parsed p = parse("node(\"a\");");
    const Diagnostic& d = only_error(p);
    EXPECT_EQ(d.message, "fact 'node' has no time: write node(...)@<time>;");
    EXPECT_EQ(d.loc.col, 10U);
    EXPECT_TRUE(p.program.facts.empty());
}

TEST(Parser, FactWithNextSuffix) {
    Parsed p = parse("node(\"a\")@next;");
    EXPECT_NE(only_error(p).message.find("needs an integer time, not '@next'"), std::string::npos);
}

TEST(Parser, RuleHeadWithTime) {
    Parsed p = parse("h(X)@2 :- b(X);");
    const Diagnostic& d = only_error(p);
    EXPECT_EQ(d.message, "a rule head takes '@next' or '@async', not a time");
    EXPECT_EQ(d.loc.col, 6U);
}

TEST(Parser, BadSuffix) {
    Parsed p = parse("h(X)@later :- b(X);");
    EXPECT_EQ(only_error(p).message,
              "expected an integer time, 'next' or 'async' after 'h(...)@', found 'later'");
}

TEST(Parser, MissingCloseParen) {
    Parsed p = parse("log(\"a\", \"b\";");
    const Diagnostic& d = only_error(p);
    EXPECT_EQ(d.message, "expected ')' after arguments of 'log', found ';'");
    EXPECT_EQ(d.loc.line, 1U);
    EXPECT_EQ(d.loc.col, 13U);
}

TEST(Parser, UppercaseRelationName) {
    Parsed p = parse("Log(X) :- b(X);");
    EXPECT_EQ(only_error(p).message, "relation name 'Log' must start with a lowercase letter");
}

TEST(Parser, NestedAtomIsAnError) {
    Parsed p = parse("h(X) :- b(c(X));");
    EXPECT_EQ(only_error(p).message, "atom 'c(...)' cannot be an argument of 'b'");
}

TEST(Parser, MissingComparisonOperator) {
    Parsed p = parse("h(X) :- b(X), X;");
    EXPECT_EQ(only_error(p).message, "expected a comparison operator (==, !=, <, >, <=, >=), found ';'");
}

TEST(Parser, BodyTimeMustBeAnInteger) {
    Parsed p = parse("h(X) :- b(X)@next;");
    EXPECT_EQ(only_error(p).message, "expected an integer time after 'b(...)@' in a body, found 'next'");
}

TEST(Parser, MissingTermAndUnclosedParen) {
    EXPECT_EQ(only_error(parse("h(X) :- b(X), X == ;")).message,
              "expected a variable, integer, string, '_' or '(', found ';'");
    EXPECT_EQ(only_error(parse("h(X) :- b(X), X == (1 + 2;")).message,
              "expected ')' to close '(', found ';'");
}

TEST(Parser, ClauseStartingWithPunctuation) {
    Parsed p = parse(":- b(X);\nok(1)@1;");
    EXPECT_EQ(only_error(p).message, "expected a fact or a rule, found ':-'");
    EXPECT_EQ(p.program.facts.size(), 1U);
}

TEST(Parser, MissingSemicolonAtEndOfInput) {
    Parsed p = parse("h(X) :- b(X)");
    EXPECT_EQ(only_error(p).message, "expected ',' or ';' after a body literal, found end of input");
}

TEST(Parser, RecoveryReportsEveryErrorAndKeepsGoodClauses) {
    Parsed p = parse("a(1)@1;\nb(X) :- a(X;\nc(X) :- a(X) X;\nd(X) :- a(X);\ne(\"x\");\n");
    ASSERT_EQ(p.diags.error_count(), 3U);
    EXPECT_EQ(p.diags.all()[0].loc.line, 2U);
    EXPECT_EQ(p.diags.all()[0].loc.col, 12U);
    EXPECT_EQ(p.diags.all()[1].loc.line, 3U);
    EXPECT_EQ(p.diags.all()[1].loc.col, 14U);
    EXPECT_EQ(p.diags.all()[2].loc.line, 5U);
    EXPECT_EQ(p.program.facts.size(), 1U);
    ASSERT_EQ(p.program.rules.size(), 1U);
    EXPECT_EQ(p.program.rules[0].head.name, "d");
}

TEST(Parser, LexicalAndSyntaxErrorsComeOutInSourceOrder) {
    Parsed p = parse("a(X :- b(X);\nc(99999999999999999999)@1;");
    ASSERT_EQ(p.diags.error_count(), 2U);
    EXPECT_EQ(p.diags.all()[0].loc.line, 1U);
    EXPECT_EQ(p.diags.all()[1].loc.line, 2U);
    EXPECT_NE(p.diags.all()[1].message.find("64 bits"), std::string::npos);
}

TEST(Parser, IncludeIsAnErrorInParseText) {
    Parsed p = parse("include \"x.ded\";");
    EXPECT_EQ(only_error(p).loc.col, 1U);
}

TEST(Parser, IncludeAsRelationName) {
    Program p = parse_ok("include(\"x\")@1;");
    EXPECT_EQ(p.facts[0].atom.name, "include");
}

TEST(Parser, NotinAsValueIsABareIdentifier) {
    Parsed p = parse("h(X) :- b(X), X != notin;");
    EXPECT_FALSE(p.diags.has_errors());
}

TEST(Parser, NoSyntaxErrorOnTopOfALexicalOne) {
    Parsed p = parse("node(\"a\", \"b)@1;\nnode(\"b\", \"a\")@1;\nok(1)@1;");
    ASSERT_EQ(p.diags.error_count(), 1U);
    EXPECT_NE(p.diags.all()[0].message.find("unterminated string"), std::string::npos);
    ASSERT_EQ(p.program.facts.size(), 1U);
    EXPECT_EQ(p.program.facts[0].atom.name, "ok");
}

TEST(Parser, PrintedRulesParseBackToTheSameText) {
    const char* rules[] = {
        "a(X, count<Y>) :- b(X, Y), notin c(Y)@2, X + 1 * (2 - Y) / 3 % 4 >= \"s\\\"t\";",
        "m(D, S)@async :- s(_, D, S), S <= 10 - (3 - 1);",
        "st(N)@next :- st(N), N == bare;",
    };
    for (const char* text : rules) {
        std::string once = print_rule(text);
        EXPECT_EQ(print_rule(once), once);
    }
}
