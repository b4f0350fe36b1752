// Hand-built hypothesis generator cases, run against both backends.
#include <gtest/gtest.h>

#include "generator_support.hpp"
#include "ldfi/util/error.hpp"

namespace ldfi::solver {
namespace {

using sim::Crash;
using sim::FailureSpec;
using sim::Omission;
using testing::drain;
using testing::sorted;
using testing::spec_of;

const NodeId A(0), B(1), C(2);

class Generator : public ::testing::TestWithParam<Backend> {
protected:
    Generator() : formula(std::make_shared<Formula>()) {}

    HypothesisGenerator make(sim::FaultBounds bounds) {
        model.emplace(std::vector<std::string>{"a", "b", "c"}, bounds);
        return HypothesisGenerator(*model, formula, GeneratorOptions{GetParam(), "", 0});
    }
    FormulaId sent(NodeId from, NodeId to, std::int32_t t) { return formula->negate(formula->omit({from, to, t})); }
    FormulaId up(NodeId n, std::int32_t t) { return formula->negate(formula->down(n, t)); }

    std::shared_ptr<Formula> formula;
    std::optional<sim::FaultModel> model;
};

TEST_P(Generator, SingleMessageGoalIsCutByItsOmission) {
    auto gen = make({3, 2, 0});
    gen.add_goal(sent(A, B, 1));
    EXPECT_EQ(drain(gen), std::vector<FailureSpec>{spec_of({Omission{A, B, 1}})});
    EXPECT_EQ(gen.next(), std::nullopt);
    EXPECT_EQ(gen.stats().hypotheses, 1u);
}

// EFF 1 and no crashes: there is no fault variable at all (a regression: Z3 rejected the empty
// cardinality constraint). Only the empty set can be a hypothesis.
TEST_P(Generator, NoFaultVariablesAtAll) {
    auto gen = make({3, 1, 0});
    gen.add_goal(sent(A, B, 1));
    EXPECT_EQ(drain(gen), std::vector<FailureSpec>{});
}

TEST_P(Generator, NoFaultVariablesAndAnUnderivableGoal) {
    auto gen = make({3, 0, 0});
    gen.add_goal(formula->constant(false));
    EXPECT_EQ(drain(gen), std::vector<FailureSpec>{FailureSpec{}});
}

TEST_P(Generator, RedundantPathsNeedPairs) {
    auto gen = make({4, 3, 0});
    const FormulaId relay = formula->conj({sent(A, C, 1), sent(C, B, 2)});
    gen.add_goal(formula->disj({sent(A, B, 1), relay}));
    const auto found = drain(gen);
    EXPECT_EQ(sorted(found), sorted({spec_of({Omission{A, B, 1}, Omission{A, C, 1}}),
                                     spec_of({Omission{A, B, 1}, Omission{C, B, 2}})}));
}

TEST_P(Generator, CrashDependentPathsUseDown) {
    auto gen = make({4, 2, 1});
    const FormulaId via_a = formula->conj({sent(A, B, 1), up(A, 1)});
    const FormulaId via_c = formula->conj({sent(C, B, 1), up(C, 1)});
    gen.add_goal(formula->disj({via_a, via_c}));
    const auto found = drain(gen);
    EXPECT_EQ(sorted(found), sorted({spec_of({Omission{A, B, 1}, Omission{C, B, 1}}),
                                     spec_of({Crash{A, 1}, Omission{C, B, 1}}),
                                     spec_of({Omission{A, B, 1}, Crash{C, 1}})}));
}

TEST_P(Generator, LaterCrashesDoNotCutAnEarlierMessage) {
    auto gen = make({4, 2, 1});
    gen.add_goal(formula->conj({sent(A, B, 1), up(A, 1)}));
    EXPECT_EQ(sorted(drain(gen)), sorted({spec_of({Omission{A, B, 1}}), spec_of({Crash{A, 1}})}));
}

TEST_P(Generator, GoalRequiringACrash) {
    auto gen = make({4, 2, 1});
    const FormulaId needs_crash = formula->conj({formula->crash({B, 2}), sent(C, B, 1)});
    gen.add_goal(formula->disj({sent(A, B, 1), needs_crash}));
    EXPECT_EQ(drain(gen), std::vector<FailureSpec>{spec_of({Omission{A, B, 1}})});
}

// Once `crash a@1` was tested, the next round's minimal hypotheses are supersets of it; adding
// the omission of a message a sends at 2 would run exactly the same execution, so it is never
// proposed (the fault set is not canonical).
TEST_P(Generator, NeverProposesAnOmissionFromACrashedSender) {
    auto gen = make({4, 3, 1});
    gen.add_goal(formula->conj({sent(A, B, 2), up(A, 2)}));
    EXPECT_EQ(sorted(drain(gen)), sorted({spec_of({Omission{A, B, 2}}), spec_of({Crash{A, 1}}),
                                          spec_of({Crash{A, 2}})}));
    gen.exclude(spec_of({Crash{A, 1}}));
    gen.next_round();
    for (const FailureSpec& h : drain(gen)) EXPECT_TRUE(sim::FaultModel::is_canonical(h)) << model->format(h);
}

TEST_P(Generator, UnderivedGoalGivesTheEmptyHypothesis) {
    auto gen = make({4, 2, 1});
    gen.add_goal(formula->crash({B, 2}));
    EXPECT_EQ(drain(gen), std::vector<FailureSpec>{FailureSpec{}});
}

TEST_P(Generator, NoGoalsOrFactsGiveNothing) {
    auto gen = make({4, 2, 1});
    EXPECT_EQ(gen.next(), std::nullopt);
    gen.add_goal(formula->constant(true));
    gen.next_round();
    EXPECT_EQ(gen.next(), std::nullopt);
}

TEST_P(Generator, ExtendAcrossRoundsRemovesCutHypotheses) {
    auto gen = make({4, 3, 0});
    const FormulaId goal = formula->open_disj();
    const FormulaId tuple = formula->open_disj();  // an intermediate tuple, also still growing
    formula->extend(tuple, sent(A, C, 1));
    formula->extend(goal, sent(A, B, 1));
    gen.add_goal(goal);
    EXPECT_EQ(drain(gen), std::vector<FailureSpec>{spec_of({Omission{A, B, 1}})});

    formula->extend(goal, formula->conj({tuple, sent(C, B, 2)}));
    gen.next_round();
    EXPECT_EQ(sorted(drain(gen)), sorted({spec_of({Omission{A, B, 1}, Omission{A, C, 1}}),
                                          spec_of({Omission{A, B, 1}, Omission{C, B, 2}})}));

    formula->extend(tuple, sent(A, C, 2));  // extends a node the solver has already encoded
    gen.next_round();
    EXPECT_EQ(sorted(drain(gen)), sorted({spec_of({Omission{A, B, 1}, Omission{A, C, 1}, Omission{A, C, 2}}),
                                          spec_of({Omission{A, B, 1}, Omission{C, B, 2}})}));
}

// A firing that needs `notin p` breaks when the support tuple s of p is lost, i.e. when every
// known derivation of s is broken: s's open disjunction under two negations. Learning another
// derivation of s later makes cutting s cost more.
TEST_P(Generator, LosingANegationsSupportNeedsEveryKnownDerivationCut) {
    auto gen = make({4, 3, 0});
    const FormulaId support = formula->open_disj();
    formula->extend(support, sent(A, C, 1));
    const FormulaId flip = formula->negate(support);  // p(v) may appear once s is lost
    const FormulaId goal = formula->open_disj();
    formula->extend(goal, formula->conj({sent(A, B, 1), formula->negate(flip)}));
    gen.add_goal(goal);
    EXPECT_EQ(sorted(drain(gen)), sorted({spec_of({Omission{A, B, 1}}), spec_of({Omission{A, C, 1}})}));

    formula->extend(support, sent(A, C, 2));
    gen.next_round();
    EXPECT_EQ(sorted(drain(gen)), sorted({spec_of({Omission{A, B, 1}}),
                                          spec_of({Omission{A, C, 1}, Omission{A, C, 2}})}));
}

TEST_P(Generator, GoalsAccumulateAcrossRounds) {
    auto gen = make({3, 2, 0});
    gen.add_goal(sent(A, B, 1));
    EXPECT_EQ(drain(gen).size(), 1u);
    gen.add_goal(sent(B, C, 1));
    gen.next_round();
    EXPECT_EQ(sorted(drain(gen)), sorted({spec_of({Omission{A, B, 1}}), spec_of({Omission{B, C, 1}})}));
}

TEST_P(Generator, ExcludeForbidsExactlyThatSet) {
    auto gen = make({3, 2, 0});
    gen.add_goal(sent(A, B, 1));
    const auto first = drain(gen);
    ASSERT_EQ(first.size(), 1u);
    gen.exclude(first.front());
    gen.next_round();
    const auto second = drain(gen);
    EXPECT_EQ(second.size(), 5u);  // {a->b@1, x} for each of the 5 other omissions
    for (const FailureSpec& h : second) {
        EXPECT_EQ(h.size(), 2u);
        EXPECT_TRUE(h.omits(A, B, 1));
    }
}

TEST_P(Generator, ForbidSupersetsHoldsAcrossRounds) {
    auto gen = make({3, 2, 0});
    gen.add_goal(formula->disj({sent(A, B, 1), sent(A, C, 1)}));
    gen.add_goal(sent(B, C, 1));
    EXPECT_EQ(sorted(drain(gen)), sorted({spec_of({Omission{B, C, 1}}),
                                          spec_of({Omission{A, B, 1}, Omission{A, C, 1}})}));
    gen.forbid_supersets(spec_of({Omission{B, C, 1}}));
    gen.next_round();
    EXPECT_EQ(drain(gen), std::vector<FailureSpec>{spec_of({Omission{A, B, 1}, Omission{A, C, 1}})});
    gen.next_round();
    EXPECT_EQ(drain(gen).size(), 1u);
}

TEST_P(Generator, IsDeterministic) {
    auto run = [&] {
        auto gen = make({4, 3, 1});
        gen.add_goal(formula->disj({formula->conj({sent(A, B, 1), up(A, 1)}), formula->conj({sent(C, B, 2), up(C, 2)})}));
        gen.add_goal(formula->disj({sent(B, C, 1), sent(B, A, 2)}));
        return drain(gen);
    };
    const auto first = run();
    EXPECT_FALSE(first.empty());
    EXPECT_TRUE(testing::sizes_non_decreasing(first));
    EXPECT_EQ(first, run());
}

INSTANTIATE_TEST_SUITE_P(Backends, Generator, ::testing::Values(Backend::Z3, Backend::BRUTE_FORCE),
                         [](const auto& info) { return info.param == Backend::Z3 ? "Z3" : "BruteForce"; });

}  // namespace
}  // namespace ldfi::solver

