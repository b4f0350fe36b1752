// Recursive-descent parser for the clauses of dedalus.md section 2, with recovery at each ';'.
#include "ldfi/dedalus/parser.hpp"

#include <deque>
#include <utility>

#include "ldfi/dedalus/lexer.hpp"
#include "parse_context.hpp"

namespace ldfi::dedalus {
namespace {

// Thrown after a syntax error has been reported; it unwinds to the clause boundary, where the
// parser resynchronises. It never leaves this file.
struct SyntaxError {};

// Operators and parentheses in one clause: bounds the depth of every expression tree, so no
// pass that recurses over expressions (here or later) can overflow the stack.
constexpr std::size_t MAX_EXPR_NODES = 1000;

bool is_lower(const std::string& s) { return !s.empty() && s[0] >= 'a' && s[0] <= 'z'; }
bool is_variable_name(const std::string& s) { return !s.empty() && !is_lower(s) && s != "_"; }

std::optional<AggKind> aggregate_kind(const std::string& s) {
    if (s == "count") return AggKind::COUNT;
    if (s == "sum") return AggKind::SUM;
    if (s == "min") return AggKind::MIN;
    if (s == "max") return AggKind::MAX;
    if (s == "avg") return AggKind::AVG;
    return std::nullopt;
}

std::optional<CmpOp> comparison_op(TokenKind k) {
    switch (k) {
        case TokenKind::EQ:
            return CmpOp::EQ;
        case TokenKind::NE:
            return CmpOp::NE;
        case TokenKind::LT:
            return CmpOp::LT;
        case TokenKind::GT:
            return CmpOp::GT;
        case TokenKind::LE:
            return CmpOp::LE;
        case TokenKind::GE:
            return CmpOp::GE;
        default:
            return std::nullopt;
    }
}

class Parser {
public:
    Parser(std::uint32_t file, std::string_view text, Program& out, Diagnostics& diags, ParseContext& ctx)
        : m_lexer(file, text, diags), m_out(out), m_diags(diags), m_ctx(ctx) {}

    void run() {
        for (;;) {
            m_errors_before_clause = m_diags.error_count();
            if (at(TokenKind::END)) break;
            try {
                clause();
            } catch (const SyntaxError&) {
                synchronize();
            }
        }
    }

private:
    // Tokens are pulled on demand so that lexical errors interleave with syntax errors in order.
    const Token& ahead(std::size_t n) {
        while (m_buffer.size() <= n) m_buffer.push_back(m_lexer.next_token());
        return m_buffer[n];
    }
    const Token& cur() { return ahead(0); }
    bool at(TokenKind k) { return cur().kind == k; }
    bool at_ident(const char* s) { return at(TokenKind::IDENT) && cur().text == s; }
    Token next() {
        Token t = cur();
        if (t.kind != TokenKind::END) m_buffer.pop_front();
        return t;
    }

    // A clause that already has a lexical error (say, an unterminated string that swallowed its
    // ')') reports no syntax error on top of it: one problem, one message.
    [[noreturn]] void fail(const SourceLoc& loc, std::string message) {
        if (m_diags.error_count() == m_errors_before_clause) m_diags.error(loc, std::move(message));
        throw SyntaxError{};
    }
    [[noreturn]] void fail_expected(const std::string& what) {
        fail(cur().loc, "expected " + what + ", found " + describe(cur()));
    }
    Token expect(TokenKind k, const std::string& what) {
        if (!at(k)) fail_expected(what);
        return next();
    }

    void synchronize() {
        while (!at(TokenKind::SEMI) && !at(TokenKind::END)) next();
        if (at(TokenKind::SEMI)) next();
    }

    void clause() {
        m_expr_nodes = 0;
        if (at_ident("include") && ahead(1).kind == TokenKind::STRING) {
            include_clause();
            return;
        }
        if (!at(TokenKind::IDENT)) fail_expected("a fact or a rule");
        Atom head = atom();
        TimeSuffix suffix = TimeSuffix::NONE;
        std::optional<Token> time;
        if (at(TokenKind::AT)) head_time(head, suffix, time);
        if (at(TokenKind::IF)) {
            if (time) fail(time->loc, "a rule head takes '@next' or '@async', not a time");
            next();
            rule(std::move(head), suffix);
        } else if (at(TokenKind::SEMI)) {
            fact(std::move(head), suffix, time);
        } else {
            fail_expected("':-' or ';' after '" + head.name + "(...)'");
        }
    }

