// Grounding: the simulator's time loop with the evaluator in may mode, then the firings turned
// into ground instances (negated literals resolved to the atoms that may block them).
#include "ldfi/sim/grounding.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "ldfi/eval/evaluator.hpp"
#include "ldfi/util/error.hpp"

namespace ldfi::sim {

std::uint64_t Grounding::rule_instances() const {
    std::uint64_t n = instances.size();
    for (const GroundGroup& g : groups) n += g.rows.size();
    return n;
}

namespace {

/// May mode's router: every message between configured nodes arrives; its channel is kept.
class MayRouter : public eval::MessageRouter {
public:
    explicit MayRouter(const eval::PreparedProgram& prepared) : m_prepared(prepared) {}

    std::optional<eval::Routing> route(RelId, ValueId from, std::span<const ValueId> values,
                                       std::int32_t time) override {
        NodeId src = m_prepared.node_of(from);
        NodeId dst = values.empty() ? NodeId{} : m_prepared.node_of(values[0]);
        if (!src.valid() || !dst.valid()) return std::nullopt;  // dropped in every run
        channels.push_back({src, dst, time});
        return eval::Routing{static_cast<std::uint32_t>(channels.size() - 1), true};
    }
    void arrived(std::uint32_t, eval::TupleId) override {}

    std::vector<Channel> channels;  ///< by message index

private:
    const eval::PreparedProgram& m_prepared;
};

/// Loads what may hold of the built-ins at `t`: every allowed crash, every channel.
void load_may_builtins(const analysis::CheckedProgram& program, const eval::PreparedProgram& prepared,
                       const FaultSpace& space, ValueTable& values, eval::Evaluator& ev, std::int32_t t) {
    const auto n = static_cast<std::uint32_t>(space.model().nodes().size());
    for (std::uint32_t o = 0; o < n && program.crash.valid(); ++o) {
        for (std::uint32_t i = 0; i < space.crash_count(); ++i) {
            const Crash& c = std::get<Crash>(space.fault(i));
            ValueId tuple[3] = {prepared.node_value(NodeId{o}), prepared.node_value(c.node),
                                values.intern_int(c.time)};
            ev.load(program.crash, t, tuple);
        }
    }
    if (!program.clock.valid()) return;
    ValueId sent = values.intern_int(t), arrives = values.intern_int(std::int64_t{t} + 1);
    for (std::uint32_t f = 0; f < n; ++f) {
        for (std::uint32_t d = 0; d < n; ++d) {
            ValueId tuple[4] = {prepared.node_value(NodeId{f}), prepared.node_value(NodeId{d}), sent,
                                arrives};
            ev.load(program.clock, t, tuple);
        }
    }
}

/// Turns the may-run's firings into ground instances.
class Builder {
public:
    Builder(const analysis::CheckedProgram& program, const eval::PreparedProgram& prepared, Grounding& g)
        : m_program(program), m_prepared(prepared), m_g(g) {}

    void classify_atoms() {
        m_g.atoms.assign(m_g.db.size(), GroundAtom{});
        for (const auto& fact : m_prepared.facts()) {
            if (fact.time < 1 || fact.time > m_g.db.eot()) continue;
            if (auto id = m_g.db.find(fact.rel, static_cast<std::int32_t>(fact.time), fact.values)) {
                m_g.atoms[id->index()].kind = AtomKind::FACT;
            }
        }
        for (std::int32_t t = 1; t <= m_g.db.eot(); ++t) {
            if (m_program.crash.valid()) {
                for (eval::TupleId id : m_g.db.tuples(m_program.crash, t)) {
                    auto v = m_g.db.values(id);
                    m_g.atoms[id.index()] = {AtomKind::CRASH,
                                             m_prepared.node_of(v[1]),
                                             {},
                                             static_cast<std::int32_t>(m_g.values.as_int(v[2]))};
                }
            }
            if (m_program.clock.valid()) {
                for (eval::TupleId id : m_g.db.tuples(m_program.clock, t)) {
                    auto v = m_g.db.values(id);
                    m_g.atoms[id.index()] = {AtomKind::CLOCK, m_prepared.node_of(v[0]),
                                             m_prepared.node_of(v[1]), t};
                }
            }
        }
    }

    void add_firing(const eval::Firing& f, const std::vector<Channel>& channels) {
        GroundInstance inst{f.rule, f.head, {}, std::nullopt, f.group};
        const std::int32_t now = eval_time(f.rule, m_g.db.time(f.head));
        inst.body = body(f.body, f.negated, now);
        if (f.message) inst.channel = channels[*f.message];
        m_g.instances.push_back(std::move(inst));
    }

    /// Adds a may-mode aggregate group; an empty string, or why the encoding cannot take it.
    std::string add_group(const eval::AggregateGroup& group) {
        const analysis::CheckedRule& rule = m_program.rule(group.rule);
        if (!group.unsupported.empty()) return group.unsupported + " in `" + rule.text + "`";
        GroundGroup out{group.rule, *rule.head[group.column].aggregate, group.column, {}};
        for (const auto& row : group.rows) {
            if (rule.suffix == analysis::TimeSuffix::ASYNC && row.from != group.rows.front().from) {
                return "an @async aggregate whose rows have different senders in `" + rule.text + "`";
            }
            out.rows.push_back({row.value, body(row.body, row.negated, group.time)});
        }
        m_g.groups.push_back(std::move(out));
        return {};
    }

private:
    /// The time a rule's body was evaluated at, given its head's time.
    std::int32_t eval_time(RuleId rule, std::int32_t head_time) const {
        return m_program.rule(rule).suffix == analysis::TimeSuffix::NONE ? head_time : head_time - 1;
    }

