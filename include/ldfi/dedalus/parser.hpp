// Reading Dedalus: lexing, parsing, includes. Errors go to Diagnostics, never exceptions.
#pragma once

#include <string>
#include <vector>

#include "ldfi/dedalus/ast.hpp"
#include "ldfi/util/diagnostics.hpp"

namespace ldfi::dedalus {

/// Parses one text already registered in `files` (as `file`), appending its clauses to `out`.
/// `include` clauses are reported as errors here; use parse_files to follow them.
void parse_text(std::uint32_t file, const SourceFiles& files, Program& out, Diagnostics& diags);

/// Reads and parses the given files as one program, in order, following `include "x";` clauses
/// (paths relative to the directory of the FIRST input file). An include reached twice is read
/// once; a cycle of includes is an error naming the cycle; a missing or unreadable file is an
/// error at the include (or without position for a command-line file). Every error is reported.
Program parse_files(const std::vector<std::string>& paths, SourceFiles& files, Diagnostics& diags);

}  // namespace ldfi::dedalus
