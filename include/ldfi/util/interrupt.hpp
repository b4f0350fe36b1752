// Interrupts: SIGINT and SIGTERM ask the search to stop; it ends with the verdict `unknown`
// (interrupted), every output file written as for any unknown, and exit code 128 + the signal.
// A second signal kills at once. The long loops poll interrupted() through the resource guard
// (memory.hpp), the searches between runs, and the Z3 watchdog inside a query.
#pragma once

#include <string>

namespace ldfi {

/// Installs the handlers of SIGINT and SIGTERM (once, at the start of main).
void install_interrupt_handlers();

/// The signal that asked this process to stop, or 0.
[[nodiscard]] int interrupt_signal();

/// Asks the process to stop as `signal` would; 0 clears the request (for tests).
void request_interrupt(int signal);

/// "interrupted by SIGINT" (SIGTERM, or the signal's number).
[[nodiscard]] std::string interrupt_reason();

}  // namespace ldfi
