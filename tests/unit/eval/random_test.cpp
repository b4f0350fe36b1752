// Randomized cross-check: the Simulator against a deliberately naive evaluator (brute-force
// nested loops, every rule re-run until nothing changes) on random stratified programs.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <optional>
#include <set>

#include "ldfi/sim/oracle.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/sim/run.hpp"
#include "random_program.hpp"

namespace ldfi::test {
namespace {

__extension__ typedef __int128 Wide;
using Tuple = std::vector<Value>;
using Binding = std::vector<std::optional<Value>>;

bool tuple_less(const Tuple& a, const Tuple& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), value_less);
}
using Set = std::set<Tuple, decltype(&tuple_less)>;

class NaiveEvaluator {
public:
    NaiveEvaluator(const CheckedProgram& p, std::int32_t eot, std::set<std::string> nodes)
        : m_p(p), m_eot(eot), m_nodes(std::move(nodes)) {}

    /// All tuples: [time][rel].
    std::vector<std::vector<Set>> run() {
        m_db.assign(static_cast<std::size_t>(m_eot + 2), std::vector<Set>(m_p.relations.size(), Set(&tuple_less)));
        for (const auto& f : m_p.facts) {
            if (f.time >= 1 && f.time <= m_eot) m_db[f.time][f.rel.index()].insert(f.args);
        }
        for (m_now = 1; m_now <= m_eot; ++m_now) {
            for (const auto& stratum : m_p.strata) fixpoint(stratum);
            if (m_now < m_eot) {
                // all @next heads from the state at t first: a body reading `p@(t+1)` sees facts only
                std::vector<std::pair<RelId, Tuple>> next;
                for (RuleId r : m_p.next_rules) {
                    for (auto& h : heads(m_p.rule(r))) next.emplace_back(m_p.rule(r).head_rel, std::move(h));
                }
                for (auto& [rel, h] : next) m_db[static_cast<std::size_t>(m_now + 1)][rel.index()].insert(h);
            }
        }
        return m_db;
    }

private:
    void fixpoint(const std::vector<RuleId>& rules) {
        for (bool changed = true; changed;) {
            changed = false;
            for (RuleId r : rules) changed |= fire(m_p.rule(r), m_now);
        }
    }

    static std::optional<std::int64_t> as_int(const std::optional<Value>& v) {
        if (!v || !std::holds_alternative<std::int64_t>(*v)) return std::nullopt;
        return std::get<std::int64_t>(*v);
    }

    std::optional<Value> eval(const Term& t, const Binding& b) const {
        if (t.kind == Term::Kind::VARIABLE) return b[t.var.index()];
        if (t.kind == Term::Kind::CONSTANT) return t.constant;
        auto x = as_int(eval(*t.lhs, b)), y = as_int(eval(*t.rhs, b));
        if (!x || !y) return std::nullopt;
        Wide a = *x, c = *y, r = 0;
        switch (t.op) {
        case analysis::BinOp::ADD: r = a + c; break;
        case analysis::BinOp::SUB: r = a - c; break;
        case analysis::BinOp::MUL: r = a * c; break;
        case analysis::BinOp::DIV: if (c == 0) return std::nullopt; r = a / c; break;
        case analysis::BinOp::MOD: if (c == 0) return std::nullopt; r = a % c; break;
        }
        if (r > INT64_MAX || r < INT64_MIN) return std::nullopt;
        return Value{static_cast<std::int64_t>(r)};
    }

    static bool compare(analysis::CmpOp op, const Value& x, const Value& y) {
        switch (op) {
        case analysis::CmpOp::EQ: return x == y;
        case analysis::CmpOp::NE: return x != y;
        case analysis::CmpOp::LT: return value_less(x, y);
        case analysis::CmpOp::GT: return value_less(y, x);
        case analysis::CmpOp::LE: return !value_less(y, x);
        case analysis::CmpOp::GE: return !value_less(x, y);
        }
        return false;
    }

    const Set& relation_at(const analysis::BodyAtom& a) const {
        static const Set empty(&tuple_less);
        std::int64_t t = a.at_time.value_or(m_now);
        if (t < 1 || t > m_eot) return empty;
        return m_db[static_cast<std::size_t>(t)][a.rel.index()];
    }

    // Unifies `tuple` with the atom's arguments; unbound variables get bound.
    bool unify(const analysis::BodyAtom& a, const Tuple& tuple, Binding& b) const {
        for (std::size_t c = 0; c < tuple.size(); ++c) {
            const Term& t = *a.args[c];
            if (t.kind == Term::Kind::VARIABLE && !b[t.var.index()]) {
                b[t.var.index()] = tuple[c];
                continue;
            }
            auto v = eval(t, b);
            if (!v || *v != tuple[c]) return false;
        }
        return true;
    }

