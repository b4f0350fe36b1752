// The simulator: the multi-node time loop, built-in crash/clock tuples, and message delivery
// under a FailureSpec (dedalus.md section 3).
#include <algorithm>
#include <set>
#include <unordered_map>

#include "ldfi/eval/evaluator.hpp"
#include "ldfi/sim/run.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/hash.hpp"

namespace ldfi::sim {

struct Simulator::Impl {
    std::shared_ptr<const analysis::CheckedProgram> program;
    FaultModel model;
    RunOptions options;
    ValueTable values;
    std::unique_ptr<eval::PreparedProgram> prepared;
    std::vector<std::uint32_t> arities;
};

namespace {

/// Applies the fault model to each message and records it in the run.
class Router : public eval::MessageRouter {
public:
    Router(Run& run, const eval::PreparedProgram& prepared) : m_run(run), m_prepared(prepared) {}

    std::optional<eval::Routing> route(RelId rel, ValueId from, std::span<const ValueId> values,
                                       std::int32_t time) override {
        NodeId src = m_prepared.node_of(from);
        NodeId dst = values.empty() ? NodeId{} : m_prepared.node_of(values[0]);
        if (!src.valid() || !dst.valid()) {
            warn_unknown(src.valid() ? values : std::span<const ValueId>{&from, 1}, src.valid());
            return std::nullopt;
        }
        if (time != m_time) {
            m_sent.clear();
            m_time = time;
        }
        // A rule fires once per binding of its body, so the same message is often sent many
        // times in a step: found again by its hash, without building a key.
        const std::uint64_t hash = hash_values(values, hash_mix(hash_mix(HASH_SEED, rel.value), src.value));
        auto [first, last] = m_sent.equal_range(hash);
        for (auto it = first; it != last; ++it) {
            const Message& m = m_run.messages[it->second];
            if (m.rel == rel && m.from == src && std::ranges::equal(m.values, values))
                return routing(it->second);
        }
        const auto index = static_cast<std::uint32_t>(m_run.messages.size());
        Delivery d = FaultModel::deliver(m_run.faults, src, dst, time);
        m_run.messages.push_back(Message{rel, src, dst, time, d, {values.begin(), values.end()}, {}});
        m_sent.emplace(hash, index);
        return routing(index);
    }

    void arrived(std::uint32_t message, eval::TupleId tuple) override {
        m_run.messages[message].tuple = tuple;
    }

private:
    eval::Routing routing(std::uint32_t message) const {
        return eval::Routing{message, m_run.messages[message].delivery == Delivery::DELIVERED};
    }

    void warn_unknown(std::span<const ValueId> name, bool destination) {
        std::string text = name.empty() ? std::string("()") : format_value(m_run.values.get(name[0]));
        if (!m_warned.insert({destination, text}).second) return;
        if (std::find(m_run.unknown_nodes.begin(), m_run.unknown_nodes.end(), text) ==
            m_run.unknown_nodes.end())
            m_run.unknown_nodes.push_back(text);
        m_run.warnings.push_back(destination ? "message to unknown node " + text + " dropped"
                                             : "message from unknown node " + text + " dropped");
    }

    Run& m_run;
    const eval::PreparedProgram& m_prepared;
    std::int32_t m_time = 0;
    std::unordered_multimap<std::uint64_t, std::uint32_t> m_sent;  ///< this step's messages, by hash
    std::set<std::pair<bool, std::string>> m_warned;
};

void load_builtins(const analysis::CheckedProgram& program, const eval::PreparedProgram& prepared,
                   std::size_t n, eval::Evaluator& ev, Run& run, std::int32_t t) {
    for (std::size_t o = 0; o < n && program.crash.valid(); ++o) {
        for (const Crash& c : run.faults.crashes) {
            if (c.node.index() >= n) continue;
            ValueId tuple[3] = {prepared.node_value(NodeId{static_cast<std::uint32_t>(o)}),
                                prepared.node_value(c.node), run.values.intern_int(c.time)};
            ev.load(program.crash, t, tuple);
        }
    }
    if (!program.clock.valid()) return;
    ValueId sent = run.values.intern_int(t), arrives = run.values.intern_int(std::int64_t{t} + 1);
    for (std::uint32_t f = 0; f < n; ++f) {
        for (std::uint32_t d = 0; d < n; ++d) {
            if (FaultModel::deliver(run.faults, NodeId{f}, NodeId{d}, t) != Delivery::DELIVERED) continue;
            ValueId tuple[4] = {prepared.node_value(NodeId{f}), prepared.node_value(NodeId{d}), sent,
                                arrives};
            ev.load(program.clock, t, tuple);
        }
    }
}

}  // namespace

Simulator::Simulator(std::shared_ptr<const analysis::CheckedProgram> program, FaultModel model,
                     RunOptions options)
    : m_impl(std::make_unique<Impl>(Impl{std::move(program), std::move(model), options, {}, nullptr, {}})) {
    if (!m_impl->program) throw InternalError("Simulator: no program");
    m_impl->prepared =
        std::make_unique<eval::PreparedProgram>(*m_impl->program, m_impl->model.nodes(), m_impl->values);
    for (const auto& rel : m_impl->program->relations) m_impl->arities.push_back(rel.arity);
    for (std::int64_t t = 0; t <= m_impl->model.bounds().eot + 1; ++t) m_impl->values.intern_int(t);
}

Simulator::~Simulator() = default;
Simulator::Simulator(Simulator&&) noexcept = default;
Simulator& Simulator::operator=(Simulator&&) noexcept = default;

const analysis::CheckedProgram& Simulator::program() const { return *m_impl->program; }
const FaultModel& Simulator::model() const { return m_impl->model; }

Run Simulator::run(const FailureSpec& faults) const {
    const Impl& impl = *m_impl;
    std::int32_t eot = impl.model.bounds().eot;
    Run run{faults, impl.values, eval::Database(impl.arities, eot), {}, {}, {}, {}, 0, {}};
    for (std::uint32_t n = 0; n < impl.model.nodes().size(); ++n) {
        run.nodes.push_back(impl.prepared->node_value(NodeId{n}));
    }
    eval::Evaluator ev(
        *impl.prepared, run.db, run.values, run.firings,
        eval::EvalOptions{impl.options.provenance, impl.options.max_tuples, impl.options.max_probes});
    Router router(run, *impl.prepared);
    for (const auto& fact : impl.prepared->facts()) ev.load(fact.rel, fact.time, fact.values);
    for (std::int32_t t = 1; t <= eot; ++t) {
        load_builtins(*impl.program, *impl.prepared, impl.model.nodes().size(), ev, run, t);
        ev.evaluate(t);
        ev.advance(t, router);
    }
    run.derived_tuples = ev.derived_tuples();
    return run;
}

}  // namespace ldfi::sim
