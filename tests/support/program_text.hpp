// Test support without GoogleTest (the fuzz targets use it too): a Dedalus text -> CheckedProgram,
// and counts from the environment.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "ldfi/analysis/analyze.hpp"
#include "ldfi/dedalus/parser.hpp"

namespace ldfi::test {

/// Parses and analyses `text` (no includes); on errors, the rendered diagnostics are in `errors`
/// (and the program is not to be checked).
inline std::shared_ptr<const analysis::CheckedProgram> analyze_text(const std::string& text,
                                                                    std::string& errors) {
    SourceFiles files;
    Diagnostics diags;
    dedalus::Program ast;
    dedalus::parse_text(files.add("t.ded", text), files, ast, diags);
    auto program = std::make_shared<analysis::CheckedProgram>(analysis::analyze(ast, diags));
    if (diags.has_errors()) errors = diags.render(files);
    return program;
}

/// The number in environment variable `name` (for longer hunts: more seeds), else `fallback`.
inline std::uint32_t env_count(const char* name, std::uint32_t fallback) {
    const char* env = std::getenv(name);
    return env ? static_cast<std::uint32_t>(std::atoi(env)) : fallback;
}

}  // namespace ldfi::test
