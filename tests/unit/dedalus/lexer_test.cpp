// Lexer edge cases: comments, escapes, integer limits, positions, stray characters.
#include "ldfi/dedalus/lexer.hpp"

#include <gtest/gtest.h>

using namespace ldfi;
using namespace ldfi::dedalus;

namespace {

std::vector<Token> lex_ok(std::string_view text) {
    Diagnostics diags;
    auto toks = lex(0, text, diags);
    EXPECT_FALSE(diags.has_errors()) << text;
    return toks;
}

std::vector<TokenKind> kinds(const std::vector<Token>& toks) {
    std::vector<TokenKind> out;
    for (const auto& t : toks) out.push_back(t.kind);
    return out;
}

}  // namespace

TEST(Lexer, EmptyInputGivesEnd) {
    auto toks = lex_ok("");
    ASSERT_EQ(toks.size(), 1U);
    EXPECT_EQ(toks[0].kind, TokenKind::END);
}

TEST(Lexer, AllPunctuation) {
    auto toks = lex_ok("( ) , ; @ :- + - * / % == != < > <= >=");
    std::vector<TokenKind> want = {TokenKind::LPAREN, TokenKind::RPAREN, TokenKind::COMMA,   TokenKind::SEMI,
                                   TokenKind::AT,     TokenKind::IF,     TokenKind::PLUS,    TokenKind::MINUS,
                                   TokenKind::STAR,   TokenKind::SLASH,  TokenKind::PERCENT, TokenKind::EQ,
                                   TokenKind::NE,     TokenKind::LT,     TokenKind::GT,      TokenKind::LE,
                                   TokenKind::GE,     TokenKind::END};
    EXPECT_EQ(kinds(toks), want);
}

TEST(Lexer, IdentifiersIncludeUnderscoresAndDigits) {
    auto toks = lex_ok("log_2 _ _X Abc9");
    ASSERT_EQ(toks.size(), 5U);
    EXPECT_EQ(toks[0].text, "log_2");
    EXPECT_EQ(toks[1].text, "_");
    EXPECT_EQ(toks[2].text, "_X");
    EXPECT_EQ(toks[3].text, "Abc9");
}

TEST(Lexer, CommentsAreSkippedAndLastLineNeedsNoNewline) {
    auto toks = lex_ok("a // one\n/* two\n three */ b // end");
    ASSERT_EQ(toks.size(), 3U);
    EXPECT_EQ(toks[0].text, "a");
    EXPECT_EQ(toks[1].text, "b");
    EXPECT_EQ(toks[1].loc.line, 3U);
    EXPECT_EQ(toks[1].loc.col, 11U);
}

TEST(Lexer, SlashAloneIsDivision) {
    auto toks = lex_ok("X / Y");
    EXPECT_EQ(toks[1].kind, TokenKind::SLASH);
}

TEST(Lexer, PositionsAreOneBasedByteColumns) {
    auto toks = lex_ok("p(a)\n  q(B);");
    EXPECT_EQ(toks[0].loc.line, 1U);
    EXPECT_EQ(toks[0].loc.col, 1U);
    EXPECT_EQ(toks[4].text, "q");
    EXPECT_EQ(toks[4].loc.line, 2U);
    EXPECT_EQ(toks[4].loc.col, 3U);
}

TEST(Lexer, StringEscapes) {
    auto toks = lex_ok(R"("a \"quoted\" \\ b")");
    ASSERT_EQ(toks[0].kind, TokenKind::STRING);
    EXPECT_EQ(toks[0].text, "a \"quoted\" \\ b");
}

TEST(Lexer, EmptyString) {
    auto toks = lex_ok(R"("")");
    EXPECT_EQ(toks[0].kind, TokenKind::STRING);
    EXPECT_EQ(toks[0].text, "");
}

TEST(Lexer, LargestIntegerFits) {
    auto toks = lex_ok("9223372036854775807 0 007");
    EXPECT_EQ(toks[0].integer, INT64_MAX);
    EXPECT_EQ(toks[1].integer, 0);
    EXPECT_EQ(toks[2].integer, 7);
}

TEST(Lexer, IntegerOverflowIsAnErrorWithPosition) {
    Diagnostics diags;
    lex(0, "p(\n  9223372036854775808)", diags);
    ASSERT_EQ(diags.error_count(), 1U);
    const auto& d = diags.all()[0];
    EXPECT_EQ(d.loc.line, 2U);
    EXPECT_EQ(d.loc.col, 3U);
    EXPECT_NE(d.message.find("does not fit in 64 bits"), std::string::npos);
}

TEST(Lexer, UnterminatedStringStopsAtLineEnd) {
    Diagnostics diags;
    auto toks = lex(0, "p(\"abc);\nq(1);", diags);
    ASSERT_EQ(diags.error_count(), 1U);
    EXPECT_EQ(diags.all()[0].loc.col, 3U);
    EXPECT_NE(diags.all()[0].message.find("unterminated string"), std::string::npos);
    EXPECT_EQ(toks[3].text, "q");  // lexing goes on at the next line
}

TEST(Lexer, UnterminatedComment) {
    Diagnostics diags;
    auto toks = lex(0, "a /* never\n closed", diags);
    ASSERT_EQ(diags.error_count(), 1U);
    EXPECT_EQ(diags.all()[0].loc.line, 1U);
    EXPECT_EQ(diags.all()[0].loc.col, 3U);
    EXPECT_EQ(diags.all()[0].message, "unterminated comment: '/*' has no matching '*/'");
    EXPECT_EQ(toks.size(), 2U);
}

TEST(Lexer, UnknownEscapeIsAnError) {
    Diagnostics diags;
    lex(0, R"("a\nb")", diags);
    ASSERT_EQ(diags.error_count(), 1U);
    EXPECT_EQ(diags.all()[0].loc.col, 3U);
}

TEST(Lexer, StrayCharactersAreReportedAndSkipped) {
    Diagnostics diags;
    auto toks = lex(0, "a # b $", diags);
    EXPECT_EQ(diags.error_count(), 2U);
    EXPECT_EQ(diags.all()[0].message, "unexpected character '#'");
    EXPECT_EQ(diags.all()[1].loc.col, 7U);
    EXPECT_EQ(toks.size(), 3U);
}

TEST(Lexer, LoneEqualsIsReportedButReadAsEquality) {
    Diagnostics diags;
    auto toks = lex(0, "X = Y", diags);
    ASSERT_EQ(diags.error_count(), 1U);
    EXPECT_EQ(diags.all()[0].message, "unexpected character '=' (did you mean '=='?)");
    EXPECT_EQ(toks[1].kind, TokenKind::EQ);
}

TEST(Lexer, Describe) {
    auto toks = lex_ok(R"(; log 12 "s")");
    EXPECT_EQ(describe(toks[0]), "';'");
    EXPECT_EQ(describe(toks[1]), "'log'");
    EXPECT_EQ(describe(toks[2]), "integer 12");
    EXPECT_EQ(describe(toks[3]), "string \"s\"");
    EXPECT_EQ(describe(toks[4]), "end of input");
}
