// Tokens of Dedalus: the lexer turns one source text into a token vector, reporting bad input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ldfi/util/diagnostics.hpp"

namespace ldfi::dedalus {

enum class TokenKind {
    IDENT,    ///< [A-Za-z_][A-Za-z0-9_]*
    INTEGER,  ///< [0-9]+, value in Token::integer
    STRING,   ///< "...", unescaped text in Token::text
    LPAREN,
    RPAREN,
    COMMA,
    SEMI,
    AT,
    IF,  ///< :-
    PLUS,
    MINUS,
    STAR,
    SLASH,
    PERCENT,
    EQ,
    NE,
    LT,
    GT,
    LE,
    GE,
    END,  ///< end of input
};

struct Token {
    TokenKind kind = TokenKind::END;
    std::string text;  ///< IDENT: the name; STRING: the unescaped contents; others: the spelling
    std::int64_t integer = 0;
    SourceLoc loc;
};

/// Splits `text` (file index `file`) into tokens, always ending with an END token. Lexical errors
/// (unterminated string or comment, integer overflow, stray characters) go to `diags`; lexing
/// continues after each so that every error in the file is reported.
std::vector<Token> lex(std::uint32_t file, std::string_view text, Diagnostics& diags);

/// A short description of a token for messages: `';'`, `'log'`, `end of input`.
std::string describe(const Token& t);

}  // namespace ldfi::dedalus
