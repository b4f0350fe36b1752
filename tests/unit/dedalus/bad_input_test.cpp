// Bad input that golden files cannot hold: an unreadable file, a device, 100,000 nested
// parentheses and a 100,000-operator chain (no stack overflow), a very long line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include "ldfi/dedalus/parser.hpp"

namespace ldfi::dedalus {
namespace {

std::string errors_of(const std::vector<std::string>& paths) {
    SourceFiles files;
    Diagnostics diags;
    (void)parse_files(paths, files, diags);
    EXPECT_TRUE(diags.has_errors());
    return diags.render(files);
}

std::string errors_of_text(const std::string& text) {
    SourceFiles files;
    Diagnostics diags;
    Program ast;
    parse_text(files.add("t.ded", text), files, ast, diags);
    EXPECT_TRUE(diags.has_errors());
    return diags.render(files);
}

TEST(BadInput, UnreadableFile) {
    if (geteuid() == 0) GTEST_SKIP() << "running as root: chmod 000 does not stop root from reading";
    auto path = std::filesystem::temp_directory_path() / ("ldfi-unreadable-" + std::to_string(getpid()) + ".ded");
    std::ofstream(path) << "p(\"a\")@1;\n";
    ASSERT_EQ(chmod(path.c_str(), 0), 0);
    std::string out = errors_of({path.string()});
    std::filesystem::remove(path);
    EXPECT_NE(out.find("cannot read '" + path.string() + "': Permission denied"), std::string::npos) << out;
}

TEST(BadInput, EndlessDeviceStopsAtTheSizeLimit) {
    std::string out = errors_of({"/dev/zero"});
    EXPECT_NE(out.find("cannot read '/dev/zero': it is larger than 16 MiB"), std::string::npos) << out;
}

TEST(BadInput, HundredThousandNestedParentheses) {
    std::string text = "out(N, X) :- node(N, Y), X == " + std::string(100000, '(') + "Y" + std::string(100000, ')') + ";\n";
    std::string out = errors_of_text(text);
    EXPECT_NE(out.find("t.ded:1:"), std::string::npos) << out;
    EXPECT_NE(out.find("expression too deep: more than 1000 operators and parentheses in one clause"), std::string::npos);
    EXPECT_LT(out.size(), 1000U) << "a long line is shown as a window around the error";
}

TEST(BadInput, HundredThousandOperatorChain) {
    std::string text = "out(N, X) :- node(N, Y), X == Y";
    for (int i = 0; i < 100000; ++i) text += i % 2 ? " * 1" : " + 1";
    std::string out = errors_of_text(text + ";\n");
    EXPECT_NE(out.find("expression too deep"), std::string::npos) << out.substr(0, 500);
}

TEST(BadInput, StringsMustBeUtf8) {
    EXPECT_NE(errors_of_text("p(\"caf\xe9\")@1;\n").find("t.ded:1:3: error: string is not valid UTF-8"), std::string::npos);
    EXPECT_NE(errors_of_text("p(\"\xed\xa0\x80\")@1;\n").find("not valid UTF-8"), std::string::npos);  // a surrogate
    EXPECT_NE(errors_of_text("p(\"\xc0\xaf\")@1;\n").find("not valid UTF-8"), std::string::npos);      // overlong
    SourceFiles files;
    Diagnostics diags;
    Program ast;
    parse_text(files.add("t.ded", "p(\"caf\xc3\xa9 \xf0\x9f\x8e\x89\")@1;\n"), files, ast, diags);
    EXPECT_FALSE(diags.has_errors()) << diags.render(files);
}

TEST(BadInput, ManyClausesWithSmallExpressionsAreFine) {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "out(N, X) :- node(N, Y), X == ((Y + 1) * 2) - 3;\n";
    SourceFiles files;
    Diagnostics diags;
    Program ast;
    parse_text(files.add("t.ded", text), files, ast, diags);
    EXPECT_FALSE(diags.has_errors()) << diags.render(files);
}

}  // namespace
}  // namespace ldfi::dedalus
