// What one parse of several files shares: the once-per-spec warning and the include handler.
#pragma once

#include <functional>
#include <string>

#include "ldfi/dedalus/ast.hpp"
#include "ldfi/util/diagnostics.hpp"

namespace ldfi::dedalus {

struct ParseContext {
    bool warned_bare_identifier = false;
    /// Called when an `include "path";` clause has been parsed, at the point where the included
    /// clauses belong (includes are textual).
    std::function<void(const std::string& path, SourceLoc at)> on_include;
};

/// Parses file `file` of `files`, appending its clauses to `out`.
void parse_clauses(std::uint32_t file, const SourceFiles& files, Program& out, Diagnostics& diags,
                   ParseContext& ctx);

}  // namespace ldfi::dedalus
