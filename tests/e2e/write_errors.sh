#!/usr/bin/env bash
# Write errors are errors (issue 18): with standard output on /dev/full, every command reports
# "cannot write to standard output" with the OS's reason on stderr and exits 2, never 0 or 1.
# Usage: write_errors.sh LDFI_BINARY (from the repository root)
set -uo pipefail
ldfi=$(realpath "$1")
fail=0
spec=protocols/simple-deliv.ded

expect_write_error() {
  local err code
  err=$("$ldfi" "$@" 2>&1 >/dev/full)
  code=$?
  if [[ $code == 2 && $err == *"ldfi: error: cannot write to standard output: No space left on device"* ]]; then
    echo "ok   ldfi $*"
  else
    echo "FAIL ldfi $*: exit $code, stderr: $err"
    fail=1
  fi
}

[[ -c /dev/full ]] || { echo "write_errors: /dev/full is missing"; exit 1; }
# Output beyond stdio's buffer fails while running; a short one only at the final flush.
expect_write_error run $spec --nodes a,b,c --eot 4
expect_write_error run $spec --nodes a,b,c --eot 4 --show log
expect_write_error check $spec --nodes a,b,c --eot 4 --eff 2 --crashes 0
expect_write_error check $spec --nodes a,b,c --eot 4 --eff 2 --crashes 0 --format json
expect_write_error replay tests/golden/report/counterexample-1.json
expect_write_error --help
echo "write_errors: $([[ $fail == 0 ]] && echo passed || echo failed)"
exit $fail
