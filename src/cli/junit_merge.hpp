// `ldfi junit merge`: JUnit files joined into one; the shards of one suite back into the unsharded file.
#pragma once

#include <string>
#include <vector>

namespace ldfi::cli {

/// One input: its path (for messages) and its text.
struct JunitFile {
    std::string path;
    std::string text;
};

/// The JUnit document that joins `inputs` (docs/junit.md, "Shards"): the shards of one
/// `ldfi suite --shard` run, all of them, become that suite's unsharded file again (test cases in
/// manifest order, byte for byte with --no-timing); any other test suite is copied unchanged.
/// Throws InputError "PATH: REASON" for a malformed input, a shard given twice or missing, or a
/// test case (classname and name) in two inputs.
[[nodiscard]] std::string merge_junit(const std::vector<JunitFile>& inputs);

}  // namespace ldfi::cli
