// Tarjan's algorithm, iterative (a chain of 20,000 rules would be 20,000 frames deep), over the
// relations one stratum derives.
#include "components.hpp"

#include <algorithm>
#include <cstdint>

namespace ldfi::eval::detail {

namespace {

constexpr std::uint32_t UNVISITED = ~0U;

class StratumGraph {
public:
    StratumGraph(const analysis::CheckedProgram& program, const std::vector<RuleId>& rules) {
        std::vector<std::uint32_t> local(program.relations.size(), UNVISITED);
        for (RuleId r : rules) {
            RelId head = program.rule(r).head_rel;
            if (local[head.index()] == UNVISITED) {
                local[head.index()] = static_cast<std::uint32_t>(m_rules.size());
                m_rules.emplace_back();
            }
            m_rules[local[head.index()]].push_back(r);
        }
        m_out.resize(m_rules.size());
        for (RuleId r : rules) {
            const analysis::CheckedRule& rule = program.rule(r);
            for (const analysis::BodyLiteral& l : rule.body) {
                if (l.kind == analysis::BodyLiteral::Kind::COMPARISON || !l.atom.rel.valid()) continue;
                std::uint32_t to = local[l.atom.rel.index()];
                if (to != UNVISITED) m_out[local[rule.head_rel.index()]].push_back(to);
            }
        }
    }

    // Appends the components to `out`, each after the ones it reads (Tarjan's emission order).
    void components(std::vector<std::vector<RuleId>>& out) {
        std::size_t n = m_rules.size();
        m_index.assign(n, UNVISITED);
        m_low.assign(n, 0);
        m_on_stack.assign(n, false);
        for (std::uint32_t v = 0; v < n; ++v) {
            if (m_index[v] == UNVISITED) visit(v, out);
        }
    }

private:
    struct Frame {
        std::uint32_t node;
        std::size_t edge;
    };

    void enter(std::uint32_t v, std::vector<Frame>& frames) {
        m_index[v] = m_low[v] = m_counter++;
        m_stack.push_back(v);
        m_on_stack[v] = true;
        frames.push_back({v, 0});
    }

    void visit(std::uint32_t root, std::vector<std::vector<RuleId>>& out) {
        std::vector<Frame> frames;
        enter(root, frames);
        while (!frames.empty()) {
            Frame& f = frames.back();
            std::uint32_t v = f.node;
            if (f.edge < m_out[v].size()) {
                std::uint32_t w = m_out[v][f.edge++];
                if (m_index[w] == UNVISITED) {
                    enter(w, frames);
                } else if (m_on_stack[w]) {
                    m_low[v] = std::min(m_low[v], m_index[w]);
                }
                continue;
            }
            frames.pop_back();
            if (!frames.empty()) m_low[frames.back().node] = std::min(m_low[frames.back().node], m_low[v]);
            if (m_low[v] == m_index[v]) pop_component(v, out);
        }
    }

    void pop_component(std::uint32_t root, std::vector<std::vector<RuleId>>& out) {
        std::vector<RuleId> rules;
        std::uint32_t w = 0;
        do {
            w = m_stack.back();
            m_stack.pop_back();
            m_on_stack[w] = false;
            rules.insert(rules.end(), m_rules[w].begin(), m_rules[w].end());
        } while (w != root);
        std::sort(rules.begin(), rules.end(), [](RuleId a, RuleId b) { return a.index() < b.index(); });
        out.push_back(std::move(rules));
    }

    std::vector<std::vector<RuleId>> m_rules;       ///< per local relation: the rules deriving it
    std::vector<std::vector<std::uint32_t>> m_out;  ///< per local relation: the relations it reads
    std::vector<std::uint32_t> m_index, m_low, m_stack;
    std::vector<bool> m_on_stack;
    std::uint32_t m_counter = 0;
};

}  // namespace

std::vector<std::vector<RuleId>> rule_components(const analysis::CheckedProgram& program) {
    std::vector<std::vector<RuleId>> out;
    for (const auto& stratum : program.strata) StratumGraph(program, stratum).components(out);
    return out;
}

}  // namespace ldfi::eval::detail
