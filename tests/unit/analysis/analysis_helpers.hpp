// Shared helpers of the analysis tests: parse a text and analyse it.
#pragma once

#include <string>

#include "ldfi/analysis/analyze.hpp"
#include "ldfi/dedalus/parser.hpp"

namespace ldfi::analysis::test {

struct Analysed {
    SourceFiles files;
    Diagnostics diags;
    CheckedProgram program;

    [[nodiscard]] std::vector<const Diagnostic*> errors() const {
        std::vector<const Diagnostic*> out;
        for (const auto& d : diags.all()) {
            if (d.severity == Severity::ERROR) out.push_back(&d);
        }
        return out;
    }
    [[nodiscard]] std::vector<const Diagnostic*> warnings() const {
        std::vector<const Diagnostic*> out;
        for (const auto& d : diags.all()) {
            if (d.severity == Severity::WARNING) out.push_back(&d);
        }
        return out;
    }
};

inline Analysed analyse(const std::string& text) {
    Analysed a;
    dedalus::Program program;
    dedalus::parse_text(a.files.add("t.ded", text), a.files, program, a.diags);
    a.program = analyze(program, a.diags);
    return a;
}

}  // namespace ldfi::analysis::test
