// Random stratified Dedalus programs as source text, each with its time-expanded translation to
// ASP (clingo/gringo), for the differential test of the evaluator (docs/reliability.md), and,
// with an invariant added, for the symbolic engine's tests and the verdict fuzzer.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "choices.hpp"

namespace ldfi::test {

/// One generated program: Dedalus text, its ASP translation, and the bounds it runs under.
struct DifferentialCase {
    std::uint32_t seed = 0;
    std::vector<std::string> nodes;
    std::int32_t eot = 0;
    std::string dedalus;
    std::string asp;
    std::vector<std::pair<std::string, std::uint32_t>> relations;  ///< name, arity (without time)
};

/// Generates programs over typed columns: column 0 is a location (a string), the others are
/// integers. Only features whose fault-free meaning (docs/dedalus.md) the ASP translation
/// states exactly: facts, deductive/@next/@async rules, joins, negation across strata with
/// wildcards, comparisons, arithmetic, `==` bindings, location gating, `clock`, `notin crash`
/// and count/sum/min/max/avg aggregates.
class RandomDedalus {
public:
    explicit RandomDedalus(std::uint32_t seed) : m_choices(seed) { m_case.seed = seed; }
    /// The same, its choices taken from `choices` (a fuzzer's bytes); the case's seed is 0.
    explicit RandomDedalus(Choices choices) : m_choices(std::move(choices)) {}

    DifferentialCase build() {
        m_case.eot = pick(3, 5);
        m_case.nodes =
            pick(0, 1) ? std::vector<std::string>{"a", "b"} : std::vector<std::string>{"a", "b", "c"};
        add_relations();
        add_facts();
        int deductive = pick(2, 6), next = pick(0, 3), async = pick(0, 3);
        for (int i = 0; i < deductive; ++i) add_rule(Kind::DEDUCTIVE);
        for (int i = 0; i < next; ++i) add_rule(Kind::NEXT);
        for (int i = 0; i < async; ++i) add_rule(Kind::ASYNC);
        for (std::size_t r = 0; r + 1 < m_rels.size(); ++r) {
            if (chance(50)) add_persistence(r);
        }
        asp_prelude();
        return m_case;
    }

private:
    enum class Kind { DEDUCTIVE, NEXT, ASYNC };
    enum class Type { LOC, INT };
    struct Rel {
        std::string name;
        std::uint32_t arity = 1;
        int level = 0;  ///< deductive stratum level; the last relation ("sink") is never read
    };
    struct Var {
        std::string name;
        Type type;
        bool wide = false;  ///< bound by an `==` to an expression: may leave the small range
    };
    struct Rule {
        std::vector<std::string> ded_body, asp_body;
        std::vector<Var> bound;
        int fresh = 0;
        std::string location_asp;  ///< the location term (a fresh name stands for `_`)
        bool wildcard = false;
    };

    int pick(int lo, int hi) { return m_choices.pick(lo, hi); }
    bool chance(int percent) { return pick(1, 100) <= percent; }
    template <typename T>
    const T& one_of(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(pick(0, static_cast<int>(v.size()) - 1))];
    }

    std::string loc_const() {
        static const char* names[] = {"a", "b", "c", "z"};
        return std::string("\"") + names[pick(0, 3)] + "\"";
    }
    std::string int_const() { return std::to_string(pick(0, 3)); }

    void add_relations() {
        int n = pick(3, 6);
        for (int i = 0; i < n; ++i) {
            Rel r{"r" + std::to_string(i), static_cast<std::uint32_t>(pick(1, 3)),
                  i + 1 == n ? 3 : pick(0, 2)};
            m_rels.push_back(r);
            m_case.relations.emplace_back(r.name, r.arity);
        }
    }

    void add_facts() {
        for (const Rel& r : m_rels) {
            int n = pick(0, 8);
            for (int i = 0; i < n; ++i) {
                int time = chance(60) ? 1 : pick(1, m_case.eot + 1);
                std::string args = loc_const();
                for (std::uint32_t c = 1; c < r.arity; ++c) args += ", " + int_const();
                m_case.dedalus += r.name + "(" + args + ")@" + std::to_string(time) + ";\n";
                if (time <= m_case.eot)
                    m_case.asp += r.name + "(" + args + ", " + std::to_string(time) + ").\n";
            }
        }
    }

    std::string fresh_name(Rule& rule, Type t) {
        return (t == Type::LOC ? "L" : "X") + std::to_string(rule.fresh++);
    }

    std::vector<Var> bound_of(const Rule& rule, Type t, bool narrow_only = false) const {
        std::vector<Var> out;
        for (const Var& v : rule.bound) {
            if (v.type == t && !(narrow_only && v.wide)) out.push_back(v);
        }
        return out;
    }

