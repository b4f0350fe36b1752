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

namespace {

// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF):
// strings end up in JSON output, which must be valid UTF-8.
bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 4;
        if (n == 4) return false;  // a continuation byte, or 0xF8..0xFF, cannot start a character
        std::uint32_t cp = n == 0 ? c : c & (0x7F >> (n + 1));
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return false;
            auto d = static_cast<unsigned char>(s[i + k]);
            if ((d >> 6) != 0x2) return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        static const std::uint32_t min_cp[] = {0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n + 1;
    }
    return true;
}

}  // namespace

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
    if (!valid_utf8(t.text)) m_diags.error(t.loc, "string is not valid UTF-8");
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
