// The tool's version, recorded in every JSON output and counterexample file.
#pragma once

namespace ldfi {

/// "0.1.0": the project version from CMake.
const char* version();

}  // namespace ldfi