    // An integer expression over bound variables; `ded` and `asp` differ only in `%` vs `\`.
    std::pair<std::string, std::string> int_expr(const Rule& rule, int depth) {
        auto ints = bound_of(rule, Type::INT);
        if (depth == 0 || chance(55)) {
            if (ints.empty() || chance(25)) {
                std::string c = int_const();
                return {c, c};
            }
            const std::string& n = one_of(ints).name;
            return {n, n};
        }
        static const char* ops[] = {"+", "-", "*", "/", "%"};
        int op = pick(0, 4);
        auto a = int_expr(rule, depth - 1), b = int_expr(rule, depth - 1);
        std::string asp_op = op == 4 ? "\\" : ops[op];
        return {"(" + a.first + " " + ops[op] + " " + b.first + ")",
                "(" + a.second + " " + asp_op + " " + b.second + ")"};
    }

    std::string loc_term(const Rule& rule) {
        auto locs = bound_of(rule, Type::LOC);
        return locs.empty() || chance(20) ? loc_const() : one_of(locs).name;
    }

    // Relations a literal may read: any but the sink for @next/@async rules; at or below the
    // head's level (strictly below for negation and aggregation) for deductive rules.
    std::vector<std::size_t> readable(Kind kind, int level, bool strictly) const {
        std::vector<std::size_t> out;
        for (std::size_t i = 0; i + 1 < m_rels.size(); ++i) {
            int l = m_rels[i].level;
            if (kind != Kind::DEDUCTIVE || l < level || (!strictly && l == level)) out.push_back(i);
        }
        return out;
    }

    void add_positive(Rule& rule, std::size_t rel, bool first) {
        const Rel& r = m_rels[rel];
        std::vector<std::string> ded, asp;
        std::vector<Var> fresh;
        for (std::uint32_t c = 0; c < r.arity; ++c) {
            Type t = c == 0 ? Type::LOC : Type::INT;
            auto bound = bound_of(rule, t, true);
            int k = pick(1, 100);
            if (k <= 12) {
                ded.emplace_back("_");
                if (c == 0 && first) {
                    rule.wildcard = true;
                    rule.location_asp = "LW";
                    asp.emplace_back("LW");
                } else {
                    asp.emplace_back("_");
                }
            } else if (k <= 22) {
                std::string v = t == Type::LOC ? loc_const() : int_const();
                ded.push_back(v);
                asp.push_back(v);
            } else if (k <= 50 && !bound.empty()) {
                ded.push_back(one_of(bound).name);
                asp.push_back(ded.back());
            } else {
                Var v{fresh_name(rule, t), t};
                fresh.push_back(v);
                ded.push_back(v.name);
                asp.push_back(v.name);
            }
            if (c == 0 && first && !rule.wildcard) rule.location_asp = asp.back();
        }
        for (const Var& v : fresh) rule.bound.push_back(v);
        rule.ded_body.push_back(r.name + "(" + join(ded) + ")");
        asp.emplace_back("T");
        rule.asp_body.push_back(r.name + "(" + join(asp) + ")");
    }

    void add_clock(Rule& rule) {
        std::string f = loc_term(rule), d = fresh_name(rule, Type::LOC), s = fresh_name(rule, Type::INT);
        std::string e = chance(50) ? fresh_name(rule, Type::INT) : "_";
        rule.ded_body.push_back("clock(" + f + ", " + d + ", " + s + ", " + e + ")");
        rule.asp_body.push_back("clock(" + f + ", " + d + ", " + s + ", " + e + ", T)");
        rule.bound.push_back({d, Type::LOC});
        rule.bound.push_back({s, Type::INT});
        if (e != "_") rule.bound.push_back({e, Type::INT});
    }

    void add_negation(Rule& rule, std::size_t rel) {
        const Rel& r = m_rels[rel];
        std::vector<std::string> args;
        for (std::uint32_t c = 0; c < r.arity; ++c) {
            Type t = c == 0 ? Type::LOC : Type::INT;
            auto bound = bound_of(rule, t);
            int k = pick(1, 100);
            if (k <= 25 || bound.empty()) {
                args.emplace_back(k <= 12 ? "_" : (t == Type::LOC ? loc_const() : int_const()));
            } else {
                args.push_back(one_of(bound).name);
            }
        }
        rule.ded_body.push_back("notin " + r.name + "(" + join(args) + ")");
        args.emplace_back("T");
        rule.asp_body.push_back("not " + r.name + "(" + join(args) + ")");
    }

