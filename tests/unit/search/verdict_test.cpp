// The verdict comparison of the fuzz target fuzz_verdict (tests/support/verdict_compare.hpp) over
// a fixed set of seeded programs: exhaustive, symbolic, auto, ldfi and random against the truth
// of every fault set, within what docs/algorithm.md allows (docs/reliability.md, "Verdict
// fuzzing"). LDFI_VERDICT_SEEDS=N LDFI_VERDICT_FIRST_SEED=M compare other programs.
#include <gtest/gtest.h>

#include <iostream>
#include <map>

#include "program_text.hpp"
#include "verdict_cases.hpp"

namespace ldfi::test {
namespace {

TEST(VerdictComparison, EveryStrategyAgreesWithTheTruthOnRandomPrograms) {
    const std::uint32_t first = env_count("LDFI_VERDICT_FIRST_SEED", 1);
    const std::uint32_t seeds = env_count("LDFI_VERDICT_SEEDS", 120);
    std::string failures;
    std::size_t compared = 0, comparisons = 0, fault_sets = 0, with_counterexample = 0, grounded = 0;
    std::map<std::string, std::size_t> skipped;
    std::size_t allowed = 0;
    for (std::uint32_t seed = first; seed < first + seeds; ++seed) {
        const VerdictCase c = verdict_case(seed);
        const VerdictComparison r = compare_verdicts(c);
        if (!r.problems.empty()) failures += describe(c, r) + "\n";
        if (!r.skipped.empty()) {
            ++skipped[r.skipped];
            continue;
        }
        ++compared;
        comparisons += r.comparisons;
        fault_sets += r.fault_sets;
        with_counterexample += r.counterexample;
        grounded += r.grounded;
        allowed += !r.allowed.empty();
        if (!r.allowed.empty() && std::getenv("LDFI_VERDICT_VERBOSE")) std::cout << describe(c, r) << "\n";
    }
    std::cout << "verdict comparison: " << compared << " programs compared (" << with_counterexample
              << " with a counterexample, " << grounded << " grounded, " << allowed
              << " with an allowed divergence), " << comparisons << " comparisons, " << fault_sets
              << " fault sets simulated\n";
    for (const auto& [why, n] : skipped) std::cout << "  skipped " << n << ": " << why << "\n";
    EXPECT_EQ(failures, "");
    if (seeds >= 40) {
        EXPECT_GT(compared, seeds * 9 / 10);
        EXPECT_GT(with_counterexample, compared / 10);
        EXPECT_LT(with_counterexample, compared * 9 / 10);
        EXPECT_GT(grounded, compared / 2);
    }
}

}  // namespace
}  // namespace ldfi::test
