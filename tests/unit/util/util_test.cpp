// Unit tests for diagnostics rendering, value interning and the resource guard's clock.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "ldfi/util/diagnostics.hpp"
#include "ldfi/util/error.hpp"
#include "ldfi/util/memory.hpp"
#include "ldfi/util/value.hpp"

namespace ldfi {
namespace {

TEST(SourceFiles, LineText) {
    SourceFiles files;
    auto f = files.add("x.ded", "first\nsecond\r\nthird");
    EXPECT_EQ(files.line_text(f, 1), "first");
    EXPECT_EQ(files.line_text(f, 2), "second");
    EXPECT_EQ(files.line_text(f, 3), "third");
    EXPECT_EQ(files.line_text(f, 4), "");
    EXPECT_EQ(files.line_text(f, 0), "");
}

TEST(Diagnostics, RendersPositionSourceLineAndCaret) {
    SourceFiles files;
    auto f = files.add("spec.ded", "a(1)@1;\n\tb(X) :- c(;\n");
    Diagnostics diags;
    diags.error({f, 2, 11}, "expected an argument", {"while parsing 'c'"});
    diags.warning({}, "no position");
    EXPECT_TRUE(diags.has_errors());
    EXPECT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(diags.render(files),
              "spec.ded:2:11: error: expected an argument\n"
              "    \tb(X) :- c(;\n"
              "    \t         ^\n"
              "    note: while parsing 'c'\n"
              "ldfi: warning: no position\n");
}

TEST(Diagnostics, EscapesControlBytesAndKeepsTheCaretUnderItsColumn) {
    SourceFiles files;
    auto f = files.add("spec.ded", "a(\"\a\x1b[2J\x7f\") = 1;\n");
    Diagnostics diags;
    diags.error({f, 1, 13}, "found \"\a\"", {"note \x1b"});
    EXPECT_EQ(diags.render(files),
              "spec.ded:1:13: error: found \"\\x07\"\n"
              "    a(\"\\x07\\x1b[2J\\x7f\") = 1;\n"
              "                         ^\n"
              "    note: note \\x1b\n");
}

TEST(Value, FormatsIdentifiersBareOthersQuoted) {
    EXPECT_EQ(format_value(Value{std::int64_t{-3}}), "-3");
    EXPECT_EQ(format_value(Value{std::string("abc_1")}), "abc_1");
    EXPECT_EQ(format_value(Value{std::string("aBc")}), "aBc");
    EXPECT_EQ(format_value(Value{std::string("C")}), "\"C\"");
    EXPECT_EQ(format_value(Value{std::string("_x")}), "\"_x\"");
    EXPECT_EQ(format_value(Value{std::string("a b")}), "\"a b\"");
    EXPECT_EQ(format_value(Value{std::string("1")}), "\"1\"");
    EXPECT_EQ(format_value(Value{std::string("q\"\\")}), "\"q\\\"\\\\\"");
    EXPECT_EQ(format_value(Value{std::string("")}), "\"\"");
}

TEST(Value, OrderPutsIntegersBeforeStrings) {
    EXPECT_TRUE(value_less(Value{std::int64_t{5}}, Value{std::string("a")}));
    EXPECT_FALSE(value_less(Value{std::string("a")}, Value{std::int64_t{5}}));
    EXPECT_TRUE(value_less(Value{std::int64_t{-1}}, Value{std::int64_t{2}}));
    EXPECT_TRUE(value_less(Value{std::string("a")}, Value{std::string("b")}));
}

TEST(ValueTable, InternsDistinctKinds) {
    ValueTable t;
    ValueId one = t.intern_int(1);
    ValueId s1 = t.intern_string("1");
    EXPECT_NE(one, s1);
    EXPECT_EQ(t.intern(Value{std::int64_t{1}}), one);
    EXPECT_EQ(t.find(Value{std::string("1")}), s1);
    EXPECT_FALSE(t.find(Value{std::string("zz")}).valid());
    EXPECT_TRUE(t.is_int(one));
    EXPECT_EQ(t.as_int(one), 1);
    EXPECT_EQ(t.size(), 2u);
}

TEST(ResourceGuard, TimeLimitThrowsOncePassedAndZeroMeansNone) {
    set_time_limit(0);
    EXPECT_NO_THROW(check_resource_limits("at time 1"));
    set_time_limit(0.001);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    try {
        check_resource_limits("at time 7");
        ADD_FAILURE() << "no ResourceError after the time limit";
    } catch (const ResourceError& e) {
        EXPECT_STREQ(e.what(), "timeout 0.001s reached at time 7; raise --timeout to allow more");
    }
    set_time_limit(0);  // other tests in this binary must not inherit the deadline
    EXPECT_NO_THROW(check_resource_limits("at time 1"));
}

TEST(ResourceGuard, FormatsSecondsAsWritten) {
    EXPECT_EQ(format_seconds(0.5), "0.5");
    EXPECT_EQ(format_seconds(120), "120");
    EXPECT_EQ(format_seconds(0.001), "0.001");
}

}  // namespace
}  // namespace ldfi
