#!/usr/bin/env bash
# The log (issue 17): -v/-vv/--log-level/--log-file say what a check is doing, on stderr or in a
# file, and never change stdout; a log file that cannot be written is exit 2 with the reason.
# Usage: logging.sh LDFI_BINARY (from the repository root)
set -uo pipefail
ldfi=$(realpath "$1")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail=0
check=(check protocols/ack-deliv.ded --nodes a,b,c --eot 8 --eff 7 --crashes 1 --no-timing)
expect() {  # FILE PATTERN WHAT
  grep -q -- "$2" "$1" || { echo "FAIL: $3: no '$2' in $1"; fail=1; }
}

"$ldfi" "${check[@]}" --strategy ldfi >"$scratch/plain.txt" 2>"$scratch/plain.err"
"$ldfi" -vv "${check[@]}" --strategy ldfi >"$scratch/vv.txt" 2>"$scratch/vv.err"
cmp -s "$scratch/plain.txt" "$scratch/vv.txt" || { echo "FAIL: -vv changed stdout"; fail=1; }
[[ -s $scratch/plain.err ]] && { echo "FAIL: a log without -v"; fail=1; }
expect "$scratch/vv.err" " info .*check: strategy ldfi, 3 nodes, eot 8, eff 7, crashes 1" "-vv"
expect "$scratch/vv.err" " info .*lineage loop: round 1 after 1 executions" "-vv"
expect "$scratch/vv.err" " debug .*hypothesis crash a@1: the invariant holds" "-vv"
expect "$scratch/vv.err" " debug .*lineage loop: Z3 query 1: unsat" "-vv"

"$ldfi" "${check[@]}" --log-file "$scratch/auto.log" -v >"$scratch/auto.txt" 2>"$scratch/auto.err"
[[ -s $scratch/auto.err ]] && { echo "FAIL: --log-file still logs on stderr"; fail=1; }
expect "$scratch/auto.log" "grounded in .* the symbolic engine decides" "--log-file"

"$ldfi" --log-level debug "${check[@]}" --log-file "$scratch/debug.log" >/dev/null
expect "$scratch/debug.log" " debug .*symbolic: Z3 query\| debug .*" "--log-level debug"

err=$("$ldfi" "${check[@]}" --log-file "$scratch/no-such-dir/x.log" 2>&1 >/dev/null)
code=$?
[[ $code == 2 && $err == *"--log-file $scratch/no-such-dir/x.log: cannot write it: No such file or directory"* ]] ||
  { echo "FAIL: bad --log-file: exit $code: $err"; fail=1; }
((fail == 0)) && echo "logging: passed"
exit $fail
