// The spec on the report page: every source file, syntax-highlighted, one anchor per line
// (`#L<file>-<line>`) for lineage nodes and rule tooltips to link to.
#pragma once

#include <string>

#include "ldfi/util/diagnostics.hpp"

namespace ldfi::viz {

/// A <section id="spec"> listing the files of `sources` (comments, strings, numbers, variables,
/// keywords and time suffixes marked). A display highlighter: it accepts any text.
std::string spec_html(const SourceFiles& sources);

}  // namespace ldfi::viz
