#!/usr/bin/env bash
# Fitting the shell (issue 17): a spec on standard input (`-`), the hint for an omission cut by a
# redirection, -q, -V, the exit codes in --help, and colour only on a terminal without NO_COLOR
# (a terminal from script(1)).
# Usage: shell.sh LDFI_BINARY (from the repository root)
set -uo pipefail
ldfi=$(realpath "$1")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }

# `-` is standard input; its includes resolve from the current directory.
out=$(cd protocols && "$ldfi" check - --nodes a,b,c --eot 4 --eff 2 --no-timing <simple-deliv.ded 2>&1)
[[ $? == 1 && $out == *"counterexample 1: omit a->b@1"* ]] && ok "check - reads stdin" || bad "check -: $out"
out=$(printf 'p("a")@1;\nq(X) :- p(X), r(X);\n' | "$ldfi" run - --nodes a --eot 1 2>&1)
[[ $out == *"<stdin>:2:15: warning: relation 'r' is read but never defined"* ]] && ok "<stdin> in diagnostics" ||
  bad "stdin diagnostics: $out"

# `--omit a->b@1` unquoted leaves `a-`: the error says why (the redirection's file is the shell's).
out=$("$ldfi" run protocols/simple-deliv.ded --nodes a,b,c --eot 4 --omit a- 2>&1)
[[ $? == 2 && $out == *"the shell read '>' as a redirection: quote the argument"* ]] && ok "hint for a cut --omit" ||
  bad "cut --omit: $out"

# -q: no warnings, errors still.
out=$(printf 'p("a")@1;\nq(X) :- p(X), r(X);\n' | "$ldfi" -q run - --nodes a --eot 1 2>&1 >/dev/null)
[[ -z $out ]] && ok "-q drops warnings" || bad "-q: $out"
out=$(printf 'p("a")@1\n' | "$ldfi" run - --nodes a --eot 1 -q 2>&1 >/dev/null)
[[ $out == *"error"* ]] && ok "-q keeps errors" || bad "-q errors: $out"

[[ $("$ldfi" -V) == "ldfi "* ]] && ok "-V" || bad "-V"
for cmd in "" check suite run replay; do
  # shellcheck disable=SC2086
  "$ldfi" $cmd --help | grep -q "^  130, 143  interrupted by SIGINT, SIGTERM" || bad "ldfi $cmd --help: no exit codes"
done
ok "--help lists the exit codes"

# Colour: only on a terminal, never with NO_COLOR (script(1) gives the command a terminal).
if command -v script >/dev/null; then
  spec=$scratch/w.ded
  printf 'p("a")@1;\nq(X) :- p(X), r(X);\n' >"$spec"
  script -qec "$ldfi run $spec --nodes a --eot 1" /dev/null >"$scratch/tty.txt"
  grep -q $'\e\\[1;35mwarning:' "$scratch/tty.txt" && ok "colour on a terminal" || bad "no colour on a terminal"
  NO_COLOR=1 script -qec "$ldfi run $spec --nodes a --eot 1" /dev/null >"$scratch/nocolor.txt"
  grep -q $'\e\\[' "$scratch/nocolor.txt" && bad "colour despite NO_COLOR" || ok "NO_COLOR"
  "$ldfi" run "$spec" --nodes a --eot 1 2>"$scratch/pipe.txt" >/dev/null
  grep -q $'\e\\[' "$scratch/pipe.txt" && bad "colour off a terminal" || ok "no colour off a terminal"
else
  bad "script(1) (util-linux) is missing"
fi
echo "shell: $([[ $fail == 0 ]] && echo passed || echo failed)"
exit $fail