    void add_comparison(Rule& rule) {
        static const char* ops[] = {"==", "!=", "<", ">", "<=", ">="};
        int op = pick(0, 5);
        std::string asp_op = op == 0 ? "=" : ops[op];
        if (chance(25)) {
            std::string a = loc_term(rule), b = loc_term(rule);
            rule.ded_body.push_back(a + " " + ops[op] + " " + b);
            rule.asp_body.push_back(a + " " + asp_op + " " + b);
            return;
        }
        auto a = int_expr(rule, 2), b = int_expr(rule, 2);
        rule.ded_body.push_back(a.first + " " + ops[op] + " " + b.first);
        rule.asp_body.push_back(a.second + " " + asp_op + " " + b.second);
    }

    void add_binding(Rule& rule) {
        auto e = int_expr(rule, 2);
        Var w{fresh_name(rule, Type::INT), Type::INT, true};
        rule.ded_body.push_back(chance(50) ? w.name + " == " + e.first : e.first + " == " + w.name);
        rule.asp_body.push_back(w.name + " = " + e.second);
        rule.bound.push_back(w);
    }

    // A head column: plain narrow variables stay in range; anything computed is taken mod 5.
    std::pair<std::string, std::string> head_int(const Rule& rule) {
        auto narrow = bound_of(rule, Type::INT, true);
        if (!narrow.empty() && chance(60)) {
            const std::string& n = one_of(narrow).name;
            return {n, n};
        }
        auto e = int_expr(rule, 1);
        if (e.first.size() == 1 && std::isdigit(static_cast<unsigned char>(e.first[0]))) return e;
        return {"(" + e.first + ") % 5", "(" + e.second + ") \\ 5"};
    }

    void add_rule(Kind kind) {
        std::size_t head = static_cast<std::size_t>(pick(0, static_cast<int>(m_rels.size()) - 1));
        const Rel& h = m_rels[head];
        // sum grows values through time: only into the sink, which no rule reads
        bool aggregate = kind != Kind::ASYNC && h.arity >= 2 && chance(25);
        auto positive = readable(kind, h.level, aggregate);
        if (positive.empty()) return;
        Rule rule;
        int atoms = pick(1, 3);
        for (int i = 0; i < atoms; ++i) add_positive(rule, one_of(positive), i == 0);
        if (chance(15)) add_clock(rule);
        if (chance(25)) add_binding(rule);
        auto negatable = readable(kind, h.level, true);
        if (!negatable.empty() && chance(40)) add_negation(rule, one_of(negatable));
        if (chance(10)) {
            std::string n = loc_term(rule);
            rule.ded_body.push_back("notin crash(_, " + n + ", _)");
            rule.asp_body.push_back("not crash(_, " + n + ", _, T)");
        }
        if (chance(35)) add_comparison(rule);
        shuffle_tail(rule);
        if (!aggregate) {
            std::vector<std::string> ded{head_loc(rule, kind)}, asp{ded[0]};
            for (std::uint32_t c = 1; c < h.arity; ++c) {
                auto v = head_int(rule);
                ded.push_back(v.first);
                asp.push_back(v.second.empty() ? v.first : v.second);
            }
            emit_rule(rule, kind, h.name, ded, asp);
        } else {
            add_aggregate_rule(rule, kind, head);
        }
    }

    std::string head_loc(const Rule& rule, Kind kind) {
        auto locs = bound_of(rule, Type::LOC);
        if (!locs.empty() && chance(kind == Kind::ASYNC ? 70 : 85)) return one_of(locs).name;
        return loc_const();
    }

    // The ASP body: the literals, the location gate, and for @async the delivery condition.
    std::string asp_body(const Rule& rule, Kind kind, const std::string& dest) const {
        std::vector<std::string> body = rule.asp_body;
        if (!rule.wildcard || kind == Kind::ASYNC) body.push_back("node(" + rule.location_asp + ")");
        if (kind == Kind::ASYNC) body.push_back("node(" + dest + ")");
        if (kind != Kind::DEDUCTIVE) body.push_back("T < " + std::to_string(m_case.eot));
        return join(body);
    }

    void emit_rule(const Rule& rule, Kind kind, const std::string& name, const std::vector<std::string>& ded,
                   std::vector<std::string> asp) {
        static const char* suffix[] = {"", "@next", "@async"};
        m_case.dedalus += name + "(" + join(ded) + ")" + suffix[static_cast<int>(kind)] + " :- " +
                          join(rule.ded_body) + ";\n";
        std::string body = asp_body(rule, kind, asp[0]);
        asp.emplace_back(kind == Kind::DEDUCTIVE ? "T" : "T + 1");
        m_case.asp += name + "(" + join(asp) + ") :- " + body + ".\n";
    }

