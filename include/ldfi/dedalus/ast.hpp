// The abstract syntax of Dedalus specs, exactly as written (no names resolved yet).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ldfi/util/diagnostics.hpp"

namespace ldfi::dedalus {

enum class BinOp { ADD, SUB, MUL, DIV, MOD };
enum class CmpOp { EQ, NE, LT, GT, LE, GE };
enum class AggKind { COUNT, SUM, MIN, MAX, AVG };
enum class TimeSuffix { NONE, NEXT, ASYNC };

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

/// An arithmetic expression or a term.
struct Expr {
    enum class Kind { VARIABLE, INTEGER, STRING, WILDCARD, BINARY };
    Kind kind = Kind::INTEGER;
    std::string name;           ///< VARIABLE: its name; STRING: its (unescaped) text
    std::int64_t integer = 0;   ///< INTEGER
    bool bare_identifier = false;  ///< STRING written as a bare lowercase identifier (warned about)
    BinOp op = BinOp::ADD;      ///< BINARY
    ExprPtr lhs, rhs;           ///< BINARY
    SourceLoc loc;
};

/// An argument of an atom: an expression, or (in heads only) an aggregate over a variable.
struct Arg {
    std::optional<AggKind> aggregate;
    ExprPtr expr;  ///< for an aggregate: the aggregated VARIABLE
    SourceLoc loc;
};

struct Atom {
    std::string name;
    std::vector<Arg> args;
    SourceLoc loc;  ///< position of the relation name
};

/// One body literal: a positive atom, a negated atom (`notin`), or a comparison.
struct Literal {
    enum class Kind { POSITIVE, NEGATED, COMPARISON };
    Kind kind = Kind::POSITIVE;
    Atom atom;                          ///< POSITIVE, NEGATED
    std::optional<std::int64_t> at_time;  ///< `p(..)@k` in a body: absolute time k
    CmpOp cmp = CmpOp::EQ;              ///< COMPARISON
    ExprPtr lhs, rhs;                   ///< COMPARISON
    SourceLoc loc;
};

/// `p(..)@k;`
struct Fact {
    Atom atom;
    std::int64_t time = 0;
    SourceLoc loc;
};

/// `head[@next|@async] :- body;`
struct Rule {
    Atom head;
    TimeSuffix suffix = TimeSuffix::NONE;
    std::vector<Literal> body;
    SourceLoc loc;
};

/// A whole program: every clause of every input file and include, in reading order.
struct Program {
    std::vector<Fact> facts;
    std::vector<Rule> rules;
};

const char* to_string(BinOp op);
const char* to_string(CmpOp op);
const char* to_string(AggKind k);

/// Pretty-printers that give back valid Dedalus on one line, with only the parentheses that
/// precedence needs: `log(N, P)@next :- log(N, P), N != "a";`.
std::string to_string(const Expr& e);
std::string to_string(const Atom& a);
std::string to_string(const Literal& l);
std::string to_string(const Rule& r);
std::string to_string(const Fact& f);
/// A string constant as Dedalus source: `"a b"` with `\"` and `\\` escaped.
std::string quote_string(const std::string& s);

}  // namespace ldfi::dedalus
