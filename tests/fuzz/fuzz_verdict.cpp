// libFuzzer target: bytes -> a small program with negation, aggregates, crash reads and messages
// (the random generators of tests/support, each choice steered by the next input byte) and tiny
// bounds -> checked with every strategy, each answer held to the truth of every fault set
// (tests/support/verdict_compare.hpp, shared with the unit test VerdictComparison.*). A
// disagreement that docs/algorithm.md does not allow aborts with the program, the bounds and every
// engine's answer. Work per input is bounded by counts: VerdictLimits' fault sets per program,
// tuples and join work per run, and the case's --max-ground.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "verdict_cases.hpp"

namespace {

using namespace ldfi::test;

// What the fuzzer compared, printed when it exits (docs/reliability.md's figures).
struct Totals {
    std::size_t inputs = 0, compared = 0, skipped = 0, comparisons = 0, fault_sets = 0, allowed = 0;
    std::size_t grounded = 0, with_counterexample = 0;

    void add(const VerdictComparison& r) {
        ++inputs;
        if (!r.skipped.empty()) {
            ++skipped;
            return;
        }
        ++compared;
        comparisons += r.comparisons;
        fault_sets += r.fault_sets;
        allowed += !r.allowed.empty();
        grounded += r.grounded;
        with_counterexample += r.counterexample;
    }

    ~Totals() {
        std::fprintf(
            stderr,
            "fuzz_verdict: %zu inputs, %zu programs compared (%zu with a counterexample, %zu grounded, "
            "%zu with an allowed divergence), %zu skipped at a work limit, %zu comparisons, %zu fault "
            "sets simulated\n",
            inputs, compared, with_counterexample, grounded, allowed, skipped, comparisons, fault_sets);
    }
};

Totals totals;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    VerdictCase c = verdict_case(Choices(data, size));
    c.origin += " from " + std::to_string(size) + " input bytes";
    const VerdictComparison r = compare_verdicts(c);
    totals.add(r);
    if (!r.problems.empty()) {
        std::fprintf(stderr,
                     "fuzz_verdict: the engines disagree in a way docs/algorithm.md does not allow\n%s\n",
                     describe(c, r).c_str());
        std::abort();
    }
    return 0;
}
