#!/usr/bin/env bash
# Signals (issue 17): SIGINT and SIGTERM stop a check or a suite cleanly. The verdict is unknown
# ("interrupted by SIGINT"), the JSON, JUnit and report files are written as for any unknown, and
# the exit code is 130 or 143. The signal is sent once the process has installed its handlers
# (read from /proc, not guessed with a sleep) to a search that cannot end by itself, so the test
# does not depend on the machine's speed. (A second signal killing at once: the unit test
# Interrupt.SecondSignalKills.)
# Usage: signals.sh LDFI_BINARY (from the repository root)
set -uo pipefail
ldfi=$(realpath "$1")
root=$(pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail=0
endless=(check "$root/protocols/redun-deliv.ded" --nodes a,b,c --eot 11 --eff 10 --crashes 1
         --strategy exhaustive --no-timing)

# Waits until process $1 catches SIGINT (bit 2) and SIGTERM (bit 15): its handlers are in place.
wait_for_handlers() {
  local caught
  for _ in $(seq 1 600); do
    caught=$(awk '/^SigCgt:/ { print $2 }' "/proc/$1/status" 2>/dev/null) || return 1
    [[ -n $caught ]] && (( (16#$caught & 0x4002) == 0x4002 )) && return 0
    sleep 0.05
  done
  return 1
}

check_stop() {  # SIGNAL EXPECTED_CODE
  local sig=$1 want=$2 dir=$scratch/check-$1 code
  mkdir -p "$dir"
  "$ldfi" "${endless[@]}" --format json --junit "$dir/junit.xml" --report "$dir/report" \
    >"$dir/out.json" 2>"$dir/err.txt" &
  local pid=$!
  wait_for_handlers $pid || { echo "FAIL check $sig: no handlers seen"; fail=1; return; }
  sleep 0.2  # into the search (not needed for correctness: any moment must do)
  kill -"$sig" $pid
  wait $pid
  code=$?
  local ok=1
  [[ $code == "$want" ]] || { echo "FAIL check $sig: exit $code, not $want"; ok=0; }
  [[ $(jq -r .verdict "$dir/out.json") == unknown ]] || { echo "FAIL check $sig: verdict not unknown"; ok=0; }
  [[ $(jq -r .unknown_reason "$dir/out.json") == "interrupted by $sig" ]] ||
    { echo "FAIL check $sig: reason $(jq -r .unknown_reason "$dir/out.json")"; ok=0; }
  grep -q "type=\"unknown\"" "$dir/junit.xml" && grep -q "interrupted by $sig" "$dir/junit.xml" ||
    { echo "FAIL check $sig: JUnit file"; ok=0; }
  [[ -f $dir/report/index.html && -f $dir/report/runs.json ]] || { echo "FAIL check $sig: report"; ok=0; }
  grep -q "^ldfi: interrupted by $sig" "$dir/err.txt" || { echo "FAIL check $sig: stderr"; ok=0; }
  ((ok)) && echo "ok   check stopped by $sig: exit $code, unknown, JSON, JUnit and report written"
  ((ok)) || fail=1
}

suite_stop() {
  local dir=$scratch/suite code
  mkdir -p "$dir"
  "$ldfi" suite tests/e2e/signals/manifest.json --no-timing --junit "$dir/junit.xml" >"$dir/out.txt" \
    2>"$dir/err.txt" &
  local pid=$!
  wait_for_handlers $pid || { echo "FAIL suite: no handlers seen"; fail=1; return; }
  sleep 0.5
  kill -TERM $pid
  wait $pid
  code=$?
  local ok=1
  [[ $code == 143 ]] || { echo "FAIL suite: exit $code, not 143"; ok=0; }
  grep -q "^endless .*unknown.*interrupted by SIGTERM" "$dir/out.txt" || { echo "FAIL suite: endless"; ok=0; }
  grep -q "^after .*unknown.*not run: interrupted by SIGTERM" "$dir/out.txt" || { echo "FAIL suite: after"; ok=0; }
  [[ $(grep -c "<testcase" "$dir/junit.xml") == 3 ]] || { echo "FAIL suite: JUnit"; ok=0; }
  ((ok)) && echo "ok   suite stopped by SIGTERM: exit 143, the running check unknown, the next not run, JUnit written"
  ((ok)) || { fail=1; cat "$dir/out.txt" "$dir/err.txt"; }
}

check_stop SIGINT 130
check_stop SIGTERM 143
suite_stop
echo "signals: $([[ $fail == 0 ]] && echo passed || echo failed)"
exit $fail
