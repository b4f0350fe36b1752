// parse_files: several inputs, includes relative to the first file, read-once, cycles, bad paths.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ldfi/dedalus/parser.hpp"

using namespace ldfi;
using namespace ldfi::dedalus;
namespace fs = std::filesystem;

namespace {

class ParseFiles : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("ldfi_parse_files_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                 "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir / "sub");
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::string write(const std::string& name, const std::string& text) {
        std::ofstream(m_dir / name) << text;
        return (m_dir / name).generic_string();
    }
    Program parse(const std::vector<std::string>& paths) { return parse_files(paths, m_files, m_diags); }

    fs::path m_dir;
    SourceFiles m_files;
    Diagnostics m_diags;
};

}  // namespace

TEST_F(ParseFiles, SeveralFilesAreOneProgramInOrder) {
    auto a = write("a.ded", "x(1)@1;");
    auto b = write("b.ded", "x(2)@1;");
    Program p = parse({a, b});
    EXPECT_FALSE(m_diags.has_errors());
    ASSERT_EQ(p.facts.size(), 2U);
    EXPECT_EQ(p.facts[1].atom.args[0].expr->integer, 2);
    EXPECT_EQ(p.facts[1].loc.file, 1U);
    EXPECT_EQ(m_files.path(1), b);
}

TEST_F(ParseFiles, IncludeIsTextualAndRelativeToTheFirstFile) {
    auto main = write("main.ded", "x(1)@1;\ninclude \"sub/lib.ded\";\nx(3)@1;");
    write("sub/lib.ded", "x(2)@1;\ninclude \"sub/deeper.ded\";");
    write("sub/deeper.ded", "x(22)@1;");
    Program p = parse({main});
    EXPECT_FALSE(m_diags.has_errors()) << m_diags.render(m_files);
    ASSERT_EQ(p.facts.size(), 4U);
    std::vector<std::int64_t> got;
    for (const auto& f : p.facts) got.push_back(f.atom.args[0].expr->integer);
    EXPECT_EQ(got, (std::vector<std::int64_t>{1, 2, 22, 3}));
}

TEST_F(ParseFiles, IncludeReachedTwiceIsReadOnce) {
    auto main =
        write("main.ded", "include \"lib.ded\";\ninclude \"./lib.ded\";\ninclude \"sub/../lib.ded\";");
    write("lib.ded", "x(1)@1;");
    Program p = parse({main});
    EXPECT_FALSE(m_diags.has_errors());
    EXPECT_EQ(p.facts.size(), 1U);
    EXPECT_EQ(m_files.size(), 2U);
}

TEST_F(ParseFiles, CommandLineFileIncludedAgainIsReadOnce) {
    auto main = write("main.ded", "x(1)@1;");
    auto other = write("other.ded", "include \"main.ded\";");
    Program p = parse({main, other});
    EXPECT_FALSE(m_diags.has_errors());
    EXPECT_EQ(p.facts.size(), 1U);
}

TEST_F(ParseFiles, IncludeCycleIsAnErrorNamingTheCycle) {
    auto a = write("a.ded", "x(1)@1;\ninclude \"b.ded\";");
    write("b.ded", "include \"a.ded\";\nx(2)@1;");
    Program p = parse({a});
    ASSERT_EQ(m_diags.error_count(), 1U);
    const Diagnostic& d = m_diags.all()[0];
    EXPECT_EQ(d.loc.file, 1U);
    EXPECT_EQ(d.loc.line, 1U);
    EXPECT_EQ(d.loc.col, 1U);
    EXPECT_NE(d.message.find("include cycle"), std::string::npos);
    ASSERT_EQ(d.notes.size(), 1U);
    auto bpath = (m_dir / "b.ded").generic_string();
    EXPECT_EQ(d.notes[0], "cycle: " + a + " -> " + bpath + " -> " + a);
    EXPECT_EQ(p.facts.size(), 2U);
}

TEST_F(ParseFiles, SelfInclude) {
    auto a = write("a.ded", "include \"a.ded\";");
    parse({a});
    ASSERT_EQ(m_diags.error_count(), 1U);
    EXPECT_EQ(m_diags.all()[0].notes[0], "cycle: " + a + " -> " + a);
}

TEST_F(ParseFiles, MissingIncludeIsAnErrorAtTheInclude) {
    auto a = write("a.ded", "x(1)@1;\n  include \"nope.ded\";\nx(2)@1;");
    Program p = parse({a});
    ASSERT_EQ(m_diags.error_count(), 1U);
    const Diagnostic& d = m_diags.all()[0];
    EXPECT_EQ(d.loc.line, 2U);
    EXPECT_EQ(d.loc.col, 3U);
    EXPECT_EQ(d.message,
              "cannot read included file '" + (m_dir / "nope.ded").generic_string() + "': no such file");
    EXPECT_EQ(p.facts.size(), 2U);
}

TEST_F(ParseFiles, MissingCommandLineFileHasNoPosition) {
    auto a = (m_dir / "nope.ded").generic_string();
    parse({a});
    ASSERT_EQ(m_diags.error_count(), 1U);
    EXPECT_FALSE(m_diags.all()[0].loc.known());
    EXPECT_EQ(m_diags.all()[0].message, "cannot read '" + a + "': no such file");
}

TEST_F(ParseFiles, DirectoryIsAnError) {
    auto a = write("a.ded", "include \"sub\";");
    parse({a, (m_dir / "sub").generic_string()});
    ASSERT_EQ(m_diags.error_count(), 2U);
    EXPECT_NE(m_diags.all()[0].message.find("is a directory"), std::string::npos);
    EXPECT_TRUE(m_diags.all()[0].loc.known());
    EXPECT_FALSE(m_diags.all()[1].loc.known());
}

// Regression: a binary file gave one "unexpected character" error per stray byte (megabytes of
// output with the raw bytes echoed); a NUL byte now makes it one error.
TEST_F(ParseFiles, BinaryFileIsOneError) {
    auto bin = write("bin.ded", std::string("x(1)@1;\n\x7f" "ELF\x02\x01\x01\0\0\0\x01\x02", 19));
    parse({bin});
    ASSERT_EQ(m_diags.all().size(), 1U) << m_diags.render(m_files);
    EXPECT_NE(m_diags.all()[0].message.find("not a text file (NUL byte on line 2)"), std::string::npos);
}

TEST_F(ParseFiles, ErrorsInSeveralFilesAreAllReported) {
    auto a = write("a.ded", "x(1;\ninclude \"b.ded\";");
    write("b.ded", "y(;");
    parse({a});
    ASSERT_EQ(m_diags.error_count(), 2U);
    EXPECT_EQ(m_diags.all()[0].loc.file, 0U);
    EXPECT_EQ(m_diags.all()[1].loc.file, 1U);
}

TEST_F(ParseFiles, BareIdentifierWarnedOncePerSpec) {
    auto a = write("a.ded", "x(a)@1;");
    auto b = write("b.ded", "x(b)@1;");
    parse({a, b});
    EXPECT_EQ(m_diags.all().size(), 1U);
}

TEST_F(ParseFiles, EmptyFileAndNoFiles) {
    auto a = write("a.ded", "");
    Program p = parse({a});
    EXPECT_FALSE(m_diags.has_errors());
    EXPECT_TRUE(p.facts.empty());
    Program none = parse({});
    EXPECT_TRUE(none.rules.empty());
}
