// Stratification within a time step: SCCs of the deductive dependency graph (Tarjan), a cycle
// through negation or aggregation is an error, strata by longest negative path.
#include <algorithm>
#include <deque>
#include <set>
#include <unordered_map>

#include "passes.hpp"

namespace ldfi::analysis {
namespace {

/// `head` depends on `body` through literal `literal` of rule `rule`.
struct Edge {
    std::uint32_t head = 0;
    std::uint32_t body = 0;
    bool negated = false;     ///< through `notin`
    bool aggregated = false;  ///< the head aggregates over this body atom
    RuleId rule;
    std::size_t literal = 0;
    [[nodiscard]] bool negative() const { return negated || aggregated; }
};

class DependencyGraph {
public:
    explicit DependencyGraph(const CheckedProgram& p) : m_out(p.relations.size()) {
        for (const CheckedRule& r : p.rules) {
            if (r.suffix != TimeSuffix::NONE || !r.head_rel.valid()) continue;
            for (std::size_t i = 0; i < r.body.size(); ++i) add(r, i);
        }
        compute_sccs();
    }

    [[nodiscard]] const std::vector<Edge>& edges() const { return m_edges; }
    [[nodiscard]] const std::vector<std::size_t>& out_edges(std::uint32_t rel) const { return m_out[rel]; }
    [[nodiscard]] std::uint32_t scc(std::uint32_t rel) const { return m_scc[rel]; }
    /// SCCs in an order where every SCC comes after the SCCs it depends on.
    [[nodiscard]] const std::vector<std::vector<std::uint32_t>>& sccs() const { return m_sccs; }

private:
    void add(const CheckedRule& r, std::size_t i) {
        const BodyLiteral& l = r.body[i];
        if (l.kind == BodyLiteral::Kind::COMPARISON || !l.atom.rel.valid()) return;
        Edge e{r.head_rel.value,
               l.atom.rel.value,
               l.kind == BodyLiteral::Kind::NEGATED,
               r.has_aggregate,
               r.id,
               i};
        m_out[e.head].push_back(m_edges.size());
        m_edges.push_back(e);
    }

    void compute_sccs() {
        std::size_t n = m_out.size();
        m_index.assign(n, UNVISITED);
        m_low.assign(n, 0);
        m_on_stack.assign(n, false);
        m_scc.assign(n, 0);
        for (std::uint32_t v = 0; v < n; ++v) {
            if (m_index[v] == UNVISITED) visit(v);
        }
    }

    void visit(std::uint32_t v) {
        m_index[v] = m_low[v] = m_counter++;
        m_stack.push_back(v);
        m_on_stack[v] = true;
        for (std::size_t e : m_out[v]) {
            std::uint32_t w = m_edges[e].body;
            if (m_index[w] == UNVISITED) {
                visit(w);
                m_low[v] = std::min(m_low[v], m_low[w]);
            } else if (m_on_stack[w]) {
                m_low[v] = std::min(m_low[v], m_index[w]);
            }
        }
        if (m_low[v] == m_index[v]) pop_scc(v);
    }

    void pop_scc(std::uint32_t root) {
        std::vector<std::uint32_t> members;
        std::uint32_t w = 0;
        do {
            w = m_stack.back();
            m_stack.pop_back();
            m_on_stack[w] = false;
            m_scc[w] = static_cast<std::uint32_t>(m_sccs.size());
            members.push_back(w);
        } while (w != root);
        m_sccs.push_back(std::move(members));
    }

