#!/usr/bin/env bash
# The HTML report in a real browser: writes the report of the 2PC counterexample
# (protocols/manifest.json, 2pc-5-0-1), opens it in headless Chromium as index.html#selftest
# (the page then shows every run and writes what it found into the DOM), and checks that there
# were no console errors, every diagram rendered (non-empty SVG) and the runs table has one row
# per execution; and that a second report of the same check is byte-identical. Saves
# OUT_DIR/report-2pc.png, a screenshot of the page as it opens.
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

chrome --virtual-time-budget=5000 --dump-dom "file://$report/index.html#selftest" >"$out/dom.html" 2>"$out/chromium.log" ||
  fail "chromium failed (exit $?): $(tail -n 5 "$out/chromium.log")"
result=$(grep -o 'SELFTEST [A-Z]* rows=[0-9]* diagrams=[0-9]* errors=[0-9]*' "$out/dom.html" || true)
[[ -n $result ]] || fail "the page's self-test did not run (no result in the DOM; see $out/dom.html)"
echo "$result"
[[ $result == "SELFTEST PASS "* ]] || fail "self-test: $(sed -n '/SELFTEST/,/<\/pre>/p' "$out/dom.html")"
[[ $result == *" rows=$executions "* ]] || fail "the runs table should have $executions rows: $result"
if grep -E 'CONSOLE|Uncaught' "$out/chromium.log" | grep -Eiq 'error|uncaught'; then
  fail "console errors: $(grep -E 'CONSOLE|Uncaught' "$out/chromium.log")"
fi

rm -f "$out/report-2pc.png"
chrome --hide-scrollbars --window-size=1400,2000 --screenshot="$out/report-2pc.png" "file://$report/index.html" \
  >/dev/null 2>>"$out/chromium.log" || fail "chromium could not take the screenshot"
[[ $(head -c 8 "$out/report-2pc.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] ||
  fail "no PNG screenshot at $out/report-2pc.png"
echo "PASS: $executions runs, screenshot $out/report-2pc.png"