    void add_aggregate_rule(Rule& rule, Kind kind, std::size_t head) {
        const Rel& h = m_rels[head];
        static const char* kinds[] = {"count", "min", "max", "avg", "sum"};
        int agg = pick(0, head + 1 == m_rels.size() ? 4 : 3);
        auto ints = bound_of(rule, Type::INT);
        auto locs = bound_of(rule, Type::LOC);
        std::string over;
        if (agg == 0 && !locs.empty() && chance(30)) {
            over = one_of(locs).name;
        } else if (!ints.empty()) {
            over = one_of(ints).name;
        } else {
            return;
        }
        std::vector<std::string> ded{head_loc(rule, kind)}, grp_asp{ded[0]};
        for (std::uint32_t c = 1; c + 1 < h.arity; ++c) {
            auto v = head_int(rule);
            ded.push_back(v.first);
            grp_asp.push_back(v.second.empty() ? v.first : v.second);
        }
        ded.push_back(std::string(kinds[agg]) + "<" + over + ">");
        static const char* suffix[] = {"", "@next", "@async"};
        m_case.dedalus += h.name + "(" + join(ded) + ")" + suffix[static_cast<int>(kind)] + " :- " +
                          join(rule.ded_body) + ";\n";
        // agg_k(G.., V, T) :- body.   h(G.., A, T') :- agg_k(G.., _, T), A = #agg{V : agg_k(G.., V, T)}.
        std::string helper = "agg" + std::to_string(m_aggregates++);
        std::vector<std::string> row = grp_asp;
        row.push_back(over);
        row.emplace_back("T");
        Rule helper_rule = rule;
        m_case.asp += helper + "(" + join(row) + ") :- " + asp_body(helper_rule, Kind::DEDUCTIVE, "") + ".\n";
        std::vector<std::string> g;
        for (std::size_t i = 0; i < grp_asp.size(); ++i) g.push_back("G" + std::to_string(i));
        std::string group = join(g), elems = "V : " + helper + "(" + group + ", V, T)";
        std::string value;
        switch (agg) {
            case 0:
                value = "A = #count{" + elems + "}";
                break;
            case 1:
                value = "A = #min{" + elems + "}";
                break;
            case 2:
                value = "A = #max{" + elems + "}";
                break;
            case 3:
                value = "S = #sum{" + elems + "}, C = #count{" + elems + "}, A = S / C";
                break;
            default:
                value = "A = #sum{" + elems + "}";
                break;
        }
        std::string when = kind == Kind::NEXT ? ", T < " + std::to_string(m_case.eot) : "";
        m_case.asp += h.name + "(" + group + ", A, " + (kind == Kind::NEXT ? "T + 1" : "T") + ") :- " +
                      helper + "(" + group + ", _, T), " + value + when + ".\n";
    }

    // r(V0, ..)@next :- r(V0, ..);
    void add_persistence(std::size_t rel) {
        const Rel& r = m_rels[rel];
        std::vector<std::string> vars;
        for (std::uint32_t c = 0; c < r.arity; ++c) vars.push_back("P" + std::to_string(c));
        m_case.dedalus += r.name + "(" + join(vars) + ")@next :- " + r.name + "(" + join(vars) + ");\n";
        vars.emplace_back("T");
        std::string body = r.name + "(" + join(vars) + ")";
        vars.back() = "T + 1";
        m_case.asp += r.name + "(" + join(vars) + ") :- " + body + ", node(P0), T < " +
                      std::to_string(m_case.eot) + ".\n";
    }

    // Everything but the first literal (the location) in random order.
    void shuffle_tail(Rule& rule) {
        std::vector<std::size_t> order(rule.ded_body.size() - 1);
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i + 1;
        m_choices.shuffle(order);
        std::vector<std::string> ded{rule.ded_body[0]}, asp{rule.asp_body[0]};
        for (std::size_t i : order) {
            ded.push_back(rule.ded_body[i]);
            asp.push_back(rule.asp_body[i]);
        }
        rule.ded_body = std::move(ded);
        rule.asp_body = std::move(asp);
    }

    void asp_prelude() {
        std::string pre = "#defined crash/4.\ntime(1.." + std::to_string(m_case.eot) + ").\n";
        for (const std::string& n : m_case.nodes) pre += "node(\"" + n + "\").\n";
        pre += "clock(F, D, T, T + 1, T) :- node(F), node(D), time(T).\n";
        for (const Rel& r : m_rels) pre += "#defined " + r.name + "/" + std::to_string(r.arity + 1) + ".\n";
        for (const Rel& r : m_rels) pre += "#show " + r.name + "/" + std::to_string(r.arity + 1) + ".\n";
        m_case.asp = pre + m_case.asp;
    }

    static std::string join(const std::vector<std::string>& parts) {
        std::string out;
        for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
        return out;
    }

    Choices m_choices;
    DifferentialCase m_case;
    std::vector<Rel> m_rels;
    int m_aggregates = 0;
};

}  // namespace ldfi::test
