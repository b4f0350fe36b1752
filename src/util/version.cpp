// The version string, injected by CMake.
#include "ldfi/util/version.hpp"

namespace ldfi {

const char* version() { return LDFI_VERSION; }

}  // namespace ldfi
