// Printing the AST back as one-line Dedalus, for reports and round-trip tests.
#include "ldfi/dedalus/ast.hpp"

namespace ldfi::dedalus {
namespace {

int precedence(BinOp op) { return op == BinOp::ADD || op == BinOp::SUB ? 1 : 2; }

// Left-associative: a right operand of equal precedence needs parentheses, a left one does not.
std::string operand(const Expr& child, int parent_prec, bool right) {
    std::string s = to_string(child);
    if (child.kind != Expr::Kind::BINARY) return s;
    int p = precedence(child.op);
    bool paren = p < parent_prec || (right && p == parent_prec);
    return paren ? "(" + s + ")" : s;
}

std::string print_arg(const Arg& a) {
    if (!a.aggregate) return to_string(*a.expr);
    return std::string(to_string(*a.aggregate)) + "<" + to_string(*a.expr) + ">";
}

}  // namespace

const char* to_string(BinOp op) {
    switch (op) {
        case BinOp::ADD:
            return "+";
        case BinOp::SUB:
            return "-";
        case BinOp::MUL:
            return "*";
        case BinOp::DIV:
            return "/";
        case BinOp::MOD:
            return "%";
    }
    return "?";
}

const char* to_string(CmpOp op) {
    switch (op) {
        case CmpOp::EQ:
            return "==";
        case CmpOp::NE:
            return "!=";
        case CmpOp::LT:
            return "<";
        case CmpOp::GT:
            return ">";
        case CmpOp::LE:
            return "<=";
        case CmpOp::GE:
            return ">=";
    }
    return "?";
}

const char* to_string(AggKind k) {
    switch (k) {
        case AggKind::COUNT:
            return "count";
        case AggKind::SUM:
            return "sum";
        case AggKind::MIN:
            return "min";
        case AggKind::MAX:
            return "max";
        case AggKind::AVG:
            return "avg";
    }
    return "?";
}

std::string quote_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

std::string to_string(const Expr& e) {
    switch (e.kind) {
        case Expr::Kind::VARIABLE:
            return e.name;
        case Expr::Kind::WILDCARD:
            return "_";
        case Expr::Kind::INTEGER:
            return std::to_string(e.integer);
        case Expr::Kind::STRING:
            return e.bare_identifier ? e.name : quote_string(e.name);
        case Expr::Kind::BINARY: {
            int p = precedence(e.op);
            return operand(*e.lhs, p, false) + " " + to_string(e.op) + " " + operand(*e.rhs, p, true);
        }
    }
    return "?";
}

std::string to_string(const Atom& a) {
    std::string out = a.name + "(";
    for (std::size_t i = 0; i < a.args.size(); ++i) {
        if (i > 0) out += ", ";
        out += print_arg(a.args[i]);
    }
    return out + ")";
}

std::string to_string(const Literal& l) {
    if (l.kind == Literal::Kind::COMPARISON) {
        return to_string(*l.lhs) + " " + to_string(l.cmp) + " " + to_string(*l.rhs);
    }
    std::string out = l.kind == Literal::Kind::NEGATED ? "notin " : "";
    out += to_string(l.atom);
    if (l.at_time) out += "@" + std::to_string(*l.at_time);
    return out;
}

std::string to_string(const Rule& r) {
    std::string out = to_string(r.head);
    if (r.suffix == TimeSuffix::NEXT) out += "@next";
    if (r.suffix == TimeSuffix::ASYNC) out += "@async";
    out += " :- ";
    for (std::size_t i = 0; i < r.body.size(); ++i) {
        if (i > 0) out += ", ";
        out += to_string(r.body[i]);
    }
    return out + ";";
}

std::string to_string(const Fact& f) { return to_string(f.atom) + "@" + std::to_string(f.time) + ";"; }

}  // namespace ldfi::dedalus
