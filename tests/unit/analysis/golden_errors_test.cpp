// The malformed specs of tests/golden/errors: each gives the intended first error at the right place.
#include <gtest/gtest.h>

#include <filesystem>

#include "ldfi/analysis/analyze.hpp"
#include "ldfi/dedalus/parser.hpp"

using namespace ldfi;

namespace {

struct Expected {
    const char* file;
    std::uint32_t line;
    std::uint32_t col;
    const char* message;
    std::size_t errors;
};

Diagnostics check_file(const std::string& name, SourceFiles& files) {
    Diagnostics diags;
    std::string path = std::string(LDFI_SOURCE_DIR) + "/tests/golden/errors/" + name;
    dedalus::Program program = dedalus::parse_files({path}, files, diags);
    analysis::analyze(program, diags);
    return diags;
}

const Diagnostic* first_error(const Diagnostics& diags) {
    for (const auto& d : diags.all()) {
        if (d.severity == Severity::ERROR) return &d;
    }
    return nullptr;
}

class GoldenErrors : public ::testing::TestWithParam<Expected> {};

}  // namespace

TEST_P(GoldenErrors, FirstErrorIsTheIntendedOne) {
    const Expected& e = GetParam();
    SourceFiles files;
    Diagnostics diags = check_file(e.file, files);
    const Diagnostic* d = first_error(diags);
    ASSERT_NE(d, nullptr) << e.file;
    EXPECT_EQ(d->message.substr(0, std::string(e.message).size()), e.message) << diags.render(files);
    EXPECT_EQ(d->loc.line, e.line) << e.file;
    EXPECT_EQ(d->loc.col, e.col) << e.file;
    EXPECT_EQ(diags.error_count(), e.errors) << diags.render(files);
}

INSTANTIATE_TEST_SUITE_P(
    All, GoldenErrors,
    ::testing::Values(
        Expected{"syntax_missing_paren.ded", 3, 13, "expected ')' after arguments of 'log', found ';'", 1},
        Expected{"unterminated_comment.ded", 3, 1, "unterminated comment", 1},
        Expected{"unterminated_string.ded", 2, 11, "unterminated string", 1},
        Expected{"integer_overflow.ded", 2, 13, "integer 99999999999999999999 does not fit in 64 bits", 1},
        Expected{"fact_without_time.ded", 2, 15, "fact 'node' has no time", 1},
        Expected{"arity_mismatch.ded", 4, 1, "relation 'log' has 3 arguments here but 2", 1},
        Expected{"unsafe_head_variable.ded", 3, 11, "variable 'Q' in the head of 'log'", 1},
        Expected{"unsafe_negation_variable.ded", 4, 42, "variable 'M' in 'notin acked'", 1},
        Expected{"unsafe_comparison_variable.ded", 3, 26, "variable 'D' in a comparison", 1},
        Expected{"aggregate_in_body.ded", 3, 24, "aggregate 'count<C>' is only allowed in a rule head", 1},
        Expected{"define_crash.ded", 3, 1, "'crash' is a built-in relation", 1},
        Expected{"define_clock.ded", 2, 1, "'clock' is a built-in relation", 1},
        Expected{"reserved_prov_name.ded", 3, 1, "relation name 'log_prov3' is reserved", 1},
        Expected{"pre_post_arity.ded", 4, 1, "'pre' and 'post' must have the same arity", 1},
        Expected{"unstratifiable_negation.ded", 3, 21, "negation of 'q' sits on a cycle", 1},
        Expected{"unstratifiable_aggregation.ded", 3, 34, "aggregation over 'size' sits on a cycle", 1},
        Expected{"include_missing.ded", 2, 1, "cannot read included file", 1},
        Expected{"include_cycle.ded", 2, 1, "include cycle", 1},
        Expected{"several_errors.ded", 3, 25, "expected ')' after arguments of 'log', found 'P'", 3},
        Expected{"no_positive_atom.ded", 3, 1,
                 "the body of a rule for 'lonely' needs at least one positive atom", 1},
        Expected{"stray_character.ded", 3, 26, "unexpected character '='", 1},
        Expected{"non_ground_fact.ded", 2, 11, "fact 'node' must be ground", 1},
        // bad input (docs/reliability.md): truncated, binary-ish, huge
        Expected{"truncated_rule.ded", 2, 18, "expected a variable, integer, string, '_' or '(', found end of input", 1},
        Expected{"truncated_fact.ded", 2, 19, "expected an integer time, 'next' or 'async'", 1},
        Expected{"invalid_utf8.ded", 2, 5, "unexpected character byte 255", 2},
        Expected{"invalid_utf8_string.ded", 2, 10, "string is not valid UTF-8", 1},
        Expected{"deep_parens.ded", 3, 1031, "expression too deep", 1},
        Expected{"long_operator_chain.ded", 3, 4033, "expression too deep", 1},
        Expected{"long_line.ded", 1, 14219, "expected a variable, integer, string, '_' or '(', found ';'", 1},
        Expected{"huge_time.ded", 1, 14, "integer 99999999999999999999 does not fit in 64 bits", 2},
        Expected{"control_bytes_in_string.ded", 2, 21, "unexpected character '='", 2}));

TEST(GoldenErrorsExtra, IncludeCycleNoteNamesTheFiles) {
    SourceFiles files;
    Diagnostics diags = check_file("include_cycle.ded", files);
    const Diagnostic* d = first_error(diags);
    ASSERT_NE(d, nullptr);
    ASSERT_EQ(d->notes.size(), 1U);
    const std::string& note = d->notes[0];
    EXPECT_NE(note.find("include_cycle.ded -> "), std::string::npos) << note;
    EXPECT_NE(note.find("inc/cycle_helper.ded -> "), std::string::npos) << note;
    EXPECT_EQ(files.path(d->loc.file).substr(files.path(d->loc.file).size() - 16), "cycle_helper.ded");
}

TEST(GoldenErrorsExtra, EveryErrorFileIsCovered) {
    // Guards against a new golden file without an expectation here.
    std::size_t count = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(LDFI_SOURCE_DIR) + "/tests/golden/errors")) {
        if (entry.path().extension() == ".ded") ++count;
    }
    EXPECT_EQ(count, 31U);
}