    void include_clause() {
        SourceLoc loc = next().loc;
        std::string path = next().text;
        expect(TokenKind::SEMI, "';' after include \"" + path + "\"");
        if (m_ctx.on_include) {
            m_ctx.on_include(path, loc);
        } else {
            m_diags.error(
                loc, "include \"" + path + "\" cannot be followed here (read the spec with parse_files)");
        }
    }

    void head_time(const Atom& head, TimeSuffix& suffix, std::optional<Token>& time) {
        next();
        if (at(TokenKind::INTEGER)) {
            time = next();
        } else if (at_ident("next")) {
            next();
            suffix = TimeSuffix::NEXT;
        } else if (at_ident("async")) {
            next();
            suffix = TimeSuffix::ASYNC;
        } else {
            fail_expected("an integer time, 'next' or 'async' after '" + head.name + "(...)@'");
        }
    }

    void fact(Atom head, TimeSuffix suffix, const std::optional<Token>& time) {
        if (suffix != TimeSuffix::NONE) {
            fail(cur().loc, "fact '" + head.name + "' needs an integer time, not '@" +
                                (suffix == TimeSuffix::NEXT ? "next" : "async") +
                                "' (or is the ':-' body missing?)");
        }
        if (!time)
            fail(cur().loc, "fact '" + head.name + "' has no time: write " + head.name + "(...)@<time>;");
        next();
        SourceLoc loc = head.loc;
        m_out.facts.push_back(Fact{std::move(head), time->integer, loc});
    }

    void rule(Atom head, TimeSuffix suffix) {
        Rule r;
        r.loc = head.loc;
        r.head = std::move(head);
        r.suffix = suffix;
        r.body.push_back(literal());
        while (at(TokenKind::COMMA)) {
            next();
            r.body.push_back(literal());
        }
        expect(TokenKind::SEMI, "',' or ';' after a body literal");
        m_out.rules.push_back(std::move(r));
    }

    Literal literal() {
        Literal l;
        l.loc = cur().loc;
        if (at_ident("notin") && ahead(1).kind == TokenKind::IDENT) {
            next();
            l.kind = Literal::Kind::NEGATED;
            l.atom = atom();
            body_time(l);
        } else if (at(TokenKind::IDENT) && ahead(1).kind == TokenKind::LPAREN) {
            l.atom = atom();
            body_time(l);
        } else {
            comparison(l);
        }
        return l;
    }

    void body_time(Literal& l) {
        if (!at(TokenKind::AT)) return;
        next();
        if (!at(TokenKind::INTEGER))
            fail_expected("an integer time after '" + l.atom.name + "(...)@' in a body");
        l.at_time = next().integer;
    }

    void comparison(Literal& l) {
        l.kind = Literal::Kind::COMPARISON;
        l.lhs = expr();
        auto op = comparison_op(cur().kind);
        if (!op) fail_expected("a comparison operator (==, !=, <, >, <=, >=)");
        next();
        l.cmp = *op;
        l.rhs = expr();
    }

    Atom atom() {
        Atom a;
        Token name = expect(TokenKind::IDENT, "a relation name");
        a.name = name.text;
        a.loc = name.loc;
        if (!is_lower(a.name))
            fail(a.loc, "relation name '" + a.name + "' must start with a lowercase letter");
        expect(TokenKind::LPAREN, "'(' after relation name '" + a.name + "'");
        if (at(TokenKind::RPAREN)) {
            next();
            return a;
        }
        a.args.push_back(arg(a.name));
        while (at(TokenKind::COMMA)) {
            next();
            a.args.push_back(arg(a.name));
        }
        expect(TokenKind::RPAREN, "')' after arguments of '" + a.name + "'");
        return a;
    }

    Arg arg(const std::string& relation) {
        Arg a;
        a.loc = cur().loc;
        auto agg = at(TokenKind::IDENT) ? aggregate_kind(cur().text) : std::nullopt;
        if (agg && ahead(1).kind == TokenKind::LT) {
            a.aggregate = agg;
            a.expr = aggregate_variable(next().text);
            return a;
        }
        if (at(TokenKind::IDENT) && ahead(1).kind == TokenKind::LPAREN) {
            fail(cur().loc, "atom '" + cur().text + "(...)' cannot be an argument of '" + relation + "'");
        }
        a.expr = expr();
        return a;
    }

