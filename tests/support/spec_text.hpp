// Test support shared by every test binary: a Dedalus text or spec files -> CheckedProgram.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ldfi/analysis/analyze.hpp"
#include "ldfi/dedalus/parser.hpp"
#include "program_text.hpp"

namespace ldfi::test {

/// Parses and analyses `text` (no includes); a failed test, with the diagnostics, on errors.
inline std::shared_ptr<const analysis::CheckedProgram> checked(const std::string& text) {
    std::string errors;
    auto program = analyze_text(text, errors);
    EXPECT_EQ(errors, "");
    return program;
}

/// Parses and analyses spec files (includes followed); a failed test on errors.
inline std::shared_ptr<const analysis::CheckedProgram> checked_files(const std::vector<std::string>& paths) {
    SourceFiles files;
    Diagnostics diags;
    dedalus::Program ast = dedalus::parse_files(paths, files, diags);
    auto program = std::make_shared<analysis::CheckedProgram>(analysis::analyze(ast, diags));
    EXPECT_FALSE(diags.has_errors()) << diags.render(files);
    return program;
}

}  // namespace ldfi::test
