#!/usr/bin/env bash
# The TextMate grammar of editors/ (dedalus.tmLanguage.json), tokenized as VS Code does
# (tokenize.js: vscode-textmate and vscode-oniguruma, installed by scripts/setup from
# package-lock.json into tests/editors/node_modules):
# - every .ded of protocols/ and of tests/golden/ that ldfi's lexer accepts has no token scoped
#   invalid.* and no text outside a scope;
# - every golden spec whose expected output is a lexical error has an invalid token (except the
#   few the grammar cannot see, listed below), and so has every line of invalid.ded: the check
#   above can fail;
# - sample.ded, every construct once, is scoped as sample.tokens says (REGEN=1 rewrites it).
# Usage: grammar_test.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
command -v node >/dev/null || { echo "FAIL: node is not installed (scripts/setup installs it)"; exit 1; }
[[ -d $here/node_modules/vscode-textmate && -d $here/node_modules/vscode-oniguruma ]] ||
  { echo "FAIL: tests/editors/node_modules is missing (scripts/setup runs npm ci there)"; exit 1; }
tok() { node "$here/tokenize.js" editors/dedalus.tmLanguage.json "$@"; }
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# The golden specs with a lexical error, read off their expected output: `FILE:L:C: error: ...`
# from the lexer, or `cannot read 'FILE': it is not a text file`.
lexical='unexpected character|unterminated (string|comment)|unknown escape|string is not valid UTF-8|integer [0-9]+ does not fit in 64 bits'
mapfile -t rejected < <(
  {
    grep -rhoE "^[^ :]+\.ded:[0-9]+:[0-9]+: error: ($lexical)" tests/golden --include='*.expected' | cut -d: -f1
    grep -rhoE "cannot read '[^']+\.ded': (it is not a text file|[^']*not valid UTF-8)" tests/golden --include='*.expected' |
      cut -d"'" -f2
  } | LC_ALL=C sort -u)
((${#rejected[@]} >= 5)) || fail "found only ${#rejected[@]} golden specs with lexical errors: is the pattern stale?"
# What a line-by-line regex grammar cannot see: a number's magnitude, bytes that are not UTF-8
# inside a string (the editor shows U+FFFD, which is valid there), and a block comment never
# closed (it runs to the end of the file, as the lexer reads it, before the lexer rejects it).
blind=(tests/golden/errors/integer_overflow.ded tests/golden/errors/huge_time.ded
  tests/golden/errors/invalid_utf8_string.ded tests/golden/errors/unterminated_comment.ded)

mapfile -t specs < <(find protocols tests/golden -name '*.ded' -not -path 'tests/golden/errors/*' | LC_ALL=C sort)
clean=() flagged=()
for f in "${specs[@]}"; do
  [[ " ${rejected[*]} " == *" $f "* ]] || clean+=("$f")
done
for f in "${rejected[@]}"; do
  [[ " ${blind[*]} " == *" $f "* ]] || flagged+=("$f")
done
echo "clean: ${#clean[@]} specs ($(find protocols -name '*.ded' | wc -l) of protocols/); lexical errors: ${#rejected[@]}, ${#flagged[@]} of them visible"
for f in "${blind[@]}"; do
  [[ " ${rejected[*]} " == *" $f "* ]] || fail "$f is listed as blind but has no lexical error in tests/golden"
done
tok check "${clean[@]}" || fail "invalid or unscoped tokens in specs ldfi reads (above)"
tok flagged "${flagged[@]}" || fail "specs with lexical errors that the grammar does not mark (above)"
if tok check tests/editors/invalid.ded >/dev/null; then fail "the check passes tests/editors/invalid.ded"; fi
tok lines tests/editors/invalid.ded || fail "lines of tests/editors/invalid.ded that the grammar does not mark (above)"

# The VS Code extension manifest points at the grammar and the language configuration.
node -e '
  const fs = require("fs"), path = require("path");
  const ext = JSON.parse(fs.readFileSync("editors/package.json", "utf8"));
  const g = ext.contributes.grammars[0], l = ext.contributes.languages[0];
  const grammar = JSON.parse(fs.readFileSync(path.join("editors", g.path), "utf8"));
  JSON.parse(fs.readFileSync(path.join("editors", l.configuration), "utf8"));
  if (g.scopeName !== grammar.scopeName || g.language !== l.id || !l.extensions.includes(".ded"))
    throw new Error("editors/package.json does not match the grammar");
' || fail "editors/package.json"

tokens=$(tok dump tests/editors/sample.ded)
if [[ ${REGEN:-0} == 1 ]]; then
  echo "$tokens" >"$here/sample.tokens"
elif ! diff -u "$here/sample.tokens" <(echo "$tokens"); then
  fail "tests/editors/sample.ded is scoped differently from sample.tokens (REGEN=1 rewrites it)"
fi

if ((failures > 0)); then
  echo "$failures failures"
  exit 1
fi
echo "PASS: the grammar scopes ${#clean[@]} specs with no invalid token and marks ${#flagged[@]} lexical errors and invalid.ded"