namespace ldfi::solver {
namespace {

// --timeout reaches into the solver: every query gets only what is left of the budget, and
// one asked after the budget is spent fails at once (the search then ends "unknown").
// An open disjunction must never be needed to hold (under an odd number of negations): a
// later extend() would weaken what was encoded. The encoder refuses rather than be unsound.
TEST(Z3Generator, RejectsAnOpenDisjunctionUnderOneNegation) {
    auto formula = std::make_shared<Formula>();
    sim::FaultModel model({"a", "b"}, sim::FaultBounds{3, 2, 0});
    HypothesisGenerator gen(model, formula, GeneratorOptions{Backend::Z3, "", 0});
    const FormulaId tuple = formula->open_disj();
    formula->extend(tuple, formula->negate(formula->omit({NodeId(0), NodeId(1), 1})));
    gen.add_goal(formula->negate(tuple));
    EXPECT_THROW((void)gen.next(), InternalError);
}

TEST(Z3Generator, QueriesAfterTheBudgetFailAtOnce) {
    auto formula = std::make_shared<Formula>();
    sim::FaultModel model({"a", "b"}, sim::FaultBounds{3, 2, 0});
    HypothesisGenerator gen(model, formula, GeneratorOptions{Backend::Z3, "", 1e-9});
    gen.add_goal(formula->negate(formula->omit({NodeId(0), NodeId(1), 1})));
    gen.next_round();
    EXPECT_THROW(gen.next(), ResourceError);
}

}  // namespace
}  // namespace ldfi::solver
