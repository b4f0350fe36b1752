#!/usr/bin/env bash
# Golden tests: runs every case under tests/golden/ and compares with its .expected file.
# A case is NAME.ded (default command: `run NAME.ded --nodes a,b,c --eot 4`) or NAME.args
# (one line: the arguments after `ldfi`, paths relative to the repository root). The
# .expected file holds the command, stdout, stderr and the exit code. The token @OUT@ in the
# arguments names a fresh temporary file; the .expected file then also holds what was written there.
# Usage: run_golden.sh LDFI_BINARY [CASE_FILTER]; REGEN=1 rewrites the .expected files.
set -uo pipefail
ldfi=$(realpath "$1")
filter=${2:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
pass=0 fail=0
failed=()

case_args() {
  local base=$1
  if [[ -f $base.args ]]; then
    head -n 1 "$base.args"
  else
    echo "run $base.ded --nodes a,b,c --eot 4"
  fi
}

# @TMP@ in the arguments names a fresh temporary directory; the .expected file then also holds the
# files written there (JSON in full, other files by name only).
show_tmp_files() {
  local dir=$1 f
  find "$dir" -type f | LC_ALL=C sort | while read -r f; do
    if [[ $f == *.json ]]; then
      echo "--- file ${f/#$dir/@TMP@}"
      cat "$f"
    else
      echo "--- file ${f/#$dir/@TMP@} (not shown)"
    fi
  done
}

run_case() {
  local base=$1 args out err code file dir expanded
  args=$(case_args "$base")
  out=$(mktemp) err=$(mktemp) file=$(mktemp -u) dir=$(mktemp -d)
  expanded=${args//@OUT@/$file}
  # shellcheck disable=SC2086
  (cd "$root" && timeout 60 "$ldfi" ${expanded//@TMP@/$dir} >"$out" 2>"$err" </dev/null)
  code=$?
  {
    echo "\$ ldfi $args"
    sed "s|$dir|@TMP@|g" "$out"
    echo "--- stderr"
    sed "s|$dir|@TMP@|g" "$err"
    echo "--- exit $code"
    [[ $args == *@TMP@* ]] && show_tmp_files "$dir"
    if [[ $args == *@OUT@* ]]; then
      echo "--- @OUT@"
      cat "$file" 2>/dev/null || echo "(not written)"
    fi
  }
  rm -rf "$out" "$err" "$file" "$dir"
}

mapfile -t cases < <(find tests/golden -mindepth 2 \( -name '*.ded' -o -name '*.args' \) \
  -not -path '*/inc/*' -not -path '*/lib/*' | sed -E 's/\.(ded|args)$//' | sort -u)
for base in "${cases[@]}"; do
  [[ -n $filter && $base != *$filter* ]] && continue
  # A .ded that only serves another case's .args (listed there) has no .expected of its own.
  [[ ! -f $base.args && -f $base.noexpect ]] && continue
  actual=$(run_case "$base")
  if [[ ${REGEN:-0} == 1 ]]; then
    printf '%s\n' "$actual" >"$base.expected"
    pass=$((pass + 1))
  elif [[ -f $base.expected ]] && diff -u "$base.expected" <(printf '%s\n' "$actual") >"/tmp/golden.$$.diff"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    failed+=("$base")
    echo "FAIL $base"
    if [[ -f $base.expected ]]; then head -n 40 "/tmp/golden.$$.diff"; else echo "  (no $base.expected)"; fi
  fi
done
rm -f "/tmp/golden.$$.diff"
echo "golden: $pass passed, $fail failed"
((fail == 0))
