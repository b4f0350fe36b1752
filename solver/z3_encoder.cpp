// Formula -> Z3: fault variables, one-directional (polarity-aware) encoding of AND/OR/NOT nodes,
// DOWN by its definition over the crash variables.
#include "z3_encoder.hpp"

#include <string>

#include "ldfi/util/error.hpp"

namespace ldfi::solver {

using Op = Formula::Op;

namespace {

std::string omit_name(const sim::FaultModel& m, const sim::Omission& o) {
    return "omit(" + m.node_name(o.from) + "," + m.node_name(o.to) + "," + std::to_string(o.time) + ")";
}

std::string crash_name(const sim::FaultModel& m, const sim::Crash& c) {
    return "crash(" + m.node_name(c.node) + "," + std::to_string(c.time) + ")";
}

}  // namespace

Z3Encoder::Z3Encoder(z3::context& ctx, const sim::FaultSpace& space, const Formula& formula, Sink sink)
    : m_ctx(ctx), m_formula(formula), m_sink(std::move(sink)), m_space(space), m_fault_vars(ctx) {
    for (const sim::Fault& f : space.faults()) {
        const std::string name = std::holds_alternative<sim::Crash>(f)
                                     ? crash_name(space.model(), std::get<sim::Crash>(f))
                                     : omit_name(space.model(), std::get<sim::Omission>(f));
        m_fault_vars.push_back(ctx.bool_const(name.c_str()));
    }
}

z3::expr_vector Z3Encoder::crash_vars(NodeId node) const {
    z3::expr_vector out(m_ctx);
    for (std::uint32_t i : m_space.crashes_of(node)) out.push_back(var(i));
    return out;
}

z3::expr Z3Encoder::fresh(const char* prefix, FormulaId f) {
    return m_ctx.bool_const((prefix + std::to_string(f.value)).c_str());
}

z3::expr Z3Encoder::positive(FormulaId f) {
    if (auto it = m_positive.find(f.value); it != m_positive.end()) return it->second;
    const Formula::Node& n = m_formula.node(f);
    switch (n.op) {
        case Op::AND:
            return positive_and(f);
        case Op::OR:
            return positive_or(f);
        case Op::NOT: {
            z3::expr lit = !negative(n.children.front());  // not g -> lit  iff  not lit -> g
            m_positive.emplace(f.value, lit);
            return lit;
        }
        default:
            return leaf(f);
    }
}

z3::expr Z3Encoder::negative(FormulaId f) {
    if (auto it = m_negative.find(f.value); it != m_negative.end()) return it->second;
    const Formula::Node& n = m_formula.node(f);
    z3::expr lit = m_ctx.bool_val(false);
    switch (n.op) {
        case Op::AND:
        case Op::OR:
            lit = negative_junction(f);
            break;
        case Op::NOT:
            lit = !positive(n.children.front());
            break;  // lit -> not g  iff  g -> not lit
        default:
            return leaf(f);
    }
    m_negative.emplace(f.value, lit);
    return lit;
}

z3::expr Z3Encoder::negative_junction(FormulaId f) {
    const Formula::Node& n = m_formula.node(f);
    // An open disjunction only ever gains children, so "it holds" can be implied but never
    // required of it; the lineage encoder puts derived tuples under an even number of negations.
    if (n.open) throw InternalError("an open disjunction occurs where it would have to be implied");
    z3::expr lit = fresh("n", f);
    if (n.op == Op::AND) {
        for (FormulaId c : n.children) m_sink(z3::implies(lit, negative(c)));  // lit -> each child
        return lit;
    }
    z3::expr_vector clause(m_ctx);  // lit -> some child
    clause.push_back(!lit);
    for (FormulaId c : n.children) clause.push_back(negative(c));
    m_sink(z3::mk_or(clause));
    return lit;
}

z3::expr Z3Encoder::positive_and(FormulaId f) {
    z3::expr lit = fresh("p", f);
    z3::expr_vector clause(m_ctx);
    for (FormulaId c : m_formula.node(f).children) clause.push_back(!positive(c));
    clause.push_back(lit);
    m_sink(z3::mk_or(clause));  // AND(children) -> lit
    m_positive.emplace(f.value, lit);
    return lit;
}

z3::expr Z3Encoder::positive_or(FormulaId f) {
    z3::expr lit = fresh("p", f);
    m_positive.emplace(f.value, lit);  // before the children: extend() may not make cycles, but be safe
    m_open_encoded.emplace(f.value, 0);
    add_positive_children(f);
    return lit;
}

void Z3Encoder::add_positive_children(FormulaId or_node) {
    const z3::expr lit = m_positive.at(or_node.value);
    const auto& children = m_formula.node(or_node).children;
    std::size_t& done = m_open_encoded.at(or_node.value);
    while (done < children.size()) {
        const FormulaId child = children[done++];
        m_sink(z3::implies(positive(child), lit));  // child -> lit
    }
}

void Z3Encoder::sync_extensions() {
    const auto& log = m_formula.extension_log();
    for (; m_log_cursor < log.size(); ++m_log_cursor) {
        const FormulaId open_node = log[m_log_cursor];
        if (m_open_encoded.contains(open_node.value)) add_positive_children(open_node);
    }
}

z3::expr Z3Encoder::leaf(FormulaId f) {
    if (auto it = m_leaves.find(f.value); it != m_leaves.end()) return it->second;
    z3::expr lit = leaf_literal(m_formula.node(f));
    m_leaves.emplace(f.value, lit);
    return lit;
}

z3::expr Z3Encoder::leaf_literal(const Formula::Node& n) {
    switch (n.op) {
        case Op::TRUE:
            return m_ctx.bool_val(true);
        case Op::FALSE:
            return m_ctx.bool_val(false);
        case Op::OMIT:
        case Op::CRASH: {
            // A fault outside the bounds cannot happen: its literal is false.
            auto index = n.op == Op::OMIT ? m_space.index_of(n.omit) : m_space.index_of(n.crash);
            return index ? var(*index) : m_ctx.bool_val(false);
        }
        case Op::DOWN:
            return down(n.crash.node, n.crash.time);
        default:
            throw InternalError("leaf() called on a junction");
    }
}

z3::expr Z3Encoder::down(NodeId node, std::int32_t time) {
    z3::expr_vector earlier(m_ctx);
    for (std::uint32_t i : m_space.down_by(node, time)) earlier.push_back(var(i));
    if (earlier.empty()) return m_ctx.bool_val(false);
    if (earlier.size() == 1) return earlier[0];
    z3::expr lit =
        m_ctx.bool_const(("down(" + std::to_string(node.value) + "," + std::to_string(time) + ")").c_str());
    z3::expr_vector back(m_ctx);
    back.push_back(!lit);
    for (const z3::expr& c : earlier) {
        m_sink(z3::implies(c, lit));
        back.push_back(c);
    }
    m_sink(z3::mk_or(back));
    return lit;
}

}  // namespace ldfi::solver
