#!/usr/bin/env bash
# The HTML report in a real browser. Writes two reports: the 2PC counterexample
# (protocols/manifest.json, 2pc-5-0-1) and kafka's under the lineage loop (276 runs, a crash and
# omissions). Opens each in headless Chromium as index.html#selftest: the page draws every run,
# clicks through (a lost message lights the goals it broke, a lineage node selects its lineage,
# the per-goal view, zoom, search, the runs filter) and writes what it found into the DOM. Checks
# there were no console errors and no external reference, that a permalink (#run-N) opens its
# run, that kafka's report stays under 2 MB, and that a second report of the same check is
# byte-identical. Saves OUT_DIR/report-2pc.png, a screenshot of the page as it opens.
# Usage: report_browser_test.sh LDFI_BINARY OUT_DIR
set -euo pipefail
ldfi=$(realpath "$1")
mkdir -p "$2"
out=$(realpath "$2")
root=$(cd "$(dirname "$0")/../.." && pwd)
browser=${LDFI_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [[ -z $browser ]]; then
  echo "FAIL: chromium is not installed (scripts/setup installs it)"
  exit 1
fi
fail() {
  echo "FAIL: $*"
  exit 1
}

report=$out/report-2pc
rm -rf "$report"
code=0
(cd "$root" && "$ldfi" check protocols/2pc.ded --nodes a,b,c,C --eot 5 --eff 0 --crashes 1 --no-timing \
  --report "$report" >"$out/check.txt" 2>&1) || code=$?
[[ $code == 1 ]] || fail "ldfi check: expected a counterexample (exit 1), got exit $code: $(cat "$out/check.txt")"
for f in index.html runs.json counterexample-1.json; do
  [[ -s $report/$f ]] || fail "the report has no $f"
done
# The same inputs give byte-identical report files (with --no-timing).
(cd "$root" && "$ldfi" check protocols/2pc.ded --nodes a,b,c,C --eot 5 --eff 0 --crashes 1 --no-timing \
  --report "$out/report-2pc-again" >/dev/null 2>&1) || true
diff -r "$report" "$out/report-2pc-again" >/dev/null || fail "two reports of the same check differ"
rm -rf "$out/report-2pc-again"
executions=$(grep -m1 -o '"executions": [0-9]*' "$report/runs.json" | grep -o '[0-9]*$')

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chrome() {
  timeout 90 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check \
    --disable-extensions --disable-sync --disable-background-networking --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 "$@"
}

# The page's self-test: every run drawn, the clicks, no error. $1: report dir, $2: executions.
selftest() {
  local dir=$1 executions=$2 name
  name=$(basename "$dir")
  chrome --virtual-time-budget=10000 --dump-dom "file://$dir/index.html#selftest" >"$out/$name.dom.html" \
    2>"$out/$name.chromium.log" || fail "chromium failed (exit $?): $(tail -n 5 "$out/$name.chromium.log")"
  result=$(grep -o 'SELFTEST [A-Z]* rows=[0-9]* diagrams=[0-9]* errors=[0-9]*[^<]*' "$out/$name.dom.html" | head -n 1 || true)
  [[ -n $result ]] || fail "$name: the page's self-test did not run (no result in the DOM; see $out/$name.dom.html)"
  echo "$name: $result"
  [[ $result == "SELFTEST PASS "* ]] || fail "$name self-test: $(sed -n '/SELFTEST/,/<\/pre>/p' "$out/$name.dom.html")"
  [[ $result == *" rows=$executions "* ]] || fail "$name: the runs table should have $executions rows: $result"
  [[ $result == *" lost-click-goals="[1-9]* ]] || fail "$name: clicking a lost message lit no goal: $result"
  if grep -E 'CONSOLE|Uncaught' "$out/$name.chromium.log" | grep -Eiq 'error|uncaught'; then
    fail "$name: console errors: $(grep -E 'CONSOLE|Uncaught' "$out/$name.chromium.log")"
  fi
  # Nothing fetched: no src attribute, no stylesheet link, no URL but the SVG namespace.
  if grep -Eo ' src=|<link|@import|url\([^#]|https?://[^"'"'"' ]*' "$dir/index.html" | grep -v '^http://www.w3.org/2000/svg$' | grep -q .; then
    fail "$name: an external reference: $(grep -Eo ' src=|<link|@import|url\([^#]|https?://[^"'"'"' ]*' "$dir/index.html" | sort -u)"
  fi
}
selftest "$report" "$executions"

kafka=$out/report-kafka
rm -rf "$kafka"
code=0
(cd "$root/protocols" && "$ldfi" check kafka.ded --nodes a,b,c,C,Z --eot 6 --eff 4 --crashes 1 --strategy ldfi \
  --no-timing --report "$kafka" >"$out/kafka.txt" 2>&1) || code=$?
[[ $code == 1 ]] || fail "kafka: expected a counterexample (exit 1), got exit $code: $(cat "$out/kafka.txt")"
size=$(stat -c %s "$kafka/index.html")
((size < 2000000)) || fail "kafka's report is $size bytes, over 2 MB"
kafka_runs=$(grep -m1 -o '"executions": [0-9]*' "$kafka/runs.json" | grep -o '[0-9]*$')
selftest "$kafka" "$kafka_runs"

# A permalink opens its run: index.html#run-5 shows run 5's diagrams as the page loads.
chrome --virtual-time-budget=5000 --dump-dom "file://$kafka/index.html#run-5" >"$out/permalink.dom.html" \
  2>>"$out/report-kafka.chromium.log" || fail "chromium failed on the permalink"
grep -q '<article class="run" id="run-5">' "$out/permalink.dom.html" || fail "#run-5 did not open run 5"
grep -q '<tr data-run="5"[^>]*class="clickable selected"' "$out/permalink.dom.html" ||
  fail "#run-5 did not select run 5's row"
echo "permalink #run-5 opens run 5; kafka report $size bytes"

rm -f "$out/report-2pc.png"
chrome --hide-scrollbars --window-size=1400,2000 --screenshot="$out/report-2pc.png" "file://$report/index.html" \
  >/dev/null 2>>"$out/chromium.log" || fail "chromium could not take the screenshot"
[[ $(head -c 8 "$out/report-2pc.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] ||
  fail "no PNG screenshot at $out/report-2pc.png"
echo "PASS: $executions runs, screenshot $out/report-2pc.png"
