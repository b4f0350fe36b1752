// The step loop of one run: the deductive rules' components in dependency order, each to a
// fixpoint by semi-naive iteration, then the @async and @next heads of the step (architecture.md
// section 3).
#include "ldfi/eval/evaluator.hpp"

#include "heads.hpp"
#include "join.hpp"
#include "terms.hpp"

namespace ldfi::eval {

using detail::HeadTarget;
using detail::RuleCode;
using detail::RunState;

namespace {

/// Computes the head of each binding and buffers it.
class HeadSink : public detail::JoinSink {
public:
    HeadSink(RunState& st, const RuleCode& code, const HeadTarget& target)
        : m_st(st), m_code(code), m_target(target) {}

    void emit(const ValueId* vars, const TupleId* body) override {
        detail::TermReader terms(m_code.nodes, vars, m_st.values);
        m_st.head.resize(m_code.head.size());
        for (std::size_t i = 0; i < m_code.head.size(); ++i) {
            m_st.head[i] = terms.intern(m_code.head[i]);
            if (!m_st.head[i].valid()) return;
        }
        ValueId from = m_target.kind == HeadTarget::Kind::ASYNC ? terms.find(m_code.location) : ValueId{};
        auto prov = detail::append_provenance(m_st, m_code, vars, body);
        detail::push_head(m_st, m_code, m_target, m_st.head.data(), from, prov);
    }

private:
    RunState& m_st;
    const RuleCode& m_code;
    const HeadTarget& m_target;
};

void run_rule(RunState& st, const RuleCode& code, const detail::Plan& plan, const HeadTarget& target) {
    if (code.disabled) return;
    if (code.rule->has_aggregate) {
        detail::run_aggregate(st, code, target);
        return;
    }
    HeadSink sink(st, code, target);
    detail::run_join(st, code, plan, sink);
}

/// Ends a round: inserts its heads; the tuples new to each derived relation are the next delta.
bool end_round(RunState& st, const std::vector<RelId>& derived) {
    for (RelId r : derived)
        st.delta_lo[r.index()] = static_cast<std::uint32_t>(st.db.tuples(r, st.now).size());
    st.apply_pending(nullptr);
    bool grew = false;
    for (RelId r : derived) grew |= st.db.tuples(r, st.now).size() > st.delta_lo[r.index()];
    return grew;
}

// Whether some delta plan of `code` has new tuples to read.
bool delta_round(RunState& st, const RuleCode& code, const HeadTarget& target) {
    bool ran = false;
    for (const auto& [lit, plan] : code.deltas) {
        RelId rel = code.rule->body[lit].atom.rel;
        if (st.db.tuples(rel, st.now).size() > st.delta_lo[rel.index()]) {
            run_rule(st, code, plan, target);
            ran = true;
        }
    }
    return ran;
}

void evaluate_component(RunState& st, const std::vector<RuleId>& rules) {
    std::vector<RelId> derived;
    for (RuleId r : rules) {
        RelId h = st.prep.rules[r.index()].rule->head_rel;
        if (std::find(derived.begin(), derived.end(), h) == derived.end()) derived.push_back(h);
    }
    HeadTarget target{HeadTarget::Kind::DEDUCTIVE, st.now, nullptr};
    ++st.stamp;
    detail::add_work(st, rules.size());
    for (RuleId r : rules) run_rule(st, st.prep.rules[r.index()], st.prep.rules[r.index()].full, target);
    while (end_round(st, derived)) {
        ++st.stamp;
        detail::add_work(st, rules.size());
        for (RuleId r : rules) {
            const RuleCode& code = st.prep.rules[r.index()];
            if (!code.rule->has_aggregate) delta_round(st, code, target);
        }
    }
    for (RelId r : derived) st.delta_lo[r.index()] = 0;
}

}  // namespace

Evaluator::Evaluator(const PreparedProgram& program, Database& db, ValueTable& values,
                     std::vector<Firing>& firings, EvalOptions options)
    : m_state(std::make_unique<RunState>(program.impl(), db, values, firings, options)) {}

Evaluator::~Evaluator() = default;

void Evaluator::load(RelId rel, std::int64_t time, std::span<const ValueId> values) {
    if (time < 1 || time > m_state->eot) return;
    m_state->load(rel, static_cast<std::int32_t>(time), values);
}

void Evaluator::evaluate(std::int32_t time) {
    RunState& st = *m_state;
    st.now = time;
    for (const auto& component : st.prep.components) evaluate_component(st, component);
}

void Evaluator::advance(std::int32_t time, MessageRouter& router) {
    RunState& st = *m_state;
    st.now = time;
    if (time >= st.eot) return;
    ++st.stamp;
    HeadTarget async{HeadTarget::Kind::ASYNC, time + 1, &router};
    for (RuleId r : st.prep.program->async_rules)
        run_rule(st, st.prep.rules[r.index()], st.prep.rules[r.index()].full, async);
    HeadTarget next{HeadTarget::Kind::NEXT, time + 1, nullptr};
    for (RuleId r : st.prep.program->next_rules)
        run_rule(st, st.prep.rules[r.index()], st.prep.rules[r.index()].full, next);
    st.apply_pending(&router);
}

std::uint64_t Evaluator::derived_tuples() const { return m_state->derived; }

const std::vector<AggregateGroup>& Evaluator::aggregate_groups() const { return m_state->groups; }

}  // namespace ldfi::eval
