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

/// Produces the tokens of one text on demand, so lexical and syntax errors come out in source order.
class Lexer {
public:
    Lexer(std::uint32_t file, std::string_view text, Diagnostics& diags)
        : m_file(file), m_text(text), m_diags(diags) {}
    /// The next token; END (repeatedly) once the text is used up.
    Token next_token();

private:
    [[nodiscard]] bool at_end() const { return m_pos >= m_text.size(); }
    [[nodiscard]] char peek(std::size_t ahead = 0) const {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
    }
    [[nodiscard]] SourceLoc here() const { return SourceLoc{m_file, m_line, m_col}; }
    void advance();
    void skip_space_and_comments();
    void skip_block_comment();
    bool lex_one(Token& t);
    void lex_ident(Token& t);
    void lex_integer(Token& t);
    void lex_string(Token& t);
    void lex_escape(Token& t);
    bool lex_punct(Token& t);
    void report_stray(char c);

    std::uint32_t m_file;
    std::string_view m_text;
    Diagnostics& m_diags;
    std::size_t m_pos = 0;
    std::uint32_t m_line = 1;
    std::uint32_t m_col = 1;
};

/// Splits `text` (file index `file`) into tokens, always ending with an END token. Lexical errors
/// (unterminated string or comment, integer overflow, stray characters) go to `diags`; lexing
/// continues after each so that every error in the file is reported.
std::vector<Token> lex(std::uint32_t file, std::string_view text, Diagnostics& diags);

/// A short description of a token for messages: `';'`, `'log'`, `end of input`.
std::string describe(const Token& t);

}  // namespace ldfi::dedalus
