// Formula: hash-consing, constant folding, open disjunctions, evaluation.
#include "ldfi/solver/formula.hpp"

#include <gtest/gtest.h>

#include "ldfi/util/error.hpp"

namespace ldfi::solver {
namespace {

const NodeId A(0), B(1), C(2);

TEST(Formula, HashConsesLeavesAndJunctions) {
    Formula f;
    EXPECT_EQ(f.omit({A, B, 1}), f.omit({A, B, 1}));
    EXPECT_NE(f.omit({A, B, 1}), f.omit({B, A, 1}));
    EXPECT_EQ(f.crash({A, 2}), f.crash({A, 2}));
    EXPECT_NE(f.crash({A, 2}), f.down(A, 2));
    const FormulaId x = f.negate(f.omit({A, B, 1}));
    const FormulaId y = f.negate(f.down(C, 1));
    EXPECT_EQ(f.conj({x, y}), f.conj({y, x, y}));
    EXPECT_EQ(f.disj({x, y}), f.disj({y, x}));
    EXPECT_NE(f.conj({x, y}), f.disj({x, y}));
    EXPECT_EQ(f.node(f.conj({y, x})).children, (std::vector<FormulaId>{std::min(x, y), std::max(x, y)}));
}

TEST(Formula, FoldsConstants) {
    Formula f;
    const FormulaId t = f.constant(true), n = f.constant(false);
    const FormulaId x = f.omit({A, B, 1});
    EXPECT_EQ(f.conj({}), t);
    EXPECT_EQ(f.disj({}), n);
    EXPECT_EQ(f.conj({x, n}), n);
    EXPECT_EQ(f.conj({x, t}), x);
    EXPECT_EQ(f.disj({x, t}), t);
    EXPECT_EQ(f.disj({x, n}), x);
    EXPECT_EQ(f.conj({x, x}), x);
    EXPECT_EQ(f.negate(t), n);
    EXPECT_EQ(f.negate(n), t);
    EXPECT_EQ(f.negate(f.negate(x)), x);
}

TEST(Formula, EvaluatesUnderAFailureSpec) {
    Formula f;
    sim::FailureSpec spec;
    spec.add(sim::Omission{A, B, 1});
    spec.add(sim::Crash{C, 2});
    EXPECT_TRUE(f.eval(f.omit({A, B, 1}), spec));
    EXPECT_FALSE(f.eval(f.omit({A, B, 2}), spec));
    EXPECT_TRUE(f.eval(f.crash({C, 2}), spec));
    EXPECT_FALSE(f.eval(f.crash({C, 1}), spec));
    EXPECT_FALSE(f.eval(f.down(C, 1), spec));
    EXPECT_TRUE(f.eval(f.down(C, 2), spec));
    EXPECT_TRUE(f.eval(f.down(C, 3), spec));
    EXPECT_FALSE(f.eval(f.down(A, 3), spec));
    const FormulaId path = f.conj({f.negate(f.omit({A, C, 1})), f.negate(f.down(A, 1))});
    EXPECT_TRUE(f.eval(path, spec));
    EXPECT_FALSE(f.eval(f.conj({path, f.negate(f.omit({A, B, 1}))}), spec));
    EXPECT_TRUE(f.eval(f.disj({f.negate(f.omit({A, B, 1})), path}), spec));
}

TEST(Formula, OpenDisjunctionGrows) {
    Formula f;
    const FormulaId goal = f.open_disj();
    const sim::FailureSpec none;
    EXPECT_FALSE(f.eval(goal, none));
    f.extend(goal, f.negate(f.omit({A, B, 1})));
    EXPECT_TRUE(f.eval(goal, none));
    EXPECT_NE(f.open_disj(), f.open_disj());  // never hash-consed
    EXPECT_EQ(f.extension_log(), std::vector<FormulaId>{goal});
}

// "This tuple is lost" is the negation of its open disjunction, and keeps up as it grows.
TEST(Formula, NegatedOpenDisjunctionFollowsItsGrowth) {
    Formula f;
    const FormulaId tuple = f.open_disj();
    const FormulaId lost = f.negate(tuple);
    EXPECT_EQ(f.negate(lost), tuple);
    const sim::FailureSpec none;
    EXPECT_TRUE(f.eval(lost, none));
    f.extend(tuple, f.negate(f.omit({A, B, 1})));
    EXPECT_FALSE(f.eval(lost, none));
}

// Lineage merged from two runs can make a cycle (s derived from t in one, t from s in the
// other); evaluation terminates and gets this simple case right.
TEST(Formula, EvaluatesACycleOfOpenNodes) {
    Formula f;
    const FormulaId s = f.open_disj();
    const FormulaId t = f.open_disj();
    f.extend(s, t);
    f.extend(t, s);
    const sim::FailureSpec none;
    EXPECT_FALSE(f.eval(s, none));
    f.extend(t, f.negate(f.omit({A, B, 1})));
    EXPECT_TRUE(f.eval(s, none));
    sim::FailureSpec lost;
    lost.add(sim::Omission{A, B, 1});
    EXPECT_FALSE(f.eval(s, lost));
}

// Every node of a cycle gets its least-fixpoint value, not only the one evaluation entered it by:
// t is derived from s alone, so it holds exactly when s does. (Cutting the cycle where it was
// entered would fix t at false while s is still being evaluated, and so make r false.)
TEST(Formula, EveryNodeOfACycleGetsItsLeastFixpoint) {
    Formula f;
    const FormulaId s = f.open_disj();
    const FormulaId t = f.open_disj();
    const FormulaId delivered = f.negate(f.omit({A, B, 1}));
    f.extend(s, t);
    f.extend(s, delivered);
    f.extend(t, s);
    const FormulaId r = f.conj({s, t});
    EXPECT_TRUE(f.eval(r, sim::FailureSpec{}));
    sim::FailureSpec lost;
    lost.add(sim::Omission{A, B, 1});
    EXPECT_FALSE(f.eval(r, lost));
}

TEST(Formula, RejectsMisuseOfOpenNodes) {
    Formula f;
    const FormulaId goal = f.open_disj();
    EXPECT_THROW(f.extend(f.omit({A, B, 1}), goal), InternalError);
    EXPECT_THROW(f.extend(goal, goal), InternalError);
}

}  // namespace
}  // namespace ldfi::solver
