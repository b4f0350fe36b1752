// libFuzzer target: bytes -> a spec (parse, analyse) -> the simulator on small bounds -> oracles,
// and the symbolic engine's grounding, whose own verdict must match the simulator's.
// Expected failures (diagnostics, a tuple or join work limit) are fine; a crash, UB, a leak, a
// hang or any other exception (InternalError included) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "ldfi/analysis/analyze.hpp"
#include "ldfi/dedalus/parser.hpp"
#include "ldfi/sim/ground_evaluator.hpp"
#include "ldfi/sim/oracle.hpp"
#include "ldfi/sim/run.hpp"
#include "ldfi/util/error.hpp"

namespace {

using namespace ldfi;

// Small bounds, chosen from the input's length so that every input has one fixed configuration:
// 2 or 3 nodes, EOT 1..4, and a tuple limit well below what would slow the fuzzer down.
sim::FaultModel small_model(std::size_t size) {
    std::vector<std::string> nodes = {"a", "b"};
    if (size % 2 == 1) nodes.emplace_back("c");
    const auto eot = static_cast<std::int32_t>(1 + (size / 2) % 4);
    return sim::FaultModel(nodes, sim::FaultBounds{eot, eot, 1});
}

// One crash and one omission that the model allows (when it allows any).
sim::FailureSpec some_faults(const sim::FaultModel& model) {
    sim::FailureSpec faults;
    const std::int32_t eot = model.bounds().eot;
    if (eot > 1) faults.add(sim::Omission{NodeId(0), NodeId(1), 1});
    if (eot > 2)
        faults.add(sim::Crash{NodeId(static_cast<std::uint32_t>(model.nodes().size() - 1)), eot - 1});
    return faults;
}

// Work limits per run. The tuple limit alone lets a join enumerate millions of bindings that a
// comparison then rejects (`none(N) :- n(N, X), n(N, Y), n(N, Z), X + Y + Z < 0`): seconds per
// input. The join work limit bounds every input's work by a count, not by the clock, so a
// loaded machine gives the same result.
constexpr std::uint64_t MAX_TUPLES = 20'000;
constexpr std::uint64_t MAX_PROBES = 200'000;

// The symbolic engine's grounding, evaluated under the faulty run's faults, must reach the
// simulator's verdict: a difference is a bug, reported by aborting.
void ground_and_compare(const std::shared_ptr<const analysis::CheckedProgram>& program,
                        const sim::FaultModel& model, const sim::Run& faulty) {
    if (!program->pre.valid() || !program->post.valid()) return;
    sim::FaultSpace space(model);
    const auto faults = space.indices_of(faulty.faults);
    sim::GroundingResult g = sim::ground(*program, space, sim::GroundingLimits{3'000, MAX_TUPLES});
    if (!g.grounding || !faults) return;
    sim::GroundEvaluator evaluator(*program, *g.grounding, space, {});
    if (evaluator.violates(*faults) != sim::judge(*program, faulty, sim::OracleKind::IMPLIES).violated) {
        std::fprintf(stderr, "the grounding's verdict differs from the simulator's\n");
        std::abort();
    }
}

void simulate(const std::shared_ptr<const analysis::CheckedProgram>& program, std::size_t size) {
    sim::FaultModel model = small_model(size);
    sim::Simulator simulator(
        program, model,
        sim::RunOptions{.provenance = true, .max_tuples = MAX_TUPLES, .max_probes = MAX_PROBES});
    sim::Run fault_free = simulator.run({});
    (void)sim::judge(*program, fault_free, sim::OracleKind::IMPLIES);
    sim::Run faulty = simulator.run(some_faults(model));
    (void)sim::judge(*program, faulty, sim::OracleKind::MOLLY, &fault_free);
    ground_and_compare(program, model, faulty);
}

// Runs the checked program; a work limit or a fault the model rejects ends the run as expected.
void run_small(const std::shared_ptr<const analysis::CheckedProgram>& program, std::size_t size) {
    try {
        simulate(program, size);
    } catch (const InputError&) {
    } catch (const ResourceError&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    SourceFiles files;
    Diagnostics diags;
    dedalus::Program ast;
    dedalus::parse_text(files.add("fuzz.ded", std::string(reinterpret_cast<const char*>(data), size)), files,
                        ast, diags);
    if (!diags.has_errors()) {  // as `ldfi`: a spec with syntax errors is not analysed
        auto program = std::make_shared<analysis::CheckedProgram>(analysis::analyze(ast, diags));
        if (!diags.has_errors()) run_small(program, size);
    }
    (void)diags.render(files);  // every diagnostic must render (positions, carets)
    return 0;
}
