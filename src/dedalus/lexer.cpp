// The Dedalus lexer: positions are 1-based line and byte column of each token's first character.
#include "ldfi/dedalus/lexer.hpp"

#include <cctype>
#include <limits>

namespace ldfi::dedalus {
namespace {

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Token Lexer::next_token() {
    for (;;) {
        skip_space_and_comments();
        if (at_end()) return Token{TokenKind::END, "", 0, here()};
        Token t;
        if (lex_one(t)) return t;
    }
}

void Lexer::advance() {
    if (m_text[m_pos] == '\n') {
        ++m_line;
        m_col = 1;
    } else {
        ++m_col;
    }
    ++m_pos;
}

void Lexer::skip_space_and_comments() {
    while (!at_end()) {
        char c = peek();
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            advance();
        } else if (c == '/' && peek(1) == '/') {
            while (!at_end() && peek() != '\n') advance();
        } else if (c == '/' && peek(1) == '*') {
            skip_block_comment();
        } else {
            return;
        }
    }
}

void Lexer::skip_block_comment() {
    SourceLoc start = here();
    advance();
    advance();
    while (!at_end() && !(peek() == '*' && peek(1) == '/')) advance();
    if (at_end()) {
        m_diags.error(start, "unterminated comment: '/*' has no matching '*/'");
        return;
    }
    advance();
    advance();
}

bool Lexer::lex_one(Token& t) {
    t.loc = here();
    char c = peek();
    if (is_ident_start(c)) {
        lex_ident(t);
        return true;
    }
    if (is_digit(c)) {
        lex_integer(t);
        return true;
    }
    if (c == '"') {
        lex_string(t);
        return true;
    }
    return lex_punct(t);
}

void Lexer::lex_ident(Token& t) {
    t.kind = TokenKind::IDENT;
    while (!at_end() && is_ident_char(peek())) {
        t.text += peek();
        advance();
    }
}

void Lexer::lex_integer(Token& t) {
    t.kind = TokenKind::INTEGER;
    constexpr auto MAX = std::numeric_limits<std::int64_t>::max();
    bool overflow = false;
    while (!at_end() && is_digit(peek())) {
        int d = peek() - '0';
        if (t.integer > (MAX - d) / 10) overflow = true;
        if (!overflow) t.integer = t.integer * 10 + d;
        t.text += peek();
        advance();
    }
    if (overflow) {
        m_diags.error(t.loc, "integer " + t.text + " does not fit in 64 bits (the largest is " +
                                 std::to_string(MAX) + ")");
        t.integer = 0;
    }
}

void Lexer::lex_string(Token& t) {
    t.kind = TokenKind::STRING;
    advance();
    while (!at_end() && peek() != '"' && peek() != '\n') {
        if (peek() == '\\') {
            lex_escape(t);
        } else {
            t.text += peek();
            advance();
        }
    }
    if (at_end() || peek() == '\n') {
        m_diags.error(t.loc, "unterminated string: missing closing '\"' on this line");
        return;
    }
    advance();
}

void Lexer::lex_escape(Token& t) {
    SourceLoc at = here();
    advance();
    char e = peek();
    if (at_end() || e == '\n') return;  // reported as an unterminated string by the caller
    if (e != '"' && e != '\\') {
        m_diags.error(at,
                      std::string("unknown escape '\\") + e + "' in string (only \\\" and \\\\ are allowed)");
    }
    t.text += e;
    advance();
}

bool Lexer::lex_punct(Token& t) {
    char c = peek();
    char n = peek(1);
    auto take = [&](TokenKind k, std::size_t len) {
        t.kind = k;
        t.text = std::string(m_text.substr(m_pos, len));
        for (std::size_t i = 0; i < len; ++i) advance();
        return true;
    };
    if (c == ':' && n == '-') return take(TokenKind::IF, 2);
    if (c == '=' && n == '=') return take(TokenKind::EQ, 2);
    if (c == '!' && n == '=') return take(TokenKind::NE, 2);
    if (c == '<' && n == '=') return take(TokenKind::LE, 2);
    if (c == '>' && n == '=') return take(TokenKind::GE, 2);
    switch (c) {
        case '(':
            return take(TokenKind::LPAREN, 1);
        case ')':
            return take(TokenKind::RPAREN, 1);
        case ',':
            return take(TokenKind::COMMA, 1);
        case ';':
            return take(TokenKind::SEMI, 1);
        case '@':
            return take(TokenKind::AT, 1);
        case '+':
            return take(TokenKind::PLUS, 1);
        case '-':
            return take(TokenKind::MINUS, 1);
        case '*':
            return take(TokenKind::STAR, 1);
        case '/':
            return take(TokenKind::SLASH, 1);
        case '%':
            return take(TokenKind::PERCENT, 1);
        case '<':
            return take(TokenKind::LT, 1);
        case '>':
            return take(TokenKind::GT, 1);
        default:
            break;
    }
    if (c == '=') {
        // Read a lone '=' as '==' after reporting it, so one typo gives one error.
        m_diags.error(here(), "unexpected character '=' (did you mean '=='?)");
        return take(TokenKind::EQ, 1);
    }
    report_stray(c);
    return false;
}

void Lexer::report_stray(char c) {
    std::string shown = std::isprint(static_cast<unsigned char>(c)) != 0
                            ? "'" + std::string(1, c) + "'"
                            : "byte " + std::to_string(static_cast<unsigned char>(c));
    if (c == ':') shown += " (did you mean ':-'?)";
    m_diags.error(here(), "unexpected character " + shown);
    advance();
}

std::vector<Token> lex(std::uint32_t file, std::string_view text, Diagnostics& diags) {
    Lexer lexer(file, text, diags);
    std::vector<Token> out;
    do {
        out.push_back(lexer.next_token());
    } while (out.back().kind != TokenKind::END);
    return out;
}

std::string describe(const Token& t) {
    switch (t.kind) {
        case TokenKind::END:
            return "end of input";
        case TokenKind::STRING:
            return "string \"" + t.text + "\"";
        case TokenKind::INTEGER:
            return "integer " + t.text;
        default:
            return "'" + t.text + "'";
    }
}

}  // namespace ldfi::dedalus
