// The tuple store: set semantics per (relation, time), insertion order, lookups.
#include <gtest/gtest.h>

#include "ldfi/eval/database.hpp"

namespace ldfi::eval {
namespace {

std::vector<ValueId> ids(std::initializer_list<std::uint32_t> v) {
    std::vector<ValueId> out;
    for (auto x : v) out.emplace_back(x);
    return out;
}

TEST(Database, InsertIsASetPerRelationAndTime) {
    Database db({2, 1}, 5);
    auto [a, fresh_a] = db.insert(RelId{0}, 1, ids({1, 2}));
    auto [b, fresh_b] = db.insert(RelId{0}, 1, ids({1, 2}));
    auto [c, fresh_c] = db.insert(RelId{0}, 2, ids({1, 2}));
    EXPECT_TRUE(fresh_a);
    EXPECT_FALSE(fresh_b);
    EXPECT_EQ(a, b);
    EXPECT_TRUE(fresh_c);
    EXPECT_NE(a, c);
    EXPECT_EQ(db.size(), 2u);
    EXPECT_EQ(db.rel(c), RelId{0});
    EXPECT_EQ(db.time(c), 2);
    EXPECT_EQ(db.values(a)[1], ValueId{2});
}

TEST(Database, KeepsInsertionOrderAcrossGrowth) {
    Database db({1}, 3);
    std::vector<TupleId> inserted;
    for (std::uint32_t i = 0; i < 1000; ++i) inserted.push_back(db.insert(RelId{0}, 3, ids({(i * 7919) % 1000})).first);
    EXPECT_EQ(db.tuples(RelId{0}, 3), inserted);
    for (std::uint32_t i = 0; i < 1000; ++i) {
        auto found = db.find(RelId{0}, 3, ids({i}));
        ASSERT_TRUE(found.has_value());
        EXPECT_EQ(db.values(*found)[0], ValueId{i});
    }
    EXPECT_FALSE(db.find(RelId{0}, 3, ids({1000})).has_value());
    EXPECT_FALSE(db.find(RelId{0}, 2, ids({1})).has_value());
}

TEST(Database, ZeroArityAndOutOfRange) {
    Database db({0}, 2);
    EXPECT_TRUE(db.insert(RelId{0}, 1, {}).second);
    EXPECT_FALSE(db.insert(RelId{0}, 1, {}).second);
    EXPECT_TRUE(db.tuples(RelId{0}, 99).empty());
    EXPECT_TRUE(db.tuples(RelId{7}, 1).empty());
    EXPECT_THROW((void)db.insert(RelId{0}, 99, {}), std::exception);
    EXPECT_FALSE(db.find(RelId{0}, -1, {}).has_value());
}

}  // namespace
}  // namespace ldfi::eval
