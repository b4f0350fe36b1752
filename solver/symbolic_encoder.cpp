// The grounded program in Z3. Atoms are encoded on demand from the invariant (the cone of
// influence): an atom that neither pre nor post can depend on never becomes a variable.
#include "symbolic_encoder.hpp"

#include <algorithm>
#include <string>

namespace ldfi::solver {

namespace {

bool is_true(const z3::expr& e) { return e.is_true(); }
bool is_false(const z3::expr& e) { return e.is_false(); }

/// AND of `terms`, folding constants (Z3 would too, but later and at a cost).
z3::expr conjunction(z3::context& ctx, const std::vector<z3::expr>& terms) {
    z3::expr_vector kept(ctx);
    for (const z3::expr& t : terms) {
        if (is_false(t)) return ctx.bool_val(false);
        if (!is_true(t)) kept.push_back(t);
    }
    if (kept.empty()) return ctx.bool_val(true);
    return kept.size() == 1 ? kept[0] : z3::mk_and(kept);
}

z3::expr disjunction(z3::context& ctx, const std::vector<z3::expr>& terms) {
    z3::expr_vector kept(ctx);
    for (const z3::expr& t : terms) {
        if (is_true(t)) return ctx.bool_val(true);
        if (!is_false(t)) kept.push_back(t);
    }
    if (kept.empty()) return ctx.bool_val(false);
    return kept.size() == 1 ? kept[0] : z3::mk_or(kept);
}

unsigned bits_for(std::size_t n) {
    unsigned bits = 1;
    while ((std::size_t{1} << bits) <= n) ++bits;
    return bits;
}

}  // namespace

SymbolicEncoder::SymbolicEncoder(z3::context& ctx, const analysis::CheckedProgram& program,
                                 const sim::Grounding& g, const sim::FaultSpace& space, Assert assert_fn)
    : m_ctx(ctx), m_program(program), m_g(g), m_space(space), m_assert(std::move(assert_fn)), m_faults(ctx) {
    const std::size_t atoms = g.atoms.size();
    m_by_head.resize(atoms);
    for (std::uint32_t i = 0; i < g.instances.size(); ++i)
        m_by_head[g.instances[i].head.index()].push_back(i);
    m_atoms.resize(atoms);
    m_negations.resize(g.negations.size());
    m_ranks.resize(atoms);
}

void SymbolicEncoder::encode() {
    encode_faults();
    mark_certain();
    find_recursion();
}

void SymbolicEncoder::encode_faults() {
    for (const sim::Fault& f : m_space.faults()) {
        std::string name = m_space.model().format(f);
        std::replace(name.begin(), name.end(), ' ', '_');
        m_faults.push_back(m_ctx.bool_const(name.c_str()));
        ++m_variables;
    }
    z3::expr_vector all_crashes(m_ctx);
    for (std::uint32_t n = 0; n < m_space.model().nodes().size(); ++n) {
        z3::expr_vector of_node(m_ctx);
        for (std::uint32_t i : m_space.crashes_of(NodeId(n))) of_node.push_back(m_faults[i]);
        if (of_node.size() > 1) m_assert(z3::atmost(of_node, 1));
        for (const z3::expr& v : of_node) all_crashes.push_back(v);
    }
    const auto max = static_cast<unsigned>(std::max(0, m_space.model().bounds().max_crashes));
    if (all_crashes.size() > max) m_assert(z3::atmost(all_crashes, max));
    for (const auto& [o, c] : m_space.subsumed_pairs()) m_assert(!m_faults[o] || !m_faults[c]);
}

// An atom is certain when some instance derives it from certain atoms alone, with no negated
// atom that may hold and no channel a fault can close: then it holds in every run.
void SymbolicEncoder::mark_certain() {
    m_certain.assign(m_g.atoms.size(), false);
    for (std::size_t a = 0; a < m_g.atoms.size(); ++a)
        m_certain[a] = m_g.atoms[a].kind == sim::AtomKind::FACT;
    auto certain = [&](const sim::GroundInstance& inst) {
        if (inst.group) return false;
        if (inst.channel && inst.channel->from != inst.channel->to) return false;
        for (eval::TupleId b : inst.body.positive) {
            if (!m_certain[b.index()]) return false;
        }
        for (std::uint32_t n : inst.body.negations) {
            if (!m_g.negations[n].blockers.empty()) return false;
        }
        return true;
    };
    for (bool changed = true; changed;) {
        changed = false;
        for (const sim::GroundInstance& inst : m_g.instances) {
            if (m_certain[inst.head.index()] || !certain(inst)) continue;
            m_certain[inst.head.index()] = true;
            changed = true;
        }
    }
    m_certain_count = static_cast<std::uint64_t>(std::count(m_certain.begin(), m_certain.end(), true));
}

// Tarjan's algorithm, iteratively, over "head depends positively on body atom" among the atoms
// that are neither certain nor built in. A component with a cycle needs level ranks: completion
// alone would let its atoms support each other (positive recursion within one time step).
void SymbolicEncoder::find_recursion() {
    const std::size_t n = m_g.atoms.size();
    auto open_atom = [&](std::size_t a) {
        return m_g.atoms[a].kind == sim::AtomKind::DERIVED && !m_certain[a];
    };
    auto successors = [&](std::size_t a) {
        std::vector<std::uint32_t> out;
        for (std::uint32_t i : m_by_head[a]) {
            const sim::GroundInstance& inst = m_g.instances[i];
            for (eval::TupleId b : inst.body.positive) {
                if (open_atom(b.index())) out.push_back(b.index());
            }
        }
        return out;
    };
    std::vector<std::uint32_t> index(n, 0), low(n, 0);
    std::vector<bool> on_stack(n, false);
    std::vector<std::uint32_t> stack;
    std::uint32_t counter = 0;
    m_scc.assign(n, 0);
    struct Frame {
        std::uint32_t atom;
        std::vector<std::uint32_t> next;
        std::size_t pos = 0;
    };
    for (std::uint32_t root = 0; root < n; ++root) {
        if (!open_atom(root) || index[root] != 0) continue;
        std::vector<Frame> frames;
        auto enter = [&](std::uint32_t a) {
            index[a] = low[a] = ++counter;
            stack.push_back(a);
            on_stack[a] = true;
            frames.push_back({a, successors(a), 0});
        };
        enter(root);
        while (!frames.empty()) {
            Frame& f = frames.back();
            if (f.pos < f.next.size()) {
                std::uint32_t b = f.next[f.pos++];
                if (index[b] == 0) {
                    enter(b);
                } else if (on_stack[b]) {
                    low[f.atom] = std::min(low[f.atom], index[b]);
                }
                continue;
            }
            const std::uint32_t a = f.atom;
            const bool self_loop = std::find(f.next.begin(), f.next.end(), a) != f.next.end();
            frames.pop_back();
            if (!frames.empty()) low[frames.back().atom] = std::min(low[frames.back().atom], low[a]);
            if (low[a] != index[a]) continue;
            std::vector<std::uint32_t> members;
            std::uint32_t m = 0;
            do {
                m = stack.back();
                stack.pop_back();
                on_stack[m] = false;
                members.push_back(m);
            } while (m != a);
            if (members.size() == 1 && !self_loop) continue;
            m_scc_size.push_back(static_cast<std::uint32_t>(members.size()));
            for (std::uint32_t x : members) m_scc[x] = static_cast<std::uint32_t>(m_scc_size.size());
        }
    }
}

std::string SymbolicEncoder::atom_name(eval::TupleId a) const {
    std::string name = m_program.relation(m_g.db.rel(a)).name + "(";
    bool first = true;
    for (ValueId v : m_g.db.values(a)) {
        name += (first ? "" : ",") + format_value(m_g.values.get(v));
        first = false;
    }
    name += ")@" + std::to_string(m_g.db.time(a));
    std::replace(name.begin(), name.end(), '|', '_');  // SMT-LIB quotes symbols in |...|
    std::replace(name.begin(), name.end(), '\\', '_');
    return name;
}

z3::expr SymbolicEncoder::atom(eval::TupleId a) {
    const sim::GroundAtom& ga = m_g.atoms[a.index()];
    switch (ga.kind) {
        case sim::AtomKind::FACT:
            return m_ctx.bool_val(true);
        case sim::AtomKind::CRASH: {
            auto i = m_space.index_of(sim::Crash{ga.node, ga.time});
            return i ? m_faults[*i] : m_ctx.bool_val(false);
        }
        case sim::AtomKind::CLOCK:
            return open({ga.node, ga.peer, ga.time});
        case sim::AtomKind::DERIVED:
            break;
    }
    if (m_certain[a.index()]) return m_ctx.bool_val(true);
    if (m_by_head[a.index()].empty()) return m_ctx.bool_val(false);
    if (!m_atoms[a.index()]) {
        m_atoms[a.index()] = m_ctx.bool_const(atom_name(a).c_str());
        ++m_variables;
        m_pending.push_back(a);  // encoded by flush(): no recursion as deep as the derivations
    }
    return *m_atoms[a.index()];
}

void SymbolicEncoder::flush() {
    while (!m_pending.empty()) {
        const eval::TupleId a = m_pending.back();
        m_pending.pop_back();
        encode_atom(a);
    }
}

// Completion: the atom holds iff one of its instances fires. In a recursive component, also
// some firing instance must rest on atoms of a lower rank (no self-supporting loop).
void SymbolicEncoder::encode_atom(eval::TupleId a) {
    // Instances are built after the variable exists, so recursion through `atom` terminates.
    const z3::expr self = *m_atoms[a.index()];
    std::vector<z3::expr> fired;
    for (std::uint32_t i : m_by_head[a.index()]) fired.push_back(fires(i));
    const std::uint32_t scc = m_scc[a.index()];
    if (scc == 0) {
        m_assert(self == disjunction(m_ctx, fired));
        return;
    }
    auto rank = [&](eval::TupleId x) {
        if (!m_ranks[x.index()]) {
            const std::string name = "rank_" + std::to_string(x.index());
            m_ranks[x.index()] = m_ctx.bv_const(name.c_str(), bits_for(m_scc_size[scc - 1]));
            ++m_variables;
        }
        return *m_ranks[x.index()];
    };
    std::vector<z3::expr> supported;
    const auto& instances = m_by_head[a.index()];
    for (std::size_t k = 0; k < instances.size(); ++k) {
        std::vector<z3::expr> terms{fired[k]};
        for (eval::TupleId b : m_g.instances[instances[k]].body.positive) {
            if (m_scc[b.index()] == scc) terms.push_back(z3::ult(rank(b), rank(a)));
        }
        supported.push_back(conjunction(m_ctx, terms));
    }
    m_assert(self == disjunction(m_ctx, fired));
    m_assert(z3::implies(self, disjunction(m_ctx, supported)));
}

z3::expr SymbolicEncoder::fires(std::uint32_t instance) {
    const sim::GroundInstance& inst = m_g.instances[instance];
    std::vector<z3::expr> terms;
    if (inst.group) {
        const ValueId value = m_g.db.values(inst.head)[m_g.groups[*inst.group].column];
        terms.push_back(aggregate_is(*inst.group, value));
    } else {
        terms.push_back(body(inst.body));
    }
    if (inst.channel) terms.push_back(open(*inst.channel));
    return conjunction(m_ctx, terms);
}

z3::expr SymbolicEncoder::body(const sim::GroundBody& b) {
    std::vector<z3::expr> terms;
    for (eval::TupleId p : b.positive) {
        terms.push_back(atom(p));
        if (is_false(terms.back())) return terms.back();
    }
    for (std::uint32_t n : b.negations) terms.push_back(negation(n));
    return conjunction(m_ctx, terms);
}

z3::expr SymbolicEncoder::negation(std::uint32_t index) {
    if (!m_negations[index]) {
        std::vector<z3::expr> terms;
        for (eval::TupleId b : m_g.negations[index].blockers) terms.push_back(!atom(b));
        m_negations[index] = conjunction(m_ctx, terms);
    }
    return *m_negations[index];
}

z3::expr SymbolicEncoder::down(NodeId node, std::int32_t time) {
    std::vector<z3::expr> crashes;
    for (std::uint32_t i : m_space.down_by(node, time)) crashes.push_back(m_faults[i]);
    return disjunction(m_ctx, crashes);
}

// As FaultModel::deliver: a self-send always arrives; otherwise the sender must not be down by
// the send time, and the message must not be omitted.
z3::expr SymbolicEncoder::open(const sim::Channel& c) {
    if (c.from == c.to) return m_ctx.bool_val(true);
    std::vector<z3::expr> terms{!down(c.from, c.time)};
    if (auto o = m_space.omission(c.from, c.to, c.time)) terms.push_back(!m_faults[*o]);
    return conjunction(m_ctx, terms);
}

z3::expr SymbolicEncoder::present(std::uint32_t group, ValueId value) {
    const std::uint64_t key = (std::uint64_t{group} << 32) | value.value;
    auto it = m_present.find(key);
    if (it != m_present.end()) return it->second;
    std::vector<z3::expr> rows;
    for (const auto& row : m_g.groups[group].rows) {
        if (row.value == value) rows.push_back(body(row.body));
    }
    z3::expr e = disjunction(m_ctx, rows);
    m_present.emplace(key, e);
    return e;
}

// The aggregate of the distinct values of the rows that hold equals `value`, as the evaluator
// computes it (eval/aggregate.cpp): count counts every value, the others only integers.
z3::expr SymbolicEncoder::aggregate_is(std::uint32_t group, ValueId value) {
    const sim::GroundGroup& g = m_g.groups[group];
    std::vector<ValueId> distinct;
    for (const auto& row : g.rows) distinct.push_back(row.value);
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    std::vector<ValueId> ints;
    for (ValueId v : distinct) {
        if (m_g.values.is_int(v)) ints.push_back(v);
    }
    auto as_int = [&](ValueId v) { return m_g.values.as_int(v); };
    const std::int64_t target = m_g.values.is_int(value) ? as_int(value) : 0;
    switch (g.kind) {
        case analysis::AggKind::COUNT: {
            z3::expr_vector all(m_ctx);
            for (ValueId v : distinct) all.push_back(present(group, v));
            if (target < 1 || static_cast<std::size_t>(target) > all.size()) return m_ctx.bool_val(false);
            const auto k = static_cast<unsigned>(target);
            return z3::atleast(all, k) && z3::atmost(all, k);
        }
        case analysis::AggKind::MIN:
        case analysis::AggKind::MAX: {
            if (!m_g.values.is_int(value)) return m_ctx.bool_val(false);
            std::vector<z3::expr> terms{present(group, value)};
            for (ValueId v : ints) {
                const bool beyond =
                    g.kind == analysis::AggKind::MAX ? as_int(v) > target : as_int(v) < target;
                if (beyond) terms.push_back(!present(group, v));
            }
            return conjunction(m_ctx, terms);
        }
        case analysis::AggKind::SUM:
        case analysis::AggKind::AVG:
            break;
    }
    m_arith = true;
    z3::expr sum = m_ctx.int_val(0), count = m_ctx.int_val(0);
    std::vector<z3::expr> any;
    for (ValueId v : distinct) any.push_back(present(group, v));
    for (ValueId v : ints) {
        const z3::expr p = present(group, v);
        sum = sum + z3::ite(p, m_ctx.int_val(static_cast<int64_t>(as_int(v))), m_ctx.int_val(0));
        count = count + z3::ite(p, m_ctx.int_val(1), m_ctx.int_val(0));
    }
    const z3::expr v = m_ctx.int_val(static_cast<int64_t>(target));
    if (g.kind == analysis::AggKind::SUM) return disjunction(m_ctx, any) && sum == v;
    // avg truncates towards zero, as C++ integer division.
    const z3::expr non_negative = v * count <= sum && sum < (v + 1) * count;
    const z3::expr negative = (v - 1) * count < sum && sum <= v * count;
    return count >= 1 && z3::ite(sum >= 0, non_negative, negative);
}

z3::expr SymbolicEncoder::tuple_at_eot(RelId rel, const std::vector<ValueId>& values) {
    auto id = m_g.db.find(rel, m_g.db.eot(), values);
    return id ? atom(*id) : m_ctx.bool_val(false);
}

z3::expr SymbolicEncoder::violation(const sim::GroundGoal& goal) {
    const std::int32_t eot = m_g.db.eot();
    std::vector<z3::expr> cases;
    if (goal.oracle == sim::OracleKind::IMPLIES) {
        for (eval::TupleId pre : m_g.db.tuples(m_program.pre, eot)) {
            auto v = m_g.db.values(pre);
            cases.push_back(atom(pre) && !tuple_at_eot(m_program.post, {v.begin(), v.end()}));
        }
    } else {
        for (const auto& v : goal.fault_free_post) {
            cases.push_back(tuple_at_eot(m_program.pre, v) && !tuple_at_eot(m_program.post, v));
        }
    }
    z3::expr out = disjunction(m_ctx, cases);
    flush();
    return out;
}

z3::expr SymbolicEncoder::some_pre() {
    std::vector<z3::expr> pres;
    for (eval::TupleId pre : m_g.db.tuples(m_program.pre, m_g.db.eot())) pres.push_back(atom(pre));
    z3::expr out = disjunction(m_ctx, pres);
    flush();
    return out;
}

}  // namespace ldfi::solver

namespace ldfi::solver {

z3::expr SymbolicEncoder::holds(eval::TupleId a) {
    z3::expr out = atom(a);
    flush();
    return out;
}

}  // namespace ldfi::solver
