// Shared helpers of the benchmarks: loading specs from text or from protocols/.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "ldfi/analysis/analyze.hpp"
#include "ldfi/dedalus/parser.hpp"

namespace ldfi::bench {

/// Parses and analyses files (paths relative to the repository root); throws on errors.
inline std::shared_ptr<const analysis::CheckedProgram> load(const std::vector<std::string>& relative_paths) {
    std::vector<std::string> paths;
    for (const auto& p : relative_paths) paths.push_back(std::string(LDFI_SOURCE_DIR) + "/" + p);
    SourceFiles files;
    Diagnostics diags;
    dedalus::Program ast = dedalus::parse_files(paths, files, diags);
    auto program = std::make_shared<analysis::CheckedProgram>(analysis::analyze(ast, diags));
    if (diags.has_errors()) throw std::runtime_error(diags.render(files));
    return program;
}

inline std::shared_ptr<const analysis::CheckedProgram> load_text(const std::string& text) {
    SourceFiles files;
    Diagnostics diags;
    dedalus::Program ast;
    dedalus::parse_text(files.add("bench.ded", text), files, ast, diags);
    auto program = std::make_shared<analysis::CheckedProgram>(analysis::analyze(ast, diags));
    if (diags.has_errors()) throw std::runtime_error(diags.render(files));
    return program;
}

inline std::vector<std::string> node_names(std::size_t n) {
    std::vector<std::string> nodes;
    for (std::size_t i = 0; i < n; ++i) {
        std::string name = "n";
        name += std::to_string(i);  // not "n" + ...: GCC 12 warns falsely (-Wrestrict) on that at -O2
        nodes.push_back(std::move(name));
    }
    return nodes;
}

}  // namespace ldfi::bench