    template <typename F>
    void bodies(const CheckedRule& r, std::size_t i, Binding& b, F&& out) const {
        if (i == r.body.size()) {
            out(b);
            return;
        }
        const BodyLiteral& l = r.body[i];
        if (l.kind == BodyLiteral::Kind::POSITIVE) {
            for (const Tuple& t : relation_at(l.atom)) {
                Binding next = b;
                if (unify(l.atom, t, next)) bodies(r, i + 1, next, out);
            }
        } else if (l.kind == BodyLiteral::Kind::NEGATED) {
            for (const Tuple& t : relation_at(l.atom)) {
                Binding probe = b;
                if (unify(l.atom, t, probe)) return;
            }
            bodies(r, i + 1, b, out);
        } else {
            auto x = eval(*l.lhs, b), y = eval(*l.rhs, b);
            const Term* free = nullptr;
            if (l.cmp == analysis::CmpOp::EQ && l.lhs->kind == Term::Kind::VARIABLE && !x) free = l.lhs.get();
            if (l.cmp == analysis::CmpOp::EQ && l.rhs->kind == Term::Kind::VARIABLE && !y) free = l.rhs.get();
            if (free) {
                auto v = free == l.lhs.get() ? y : x;
                if (!v) return;
                Binding next = b;
                next[free->var.index()] = v;
                bodies(r, i + 1, next, out);
            } else if (x && y && compare(l.cmp, *x, *y)) {
                bodies(r, i + 1, b, out);
            }
        }
    }

    bool located(const CheckedRule& r, const Binding& b) const {
        if (r.location_wildcard) return true;
        auto v = eval(*r.body[r.location_literal].atom.args[0], b);
        return v && std::holds_alternative<std::string>(*v) && m_nodes.count(std::get<std::string>(*v));
    }

    bool fire(const CheckedRule& r, std::int32_t time) {
        bool changed = false;
        for (auto& h : heads(r)) changed |= m_db[static_cast<std::size_t>(time)][r.head_rel.index()].insert(h).second;
        return changed;
    }

    std::vector<Tuple> heads(const CheckedRule& r) const {
        std::vector<std::pair<Tuple, Tuple>> rows;  // (head, aggregated values per column)
        Binding start(r.var_count);
        bodies(r, 0, start, [&](const Binding& b) {
            if (!located(r, b)) return;
            Tuple head;
            for (const auto& h : r.head) {
                auto v = eval(*h.term, b);
                if (!v) return;
                head.push_back(*v);
            }
            rows.emplace_back(head, Tuple{});
        });
        if (r.has_aggregate) return aggregate(r, rows);
        std::vector<Tuple> out;
        for (auto& row : rows) out.push_back(row.first);
        return out;
    }

    static std::optional<Value> fold(analysis::AggKind k, const Set& values) {
        if (k == analysis::AggKind::COUNT) return Value{static_cast<std::int64_t>(values.size())};
        std::vector<std::int64_t> ints;
        for (const auto& v : values) {
            if (std::holds_alternative<std::int64_t>(v[0])) ints.push_back(std::get<std::int64_t>(v[0]));
        }
        Wide sum = 0;
        for (auto i : ints) sum += i;
        if (sum > INT64_MAX || sum < INT64_MIN) return std::nullopt;
        if (k == analysis::AggKind::SUM) return Value{static_cast<std::int64_t>(sum)};
        if (ints.empty()) return std::nullopt;
        if (k == analysis::AggKind::MIN) return Value{*std::min_element(ints.begin(), ints.end())};
        if (k == analysis::AggKind::MAX) return Value{*std::max_element(ints.begin(), ints.end())};
        return Value{static_cast<std::int64_t>(sum / static_cast<Wide>(ints.size()))};
    }

    static std::vector<Tuple> aggregate(const CheckedRule& r, const std::vector<std::pair<Tuple, Tuple>>& rows) {
        std::map<Tuple, std::vector<Set>, decltype(&tuple_less)> groups(&tuple_less);
        for (const auto& [head, unused] : rows) {
            Tuple key;
            for (std::size_t c = 0; c < head.size(); ++c) key.push_back(r.head[c].aggregate ? Value{} : head[c]);
            auto& sets = groups.try_emplace(key, r.head.size(), Set(&tuple_less)).first->second;
            for (std::size_t c = 0; c < head.size(); ++c) {
                if (r.head[c].aggregate) sets[c].insert(Tuple{head[c]});
            }
        }
        std::vector<Tuple> out;
        for (auto& [key, sets] : groups) {
            Tuple head = key;
            bool ok = true;
            for (std::size_t c = 0; c < head.size() && ok; ++c) {
                if (!r.head[c].aggregate) continue;
                auto v = fold(*r.head[c].aggregate, sets[c]);
                ok = v.has_value();
                if (ok) head[c] = *v;
            }
            if (ok) out.push_back(head);
        }
        return out;
    }

