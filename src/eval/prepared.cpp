// Preparing a checked program: node names and constants interned, every rule compiled and planned.
#include <algorithm>

#include "components.hpp"
#include "ldfi/eval/evaluator.hpp"
#include "plan.hpp"

namespace ldfi::eval {

using detail::PreparedImpl;

namespace {

void intern_nodes(PreparedImpl& impl, const std::vector<std::string>& nodes, ValueTable& values) {
    for (const auto& name : nodes) impl.node_values.push_back(values.intern_string(name));
    impl.node_of.assign(values.size(), NodeId{});
    for (std::size_t i = nodes.size(); i-- > 0;)
        impl.node_of[impl.node_values[i].index()] = NodeId{static_cast<std::uint32_t>(i)};
}

void compile_rules(PreparedImpl& impl, const analysis::CheckedProgram& program, ValueTable& values) {
    impl.rules.resize(program.rules.size());
    std::vector<bool> done(program.rules.size(), false);
    auto compile = [&](RuleId r, const std::vector<bool>& recursive) {
        impl.rules[r.index()] =
            detail::compile_rule(program.rule(r), recursive, impl.node_of, values, impl.patterns);
        done[r.index()] = true;
    };
    // Semi-naive deltas only for the relations of the rule's own component: the components
    // before it are complete when it runs.
    impl.components = detail::rule_components(program);
    for (const auto& component : impl.components) {
        std::vector<bool> recursive(program.relations.size(), false);
        for (RuleId r : component) recursive[program.rule(r).head_rel.index()] = true;
        for (RuleId r : component) compile(r, recursive);
    }
    std::vector<bool> none(program.relations.size(), false);
    for (std::size_t r = 0; r < program.rules.size(); ++r) {
        if (!done[r]) compile(RuleId{static_cast<std::uint32_t>(r)}, none);
    }
}

}  // namespace

PreparedProgram::PreparedProgram(const analysis::CheckedProgram& program,
                                 const std::vector<std::string>& nodes, ValueTable& values)
    : m_impl(std::make_unique<PreparedImpl>()) {
    m_impl->program = &program;
    for (const auto& rel : program.relations) m_impl->arities.push_back(rel.arity);
    intern_nodes(*m_impl, nodes, values);
    compile_rules(*m_impl, program, values);
    for (const auto& f : program.facts) {
        Fact fact{f.rel, f.time, {}};
        for (const auto& v : f.args) fact.values.push_back(values.intern(v));
        m_impl->facts.push_back(std::move(fact));
    }
}

PreparedProgram::~PreparedProgram() = default;
PreparedProgram::PreparedProgram(PreparedProgram&&) noexcept = default;
PreparedProgram& PreparedProgram::operator=(PreparedProgram&&) noexcept = default;

const analysis::CheckedProgram& PreparedProgram::program() const { return *m_impl->program; }

NodeId PreparedProgram::node_of(ValueId v) const {
    return v.valid() && v.index() < m_impl->node_of.size() ? m_impl->node_of[v.index()] : NodeId{};
}

ValueId PreparedProgram::node_value(NodeId n) const { return m_impl->node_values[n.index()]; }

const std::vector<PreparedProgram::Fact>& PreparedProgram::facts() const { return m_impl->facts; }

}  // namespace ldfi::eval
