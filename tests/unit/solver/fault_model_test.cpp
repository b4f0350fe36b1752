// FaultModel and FailureSpec: enumeration, violations, delivery, text forms.
#include "ldfi/sim/fault_model.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace ldfi::sim {
namespace {

const NodeId A(0), B(1), C(2);

FaultModel model_abc(std::int32_t max_crashes = 1) {
    return FaultModel({"a", "b", "c"}, {4, 3, max_crashes});
}

TEST(FaultModel, ReportsViolations) {
    const FaultModel m = model_abc();
    FailureSpec ok;
    ok.add(Omission{A, B, 2});
    ok.add(Crash{C, 3});
    EXPECT_EQ(m.violation(ok), std::nullopt);
    FailureSpec self;
    self.omissions.push_back({A, A, 1});
    EXPECT_NE(m.violation(self), std::nullopt);
    FailureSpec late;
    late.add(Omission{A, B, 3});
    EXPECT_NE(m.violation(late)->find("1..2"), std::string::npos);
    FailureSpec crash_late;
    crash_late.add(Crash{A, 4});
    EXPECT_NE(m.violation(crash_late), std::nullopt);
    FailureSpec two;
    two.add(Crash{A, 1});
    two.add(Crash{B, 1});
    EXPECT_NE(m.violation(two)->find("at most 1"), std::string::npos);
    FailureSpec unknown;
    unknown.add(Crash{NodeId(7), 1});
    EXPECT_NE(m.violation(unknown), std::nullopt);
}

TEST(FaultModel, DeliversMessages) {
    FailureSpec spec;
    spec.add(Omission{A, B, 1});
    spec.add(Crash{C, 2});
    EXPECT_EQ(FaultModel::deliver(spec, A, B, 1), Delivery::OMITTED);
    EXPECT_EQ(FaultModel::deliver(spec, A, B, 2), Delivery::DELIVERED);
    EXPECT_EQ(FaultModel::deliver(spec, B, A, 1), Delivery::DELIVERED);
    EXPECT_EQ(FaultModel::deliver(spec, C, A, 1), Delivery::DELIVERED);
    EXPECT_EQ(FaultModel::deliver(spec, C, A, 2), Delivery::SENDER_CRASHED);
    EXPECT_EQ(FaultModel::deliver(spec, C, C, 3), Delivery::DELIVERED);  // self-sends survive a crash
    EXPECT_EQ(FaultModel::deliver(spec, A, A, 1), Delivery::DELIVERED);
    FailureSpec self;
    self.omissions.push_back({A, A, 1});  // not normalised away, but a self-send is never lost
    EXPECT_EQ(FaultModel::deliver(self, A, A, 1), Delivery::DELIVERED);
}

TEST(FailureSpec, StaysNormalised) {
    FailureSpec spec;
    spec.add(Omission{B, A, 1});
    spec.add(Omission{A, B, 1});
    spec.add(Omission{B, A, 1});
    spec.add(Crash{C, 3});
    spec.add(Crash{C, 2});
    spec.add(Crash{A, 3});
    EXPECT_EQ(spec.omissions, (std::vector<Omission>{{A, B, 1}, {B, A, 1}}));
    EXPECT_EQ(spec.crashes, (std::vector<Crash>{{A, 3}, {C, 2}}));
    EXPECT_EQ(spec.crash_time(C), 2);
    EXPECT_EQ(spec.crash_time(B), std::nullopt);
    EXPECT_TRUE(spec.omits(B, A, 1));
    EXPECT_FALSE(spec.omits(A, C, 1));
    ASSERT_EQ(spec.faults().size(), 4u);
    EXPECT_TRUE(std::holds_alternative<Crash>(spec.faults().front()));
}

// An omission from a sender that crashed at or before the send changes nothing: fault sets with
// one are not canonical (FaultSpace::canonical), and the search never proposes them.
TEST(FaultModel, AnOmissionIsSubsumedByACrashOfItsSenderAtOrBeforeTheSend) {
    EXPECT_TRUE(FaultModel::subsumed(Omission{A, B, 2}, Crash{A, 2}));
    EXPECT_TRUE(FaultModel::subsumed(Omission{A, B, 3}, Crash{A, 1}));
    EXPECT_FALSE(FaultModel::subsumed(Omission{A, B, 1}, Crash{A, 2}));  // sent before the crash
    EXPECT_FALSE(FaultModel::subsumed(Omission{B, A, 3}, Crash{A, 1}));  // the receiver crashed
}

TEST(FaultModel, FormatsAndParses) {
    const FaultModel m = model_abc();
    FailureSpec spec;
    EXPECT_EQ(m.format(spec), "none");
    spec.add(Omission{A, B, 1});
    spec.add(Crash{B, 2});
    EXPECT_EQ(m.format(spec), "crash b@2, omit a->b@1");
    std::string error;
    EXPECT_EQ(m.parse_omission("a->b@1", error), (Omission{A, B, 1}));
    EXPECT_EQ(m.parse_crash("b@2", error), (Crash{B, 2}));
    for (const Fault& f : spec.faults()) {
        const std::string text = m.format(f);
        if (const auto* o = std::get_if<Omission>(&f)) {
            EXPECT_EQ(m.parse_omission(text.substr(5), error), *o);
        } else {
            EXPECT_EQ(m.parse_crash(text.substr(6), error), std::get<Crash>(f));
        }
    }
}

TEST(FaultModel, ParseErrorsAreClear) {
    const FaultModel m = model_abc();
    std::string error;
    EXPECT_EQ(m.parse_omission("a->x@1", error), std::nullopt);
    EXPECT_NE(error.find("unknown node 'x'"), std::string::npos);
    EXPECT_NE(error.find("a, b, c"), std::string::npos);
    EXPECT_EQ(m.parse_crash("z@1", error), std::nullopt);
    EXPECT_NE(error.find("nodes: a, b, c"), std::string::npos);
    EXPECT_EQ(m.parse_omission("a-b@1", error), std::nullopt);
    EXPECT_NE(error.find("FROM->TO@TIME"), std::string::npos);
    EXPECT_EQ(m.parse_crash("b", error), std::nullopt);
    EXPECT_NE(error.find("NAME@TIME"), std::string::npos);
    EXPECT_EQ(m.parse_crash("b@x", error), std::nullopt);
    EXPECT_EQ(m.parse_crash("b@", error), std::nullopt);
    EXPECT_EQ(m.parse_omission("a->b@1x", error), std::nullopt);
    EXPECT_NE(error.find("integer"), std::string::npos);
}

}  // namespace
}  // namespace ldfi::sim