    static constexpr std::uint32_t UNVISITED = ~0U;
    std::vector<Edge> m_edges;
    std::vector<std::vector<std::size_t>> m_out;
    std::vector<std::uint32_t> m_index, m_low, m_scc;
    std::vector<bool> m_on_stack;
    std::vector<std::uint32_t> m_stack;
    std::vector<std::vector<std::uint32_t>> m_sccs;
    std::uint32_t m_counter = 0;
};

std::string edge_label(const Edge& e, const CheckedProgram& p) {
    const std::string& name = p.relations[e.body].name;
    if (e.negated) return "notin " + name;
    if (e.aggregated) return "aggregate over " + name;
    return name;
}

// Breadth-first search inside one SCC for the shortest dependency path from `from` to `to` (which
// differ and share the SCC, so the path exists).
std::vector<std::size_t> path_within_scc(const DependencyGraph& g, std::uint32_t from, std::uint32_t to) {
    std::unordered_map<std::uint32_t, std::size_t> reached_by;
    std::deque<std::uint32_t> queue{from};
    std::set<std::uint32_t> seen{from};
    while (!queue.empty() && seen.count(to) == 0) {
        std::uint32_t v = queue.front();
        queue.pop_front();
        for (std::size_t e : g.out_edges(v)) {
            std::uint32_t w = g.edges()[e].body;
            if (g.scc(w) != g.scc(from) || !seen.insert(w).second) continue;
            reached_by[w] = e;
            queue.push_back(w);
        }
    }
    std::vector<std::size_t> path;
    for (std::uint32_t v = to; v != from; v = g.edges()[path.back()].head) path.push_back(reached_by.at(v));
    std::reverse(path.begin(), path.end());
    return path;
}

std::string describe_cycle(const DependencyGraph& g, const Edge& bad, const CheckedProgram& p) {
    std::string out = p.relations[bad.head].name + " -> " + edge_label(bad, p);
    if (bad.body == bad.head) return out;
    for (std::size_t e : path_within_scc(g, bad.body, bad.head)) out += " -> " + edge_label(g.edges()[e], p);
    return out;
}

void report_cycle(const DependencyGraph& g, const Edge& bad, const CheckedProgram& p, Diagnostics& diags) {
    const CheckedRule& rule = p.rule(bad.rule);
    const std::string& name = p.relations[bad.body].name;
    std::string what = bad.negated ? "negation of '" + name + "'" : "aggregation over '" + name + "'";
    diags.error(rule.body[bad.literal].loc,
                what + " sits on a cycle of deductive rules: the program cannot be stratified",
                {"cycle: " + describe_cycle(g, bad, p)});
}

// One error per SCC, at its first offending literal in source order.
bool check_cycles(const DependencyGraph& g, const CheckedProgram& p, Diagnostics& diags) {
    std::set<std::uint32_t> reported;
    for (const Edge& e : g.edges()) {
        if (!e.negative() || g.scc(e.head) != g.scc(e.body)) continue;
        if (reported.insert(g.scc(e.head)).second) report_cycle(g, e, p, diags);
    }
    return reported.empty();
}

std::vector<std::uint32_t> relation_strata(const DependencyGraph& g, std::size_t relations) {
    std::vector<std::uint32_t> stratum(relations, 0);
    for (const auto& members : g.sccs()) {
        std::uint32_t s = 0;
        for (std::uint32_t v : members) {
            for (std::size_t ei : g.out_edges(v)) {
                const Edge& e = g.edges()[ei];
                if (g.scc(e.body) != g.scc(v)) s = std::max(s, stratum[e.body] + (e.negative() ? 1U : 0U));
            }
        }
        for (std::uint32_t v : members) stratum[v] = s;
    }
    return stratum;
}

}  // namespace

void stratify(CheckedProgram& checked, Diagnostics& diags) {
    DependencyGraph graph(checked);
    check_cycles(graph, checked, diags);
    std::vector<std::uint32_t> stratum = relation_strata(graph, checked.relations.size());
    for (std::size_t i = 0; i < checked.relations.size(); ++i) checked.relations[i].stratum = stratum[i];
    for (CheckedRule& r : checked.rules) {
        if (r.suffix != TimeSuffix::NONE || !r.head_rel.valid()) continue;
        r.stratum = stratum[r.head_rel.index()];
        if (checked.strata.size() <= r.stratum) checked.strata.resize(r.stratum + 1);
        checked.strata[r.stratum].push_back(r.id);
    }
}

}  // namespace ldfi::analysis
