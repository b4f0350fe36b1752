// The hash-consed formula DAG over fault variables: construction with constant folding, open
// disjunctions that grow as runs are learned, and evaluation under a FailureSpec.
#include "ldfi/solver/formula.hpp"

#include <algorithm>

#include "ldfi/util/error.hpp"

namespace ldfi::solver {

namespace {

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    return (h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2))) * 0xff51afd7ed558ccdULL;
}

std::uint64_t hash_node(const Formula::Node& n) {
    std::uint64_t h = mix(0, static_cast<std::uint64_t>(n.op));
    h = mix(h, n.omit.from.value);
    h = mix(h, n.omit.to.value);
    h = mix(h, static_cast<std::uint32_t>(n.omit.time));
    h = mix(h, n.crash.node.value);
    h = mix(h, static_cast<std::uint32_t>(n.crash.time));
    for (FormulaId c : n.children) h = mix(h, c.value);
    return h;
}

bool same_node(const Formula::Node& a, const Formula::Node& b) {
    return a.op == b.op && a.omit == b.omit && a.crash == b.crash && a.children == b.children && !a.open &&
           !b.open;
}

void sort_unique(std::vector<FormulaId>& ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

}  // namespace

Formula::Formula() {
    m_false = add(Node{Op::FALSE, {}, {}, {}});
    m_true = add(Node{Op::TRUE, {}, {}, {}});
}

FormulaId Formula::add(Node n) {
    const std::uint64_t h = hash_node(n);
    std::vector<FormulaId>& bucket = m_hash[h];
    for (FormulaId id : bucket) {
        if (same_node(m_nodes[id.index()], n)) return id;
    }
    const FormulaId id(static_cast<std::uint32_t>(m_nodes.size()));
    m_nodes.push_back(std::move(n));
    bucket.push_back(id);
    return id;
}

FormulaId Formula::omit(sim::Omission o) { return add(Node{Op::OMIT, o, {}, {}}); }

FormulaId Formula::crash(sim::Crash c) { return add(Node{Op::CRASH, {}, c, {}}); }

FormulaId Formula::down(NodeId node, std::int32_t time) { return add(Node{Op::DOWN, {}, {node, time}, {}}); }

FormulaId Formula::negate(FormulaId f) {
    const Node& n = node(f);
    if (n.op == Op::TRUE) return m_false;
    if (n.op == Op::FALSE) return m_true;
    if (n.op == Op::NOT) return n.children.front();
    return add(Node{Op::NOT, {}, {}, {f}});
}

FormulaId Formula::conj(std::vector<FormulaId> children) {
    std::erase(children, m_true);
    if (std::find(children.begin(), children.end(), m_false) != children.end()) return m_false;
    sort_unique(children);
    if (children.empty()) return m_true;
    if (children.size() == 1) return children.front();
    return add(Node{Op::AND, {}, {}, std::move(children)});
}

FormulaId Formula::disj(std::vector<FormulaId> children) {
    std::erase(children, m_false);
    if (std::find(children.begin(), children.end(), m_true) != children.end()) return m_true;
    sort_unique(children);
    if (children.empty()) return m_false;
    if (children.size() == 1) return children.front();
    return add(Node{Op::OR, {}, {}, std::move(children)});
}

FormulaId Formula::open_disj() {
    const FormulaId id(static_cast<std::uint32_t>(m_nodes.size()));
    m_nodes.push_back(Node{Op::OR, {}, {}, {}, true});
    return id;
}

void Formula::extend(FormulaId open_node, FormulaId child) {
    if (open_node.index() >= m_nodes.size() || !m_nodes[open_node.index()].open) {
        throw InternalError("extend() needs an open disjunction");
    }
    if (child.index() >= m_nodes.size() || child == open_node) {
        throw InternalError("extend() with an invalid child");
    }
    m_nodes[open_node.index()].children.push_back(child);
    m_extension_log.push_back(open_node);
}

bool Formula::eval(FormulaId f, const sim::FailureSpec& faults) const {
    LaneEvaluator evaluator(*this);
    evaluator.evaluate({f}, [&faults](const Node& n) -> LaneEvaluator::Lanes {
        bool holds = false;
        if (n.op == Op::OMIT) {
            holds = faults.omits(n.omit.from, n.omit.to, n.omit.time);
        } else if (n.op == Op::CRASH) {
            holds = faults.crash_time(n.crash.node) == n.crash.time;
        } else if (n.op == Op::DOWN) {
            auto t = faults.crash_time(n.crash.node);
            holds = t && *t <= n.crash.time;
        }
        return holds ? 1 : 0;
    });
    return (evaluator.value(f) & 1U) != 0;
}

void LaneEvaluator::evaluate(const std::vector<FormulaId>& roots, const Leaf& leaf) {
    m_values.assign(m_formula.size(), 0);
    std::size_t passes = 0;
    do {
        // Each lane is its own Kleene iteration: values only rise, at least one node per pass in
        // a lane that has not settled, unless a cycle runs through a NOT.
        if (++passes > m_formula.size() + 1) {
            throw InternalError("a cycle of the lineage formula runs through a negation");
        }
        m_state.assign(m_formula.size(), 0);
        m_changed = false;
        for (FormulaId root : roots) (void)lanes_of(root, leaf);
    } while (m_changed);
}

LaneEvaluator::Lanes LaneEvaluator::lanes_of(FormulaId f, const Leaf& leaf) {
    const std::uint32_t id = f.index();
    if (m_state[id] != 0) return m_values[id];  // done, or in progress: the last pass's
    m_state[id] = 1;
    const Formula::Node& n = m_formula.node(f);
    Lanes v = 0;
    switch (n.op) {
        case Formula::Op::TRUE:
            v = ~Lanes{0};
            break;
        case Formula::Op::FALSE:
            break;
        case Formula::Op::OMIT:
        case Formula::Op::CRASH:
        case Formula::Op::DOWN:
            v = leaf(n);
            break;
        case Formula::Op::NOT:
            v = ~lanes_of(n.children.front(), leaf);
            break;
        case Formula::Op::AND:
            v = ~Lanes{0};
            for (FormulaId c : n.children) v &= lanes_of(c, leaf);
            break;
        case Formula::Op::OR:
            for (FormulaId c : n.children) v |= lanes_of(c, leaf);
            break;
    }
    m_state[id] = 2;
    if (v != m_values[id]) m_changed = true;
    m_values[id] = v;
    return v;
}

}  // namespace ldfi::solver
