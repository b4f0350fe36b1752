#!/usr/bin/env bash
# Determinism (issue 6): every check of a manifest gives byte-identical `--format json
# --no-timing` output (and the same exit code) when run twice with --jobs 1 and once with --jobs 2.
# Each check is bounded with --max-runs (LDFI_DETERMINISM_MAX_RUNS, default 60) so the whole
# manifest stays fast; a bounded check may end unknown, which must be just as reproducible.
# Usage: determinism.sh LDFI_BINARY [MANIFEST] [NAME_FILTER]
set -uo pipefail
ldfi=$(realpath "$1")
manifest=${2:-protocols/manifest.json}
filter=${3:-}
max_runs=${LDFI_DETERMINISM_MAX_RUNS:-60}
dir=$(dirname "$manifest")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v jq >/dev/null || { echo "determinism: jq is missing (scripts/setup installs it)"; exit 1; }

# One check per line: name, files, nodes, eot, eff, crashes, oracle (tab-separated).
entries=$(jq -r '.checks[] | [.name, (.files | join(" ")), (.nodes | join(",")), .eot, .eff,
  (.crashes // 0), (.oracle // "implies")] | @tsv' "$manifest") || exit 1

# Runs one check as `ldfi check ... --jobs JOBS` into $tmp/NAME.json; prints the exit code.
run() {
  local out=$1 jobs=$2
  shift 2
  "$ldfi" check "$@" --max-runs "$max_runs" --format json --no-timing --jobs "$jobs" >"$out" 2>"$out.err"
  echo $?
}

pass=0 fail=0
while IFS=$'\t' read -r name files nodes eot eff crashes oracle; do
  [[ -n $filter && $name != *$filter* ]] && continue
  args=()
  for f in $files; do args+=("$dir/$f"); done
  args+=(--nodes "$nodes" --eot "$eot" --eff "$eff" --crashes "$crashes" --oracle "$oracle")
  start=$SECONDS
  c1=$(run "$tmp/1" 1 "${args[@]}")
  c2=$(run "$tmp/2" 1 "${args[@]}")
  c3=$(run "$tmp/3" 2 "${args[@]}")
  verdict=$(jq -r '.verdict + " after " + (.executions | tostring)' "$tmp/1" 2>/dev/null)
  problem=""
  if [[ $c1 != [013] ]]; then
    problem="exit $c1: $(head -n 3 "$tmp/1.err")"
  elif [[ $c1 != "$c2" || $c1 != "$c3" ]]; then
    problem="exit codes differ: $c1 (jobs 1), $c2 (jobs 1 again), $c3 (jobs 2)"
  elif ! cmp -s "$tmp/1" "$tmp/2"; then
    problem="output differs between two runs with --jobs 1:"$'\n'"$(diff "$tmp/1" "$tmp/2" | head -n 20)"
  elif ! cmp -s "$tmp/1" "$tmp/3"; then
    problem="output differs between --jobs 1 and --jobs 2:"$'\n'"$(diff "$tmp/1" "$tmp/3" | head -n 20)"
  fi
  if [[ -z $problem ]]; then
    pass=$((pass + 1))
    echo "ok   $name ($verdict, $((SECONDS - start)) s)"
  else
    fail=$((fail + 1))
    echo "FAIL $name: $problem"
  fi
done <<<"$entries"
echo "determinism: $pass passed, $fail failed (--max-runs $max_runs)"
((fail == 0 && pass > 0))
