// Reading a counterexample file (`ldfi check --report`, `ldfi replay`) without running it.
#pragma once

#include <string>
#include <string_view>

#include "cli.hpp"

namespace ldfi::cli {

/// Validates a counterexample file's text as `ldfi replay` does before it reads the spec: the
/// JSON, schema and kind, the spec's files and hashes, the configuration, the verdict, and the
/// faults against the configuration. Throws InputError naming the file and the field.
void check_counterexample_text(std::string_view text, const std::string& path);

/// A counterexample file's run: its spec (read and checked against the recorded hashes), bounds
/// and faults, and what it recorded about the verdict.
struct RecordedCounterexample {
    LoadedSpec spec;
    sim::FaultModel model;
    sim::FailureSpec faults;
    struct Verdict {
        sim::OracleKind oracle = sim::OracleKind::IMPLIES;
        bool violated = true;
    } recorded;
};
/// Reads `file` as `ldfi replay` does: warns (stderr) when another ldfi version wrote it; throws
/// InputError when the spec text changed since, unless `force` (then warns). `command` names the
/// command in those messages.
RecordedCounterexample load_counterexample(const std::string& file, bool force, const std::string& command);

}  // namespace ldfi::cli