    ExprPtr aggregate_variable(const std::string& agg) {
        next();
        if (!at(TokenKind::IDENT) || !is_variable_name(cur().text)) {
            fail_expected("a variable inside '" + agg + "<...>'");
        }
        auto e = std::make_shared<Expr>();
        e->kind = Expr::Kind::VARIABLE;
        e->name = cur().text;
        e->loc = next().loc;
        expect(TokenKind::GT, "'>' to close '" + agg + "<" + e->name + "'");
        return e;
    }

    static std::optional<BinOp> additive(TokenKind k) {
        if (k == TokenKind::PLUS) return BinOp::ADD;
        if (k == TokenKind::MINUS) return BinOp::SUB;
        return std::nullopt;
    }
    static std::optional<BinOp> multiplicative(TokenKind k) {
        if (k == TokenKind::STAR) return BinOp::MUL;
        if (k == TokenKind::SLASH) return BinOp::DIV;
        if (k == TokenKind::PERCENT) return BinOp::MOD;
        return std::nullopt;
    }

    // Counts an operator or a '(' at `loc` against MAX_EXPR_NODES.
    void count_expr_node(const SourceLoc& loc) {
        if (++m_expr_nodes <= MAX_EXPR_NODES) return;
        fail(loc, "expression too deep: more than " + std::to_string(MAX_EXPR_NODES) +
                      " operators and parentheses in one clause");
    }

    static ExprPtr binary(BinOp op, ExprPtr lhs, ExprPtr rhs, SourceLoc loc) {
        auto e = std::make_shared<Expr>();
        e->kind = Expr::Kind::BINARY;
        e->op = op;
        e->lhs = std::move(lhs);
        e->rhs = std::move(rhs);
        e->loc = loc;
        return e;
    }

    ExprPtr expr() {
        ExprPtr lhs = product();
        while (auto op = additive(cur().kind)) {
            SourceLoc loc = next().loc;
            count_expr_node(loc);
            lhs = binary(*op, lhs, product(), loc);
        }
        return lhs;
    }

    ExprPtr product() {
        ExprPtr lhs = term();
        while (auto op = multiplicative(cur().kind)) {
            SourceLoc loc = next().loc;
            count_expr_node(loc);
            lhs = binary(*op, lhs, term(), loc);
        }
        return lhs;
    }

    ExprPtr term() {
        if (at(TokenKind::LPAREN)) {
            count_expr_node(next().loc);
            ExprPtr e = expr();
            expect(TokenKind::RPAREN, "')' to close '('");
            return e;
        }
        auto e = std::make_shared<Expr>();
        e->loc = cur().loc;
        switch (cur().kind) {
            case TokenKind::INTEGER:
                e->kind = Expr::Kind::INTEGER;
                e->integer = cur().integer;
                break;
            case TokenKind::STRING:
                e->kind = Expr::Kind::STRING;
                e->name = cur().text;
                break;
            case TokenKind::IDENT:
                identifier_term(*e);
                break;
            default:
                fail_expected("a variable, integer, string, '_' or '('");
        }
        next();
        return e;
    }

    void identifier_term(Expr& e) {
        const std::string& name = cur().text;
        if (name == "_") {
            e.kind = Expr::Kind::WILDCARD;
        } else if (is_variable_name(name)) {
            e.kind = Expr::Kind::VARIABLE;
        } else {
            e.kind = Expr::Kind::STRING;
            e.bare_identifier = true;
            warn_bare_identifier(name, e.loc);
        }
        e.name = name;
    }

    void warn_bare_identifier(const std::string& name, SourceLoc loc) {
        if (m_ctx.warned_bare_identifier) return;
        m_ctx.warned_bare_identifier = true;
        m_diags.warning(loc, "bare identifier '" + name + "' read as the string \"" + name + "\"");
    }

    Lexer m_lexer;
    std::size_t m_errors_before_clause = 0;
    std::size_t m_expr_nodes = 0;  ///< operators and '(' in the current clause
    std::deque<Token> m_buffer;
    Program& m_out;
    Diagnostics& m_diags;
    ParseContext& m_ctx;
};

}  // namespace

void parse_clauses(std::uint32_t file, const SourceFiles& files, Program& out, Diagnostics& diags,
                   ParseContext& ctx) {
    Parser(file, files.text(file), out, diags, ctx).run();
}

void parse_text(std::uint32_t file, const SourceFiles& files, Program& out, Diagnostics& diags) {
    ParseContext ctx;
    parse_clauses(file, files, out, diags, ctx);
}

}  // namespace ldfi::dedalus
