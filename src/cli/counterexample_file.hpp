// Reading a counterexample file (`ldfi check --report`, `ldfi replay`) without running it.
#pragma once

#include <string>
#include <string_view>

namespace ldfi::cli {

/// Validates a counterexample file's text as `ldfi replay` does before it reads the spec: the
/// JSON, schema and kind, the spec's files and hashes, the configuration, the verdict, and the
/// faults against the configuration. Throws InputError naming the file and the field.
void check_counterexample_text(std::string_view text, const std::string& path);

}  // namespace ldfi::cli
