// Cases for the verdict comparison: a program from one of the two random generators (asynchronous
// protocols with negation, crash reads and counts; the evaluator's differential programs with an
// invariant added), tiny bounds, an oracle and the modes to compare, all drawn from one source
// of choices (a seed in the unit test, the input bytes in the fuzz target).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "choices.hpp"
#include "program_text.hpp"
#include "random_dedalus.hpp"
#include "random_protocol.hpp"
#include "verdict_compare.hpp"

namespace ldfi::test {

/// `c`'s program with `pre(L)` and `post(L)` over two of its relations: the first pair (in an
/// order drawn from `seed`) whose fault-free run (within `options`' work limits) has a `pre` and
/// no violation, so that only faults can break it.
inline std::string with_invariant(const DifferentialCase& c, const sim::FaultModel& m, std::uint32_t seed,
                                  sim::RunOptions options = {.provenance = false}) {
    auto pattern = [](const std::string& rel, std::uint32_t arity) {
        std::string out = rel + "(L";
        for (std::uint32_t i = 1; i < arity; ++i) out += ", _";
        return out + ")";
    };
    const std::size_t n = c.relations.size();
    std::string first;
    for (std::size_t k = 0; k < n * n; ++k) {
        const auto& [pre, pre_arity] = c.relations[(seed + k) % n];
        const auto& [post, post_arity] = c.relations[(seed / 7 + k / n) % n];
        if (pre == post) continue;
        std::string text = c.dedalus + "pre(L) :- " + pattern(pre, pre_arity) + ";\npost(L) :- " +
                           pattern(post, post_arity) + ";\n";
        if (first.empty()) first = text;
        std::string errors;
        auto program = analyze_text(text, errors);
        if (!errors.empty()) return text;  // the comparison reports it
        sim::Simulator simulator(program, m, options);
        try {
            sim::Verdict v = sim::judge(*program, simulator.run({}), sim::OracleKind::IMPLIES);
            if (v.pre_count > 0 && !v.violated) return text;
        } catch (const ResourceError&) {
            return text;  // the comparison skips it at the same limit
        }
    }
    return first;
}

/// The bounds, made smaller (EFF first, then crashes, then EOT) until the fault space holds at
/// most `max_sets` valid fault sets: each case simulates every one of them.
inline sim::FaultBounds fit_bounds(const std::vector<std::string>& nodes, sim::FaultBounds b,
                                   std::uint64_t max_sets) {
    auto sets = [&] {
        const std::string n = sim::FaultSpace(sim::FaultModel(nodes, b)).count_valid_sets();
        return n.size() > 18 ? UINT64_MAX : std::stoull(n);
    };
    while (sets() > max_sets) {
        if (b.eff > 1) {
            --b.eff;
        } else if (b.max_crashes > 0) {
            --b.max_crashes;
        } else if (b.eot > 2) {
            --b.eot;
        } else {
            break;
        }
    }
    return b;
}

/// A case drawn from `choices`: the modes first, then the program (the rest of the choices).
inline VerdictCase verdict_case(Choices choices, const VerdictLimits& limits = {}) {
    VerdictCase c;
    const int kind = choices.pick(0, 9);
    c.oracle = choices.pick(0, 4) == 0 ? sim::OracleKind::MOLLY : sim::OracleKind::IMPLIES;
    c.all = choices.pick(0, 2) == 0;
    const std::array<std::optional<std::uint64_t>, 3> budgets{std::nullopt, 0, 300};
    c.ldfi_budget = budgets[static_cast<std::size_t>(choices.pick(0, 2))];
    c.symbolic_all_z3 = choices.pick(0, 1) == 1;
    c.random_seed = static_cast<std::uint64_t>(choices.pick(1, 1000));
    if (choices.pick(0, 7) == 0) c.max_ground = 30;  // auto falls back
    const sim::FaultBounds wanted{choices.pick(2, 4), choices.pick(1, 3), choices.pick(0, 2)};
    const auto pair = static_cast<std::uint32_t>(choices.pick(0, 999));
    if (kind < 6) {
        RandomProtocol p = RandomProtocolGen(std::move(choices), kind % 2 == 1, kind >= 4).build();
        c.text = std::string(NODES) + p.text;
        c.nodes = p.nodes;
        c.bounds = {p.eot, p.eff, p.crashes};
        c.origin = std::string("RandomProtocolGen") + (kind % 2 == 1 ? ", negation-heavy" : "") +
                   (kind >= 4 ? ", aggregates" : "");
    } else {
        DifferentialCase d = RandomDedalus(std::move(choices)).build();
        c.nodes = d.nodes;
        c.bounds = {std::min(d.eot, wanted.eot), std::min(wanted.eff, wanted.eot), wanted.max_crashes};
        c.text = with_invariant(d, sim::FaultModel(c.nodes, c.bounds), pair, limits.run_options());
        c.origin = "RandomDedalus";
    }
    c.bounds = fit_bounds(c.nodes, c.bounds, limits.max_sets);
    return c;
}

/// The case of a seed (the unit test's programs; LDFI_VERDICT_SEED reruns one).
inline VerdictCase verdict_case(std::uint32_t seed, const VerdictLimits& limits = {}) {
    VerdictCase c = verdict_case(Choices(seed), limits);
    c.origin += ", seed " + std::to_string(seed);
    return c;
}

}  // namespace ldfi::test