    const CheckedProgram& m_p;
    std::int32_t m_eot;
    std::set<std::string> m_nodes;
    std::int32_t m_now = 0;
    std::vector<std::vector<Set>> m_db;
};

std::string describe(const Set& s) {
    std::string out;
    for (const auto& t : s) {
        out += "(";
        for (const auto& v : t) out += format_value(v) + ",";
        out += ") ";
    }
    return out;
}

std::string show(const Term& t, const CheckedRule& r) {
    static const char* ops[] = {"+", "-", "*", "/", "%"};
    if (t.kind == Term::Kind::VARIABLE) return r.var_names[t.var.index()] + std::to_string(t.var.value);
    if (t.kind == Term::Kind::CONSTANT) return format_value(t.constant);
    return "(" + show(*t.lhs, r) + ops[static_cast<int>(t.op)] + show(*t.rhs, r) + ")";
}

std::string show_atom(const CheckedProgram& p, const analysis::BodyAtom& a, const CheckedRule& r) {
    std::string out = p.relation(a.rel).name + "(";
    for (const auto& t : a.args) out += show(*t, r) + ",";
    return out + ")" + (a.at_time ? "@" + std::to_string(*a.at_time) : "");
}

/// The program as text, for failure messages.
std::string show(const CheckedProgram& p) {
    static const char* cmps[] = {"==", "!=", "<", ">", "<=", ">="};
    static const char* aggs[] = {"count", "sum", "min", "max", "avg"};
    std::string out;
    for (const auto& f : p.facts) {
        out += p.relation(f.rel).name + "(";
        for (const auto& v : f.args) out += format_value(v) + ",";
        out += ")@" + std::to_string(f.time) + "; ";
    }
    out += "\n";
    for (const auto& r : p.rules) {
        out += "[s" + std::to_string(r.stratum) + "] " + p.relation(r.head_rel).name + "(";
        for (const auto& h : r.head) {
            out += h.aggregate ? std::string(aggs[static_cast<int>(*h.aggregate)]) + "<" + show(*h.term, r) + ">"
                               : show(*h.term, r);
            out += ",";
        }
        out += std::string(")") + (r.suffix == analysis::TimeSuffix::NEXT ? "@next" : "") + " :- ";
        for (const auto& l : r.body) {
            if (l.kind == BodyLiteral::Kind::COMPARISON) {
                out += show(*l.lhs, r) + cmps[static_cast<int>(l.cmp)] + show(*l.rhs, r);
            } else {
                out += (l.kind == BodyLiteral::Kind::NEGATED ? "notin " : "") + show_atom(p, l.atom, r);
            }
            out += ", ";
        }
        out += "\n";
    }
    return out;
}

TEST(RandomizedCrossCheck, SimulatorMatchesNaiveEvaluator) {
    constexpr int PROGRAMS = 1500;
    int skipped = 0;
    std::uint64_t derived = 0;
    for (int seed = 1; seed <= PROGRAMS; ++seed) {
        std::int32_t eot = 3 + seed % 3;
        auto program = RandomProgram(static_cast<std::uint32_t>(seed), eot).build();
        sim::Simulator simulator(program, sim::FaultModel({"a", "b"}, sim::FaultBounds{eot, eot, 0}),
                                 sim::RunOptions{seed % 2 == 0, 20'000});
        std::optional<sim::Run> run;
        try {
            run.emplace(simulator.run({}));
        } catch (const ResourceError&) {
            ++skipped;  // a program that blows up; the naive evaluator would take ages
            continue;
        }
        derived += run->derived_tuples;
        auto expected = NaiveEvaluator(*program, eot, {"a", "b"}).run();
        for (std::int32_t t = 1; t <= eot; ++t) {
            for (std::uint32_t r = 0; r < program->relations.size(); ++r) {
                Set got(&tuple_less);
                for (auto& tuple : sim::tuples_at(*run, RelId{r}, t)) got.insert(tuple);
                ASSERT_EQ(describe(got), describe(expected[t][r]))
                    << "seed " << seed << ", relation r" << r << " at time " << t << "\n" << show(*program);
            }
        }
    }
    EXPECT_LT(skipped, PROGRAMS / 20);
    EXPECT_GT(derived, static_cast<std::uint64_t>(PROGRAMS) * 5) << "the programs should derive something";
    std::cout << "cross-checked " << PROGRAMS - skipped << " programs, " << derived << " derived tuples, " << skipped
              << " skipped\n";
}

}  // namespace
}  // namespace ldfi::test