    GroundBody body(const std::vector<eval::TupleId>& positive, const std::vector<eval::NegatedAtom>& negated,
                    std::int32_t now) {
        GroundBody out{positive, {}};
        for (const eval::NegatedAtom& n : negated) out.negations.push_back(negation(n, now));
        return out;
    }

    /// The index of the negation of `atom` read at `now`: the atoms that may match it (at a later
    /// time than `now` only facts are visible, as in the evaluator).
    std::uint32_t negation(const eval::NegatedAtom& atom, std::int32_t now) {
        const bool facts_only = atom.time > now;
        auto key = std::make_tuple(atom.rel.value, atom.time, facts_only, atom.values);
        auto [it, fresh] =
            m_negations.emplace(std::move(key), static_cast<std::uint32_t>(m_g.negations.size()));
        if (!fresh) return it->second;
        GroundNegation neg;
        if (atom.time >= 1 && atom.time <= m_g.db.eot()) {
            for (eval::TupleId id : m_g.db.tuples(atom.rel, atom.time)) {
                if (facts_only && m_g.atoms[id.index()].kind != AtomKind::FACT) continue;
                if (matches(m_g.db.values(id), atom.values)) neg.blockers.push_back(id);
            }
        }
        m_g.negations.push_back(std::move(neg));
        return it->second;
    }

    static bool matches(std::span<const ValueId> tuple, const std::vector<ValueId>& pattern) {
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            if (pattern[i].valid() && pattern[i] != tuple[i]) return false;
        }
        return true;
    }

    const analysis::CheckedProgram& m_program;
    const eval::PreparedProgram& m_prepared;
    Grounding& m_g;
    std::map<std::tuple<std::uint32_t, std::int32_t, bool, std::vector<ValueId>>, std::uint32_t> m_negations;
};

std::string too_large(std::uint64_t limit, std::uint64_t reached, std::int32_t t) {
    return "the grounding exceeds --max-ground " + std::to_string(limit) + " (" + std::to_string(reached) +
           " rule instances by time " + std::to_string(t) + ")";
}

}  // namespace

GroundingResult ground(const analysis::CheckedProgram& program, const FaultSpace& space,
                       const GroundingLimits& limits) {
    const std::int32_t eot = space.model().bounds().eot;
    std::vector<std::uint32_t> arities;
    for (const auto& rel : program.relations) arities.push_back(rel.arity);
    Grounding g{ValueTable{}, eval::Database(arities, eot), {}, {}, {}, {}, {}};
    eval::PreparedProgram prepared(program, space.model().nodes(), g.values);
    for (std::int64_t t = 0; t <= eot + 1; ++t) g.values.intern_int(t);
    for (std::uint32_t n = 0; n < space.model().nodes().size(); ++n)
        g.nodes.push_back(prepared.node_value(NodeId{n}));
    std::vector<eval::Firing> firings;
    MayRouter router(prepared);
    GroundingResult result;
    try {
        eval::Evaluator ev(
            prepared, g.db, g.values, firings,
            eval::EvalOptions{.provenance = true,
                              // every derived atom has an instance of its own
                              .max_tuples = std::min(limits.max_tuples, 2 * limits.max_instances),
                              .max_probes = limits.max_instances * 64,
                              .may = true});
        for (const auto& fact : prepared.facts()) ev.load(fact.rel, fact.time, fact.values);
        for (std::int32_t t = 1; t <= eot; ++t) {
            load_may_builtins(program, prepared, space, g.values, ev, t);
            ev.evaluate(t);
            ev.advance(t, router);
            if (firings.size() > limits.max_instances) {
                return {std::nullopt, too_large(limits.max_instances, firings.size(), t), true};
            }
        }
        Builder builder(program, prepared, g);
        builder.classify_atoms();
        for (const eval::AggregateGroup& group : ev.aggregate_groups()) {
            if (std::string why = builder.add_group(group); !why.empty()) return {std::nullopt, why, false};
        }
        for (const eval::Firing& f : firings) builder.add_firing(f, router.channels);
    } catch (const ResourceError& e) {
        const std::string what = e.what();
        if (2 * limits.max_instances < limits.max_tuples && what.starts_with("tuple limit")) {
            return {std::nullopt,
                    "the grounding exceeds --max-ground " + std::to_string(limits.max_instances) + " (more than " +
                        std::to_string(2 * limits.max_instances) + " ground atoms)",
                    true};
        }
        return {std::nullopt, "grounding stopped: " + what, true};
    }
    if (g.rule_instances() > limits.max_instances) {
        return {std::nullopt, too_large(limits.max_instances, g.rule_instances(), eot), true};
    }
    result.grounding.emplace(std::move(g));
    return result;
}

}  // namespace ldfi::sim
