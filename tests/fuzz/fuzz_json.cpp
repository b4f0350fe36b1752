// libFuzzer target: bytes -> the JSON readers of the command line: the suite manifest
// (`ldfi suite`) and the counterexample file (`ldfi replay`, up to the point where it reads the
// spec). A malformed document must end in an InputError; a crash, UB, a leak, a hang or any
// other exception is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "counterexample_file.hpp"
#include "ldfi/util/error.hpp"
#include "manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        (void)ldfi::cli::parse_manifest(text, "fuzz/manifest.json");
    } catch (const ldfi::InputError&) {
    }
    try {
        ldfi::cli::check_counterexample_text(text, "fuzz/counterexample-1.json");
    } catch (const ldfi::InputError&) {
    }
    return 0;
}
