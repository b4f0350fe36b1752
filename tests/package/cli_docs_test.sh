#!/usr/bin/env bash
# The man page (docs/ldfi.1) and the shell completions (scripts/completions) against what the
# binary says: every command of `ldfi --help` and every option of `ldfi COMMAND --help` must be
# in the man page and in the bash, zsh and fish completions; bash and fish must offer exactly
# the options `--help` lists (nothing removed lingers) and exactly the values of each enumerated
# option ({text,json}); the man page must give every exit code of src/cli/cli.hpp and the
# version `ldfi --version` prints. So a new option cannot land without its documentation.
# Usage: cli_docs_test.sh LDFI_BINARY
set -euo pipefail
ldfi=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
man_src=$root/docs/ldfi.1
bash_comp=$root/scripts/completions/ldfi.bash
zsh_comp=$root/scripts/completions/_ldfi
fish_comp=$root/scripts/completions/ldfi.fish
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# Option names of a --help text, one per line (`-t,--eot,--EOT INT REQUIRED` gives three).
help_options() {
  sed -n 's/^  \(-[^ ]*\).*/\1/p' | tr ',' '\n' | sed 's/=.*//' | LC_ALL=C sort -u
}
# "option value..." for each enumerated option (`--format TEXT:{text,json}`).
help_enums() {
  sed -n 's/^  \(-[^ ]*\) [A-Z]*:{\([^}]*\)}.*/\1 \2/p' | sed 's/^[^ ]*,\(--[^ ,]*\) /\1 /' | tr ',' ' '
}
subcommands() {  # subcommands COMMAND...: the subcommands `ldfi COMMAND... --help` lists
  "$ldfi" "$@" --help | sed -n '/^Subcommands:/,$s/^  \([a-z][a-z-]*\) .*/\1/p'
}
commands=$(subcommands)
[[ -n $commands ]] || fail "no commands in ldfi --help"

# The man page as plain text: roff's \- is a hyphen.
man_text=$(sed 's/\\-/-/g' "$man_src")
mentions() {  # mentions TEXT WORD: WORD occurs in TEXT as a whole option name
  grep -Eq -- "(^|[^A-Za-z0-9-])$2([^A-Za-z0-9-]|\$)" <<<"$1"
}

bash_offers() {  # bash_offers WORD...: what the bash completion offers for `ldfi WORD...`
  bash -c 'source "$1"; shift; COMP_WORDS=(ldfi "$@"); COMP_CWORD=$#; _ldfi
           printf "%s\n" "${COMPREPLY[@]}"' _ "$bash_comp" "$@" | LC_ALL=C sort -u
}
fish_offers() {  # fish_offers LINE: what the fish completion offers for LINE
  if ! command -v fish >/dev/null; then
    echo "(fish is not installed: scripts/setup installs it)"
    return
  fi
  fish --no-config -c 'source $argv[1]; complete -C $argv[2]' "$fish_comp" "$1" | cut -f1 | LC_ALL=C sort -u
}

check_options() {  # check_options COMMAND (empty: the top level; "junit merge": a subcommand's)
  local cmd=$1 help opts opt offered
  # shellcheck disable=SC2086  # a command's subcommand is a second word
  help=$("$ldfi" $cmd --help)
  opts=$(help_options <<<"$help")
  [[ -n $opts ]] || fail "ldfi $cmd --help lists no options"
  for opt in $opts; do
    mentions "$man_text" "$opt" || fail "docs/ldfi.1 does not mention ${cmd:-ldfi} $opt"
    mentions "$(cat "$zsh_comp")" "$opt" || fail "the zsh completion does not mention ${cmd:-ldfi} $opt"
  done
  [[ -n $cmd ]] || return 0
  # bash and fish: exactly the options of --help, no more and no fewer.
  # shellcheck disable=SC2086
  offered=$(bash_offers $cmd -)
  [[ $offered == "$opts" ]] || fail "bash offers for 'ldfi $cmd -':"$'\n'"$(diff <(echo "$opts") <(echo "$offered"))"
  offered=$(fish_offers "ldfi $cmd -")
  [[ $offered == "$opts" ]] || fail "fish offers for 'ldfi $cmd -':"$'\n'"$(diff <(echo "$opts") <(echo "$offered"))"
}

check_enums() {  # check_enums COMMAND: each enumerated option's values, in every shell
  local cmd=$1 opt values want
  # shellcheck disable=SC2086  # a command's subcommand is a second word
  while read -r opt values; do
    [[ -n $opt ]] || continue
    want=$(tr ' ' '\n' <<<"$values" | LC_ALL=C sort)
    [[ $(bash_offers $cmd "$opt" "") == "$want" ]] || fail "bash: 'ldfi $cmd $opt' should offer $values"
    [[ $(fish_offers "ldfi $cmd $opt ") == "$want" ]] || fail "fish: 'ldfi $cmd $opt' should offer $values"
    grep -Fq -- "$opt=[" "$zsh_comp" && grep -Fq -- "($values)" "$zsh_comp" ||
      fail "zsh: $opt should offer ($values)"
    for v in $values; do
      grep -Fq -- "\\fB$v\\fR" "$man_src" || fail "docs/ldfi.1 does not give the value $v of $cmd $opt"
    done
  done < <("$ldfi" $cmd --help | help_enums)
}

check_options ""
for cmd in $commands; do
  grep -q "^\.B $cmd\$" "$man_src" || fail "docs/ldfi.1 has no entry for the command $cmd"
  grep -Eq "^ +$cmd\)" "$bash_comp" && grep -Fq " $cmd " <<<" $(sed -n 's/.*local commands="\([^"]*\)".*/\1/p' "$bash_comp") " ||
    fail "the bash completion does not know the command $cmd"
  grep -q "'$cmd:" "$zsh_comp" || fail "the zsh completion does not know the command $cmd"
  grep -q -- "-a $cmd " "$fish_comp" || fail "the fish completion does not know the command $cmd"
  check_options "$cmd"
  check_enums "$cmd"
  for sub in $(subcommands "$cmd"); do  # `ldfi junit merge`
    grep -q "^\.B $cmd $sub\$" "$man_src" || fail "docs/ldfi.1 has no entry for the command $cmd $sub"
    grep -q "'$sub:" "$zsh_comp" || fail "the zsh completion does not know the command $cmd $sub"
    grep -q -- "-a $sub " "$fish_comp" || fail "the fish completion does not know the command $cmd $sub"
    [[ $(bash_offers "$cmd" "") == *"$sub"* ]] || fail "bash does not offer '$sub' after 'ldfi $cmd'"
    check_options "$cmd $sub"
    check_enums "$cmd $sub"
  done
done
offered=$(bash_offers "")
want=$( (echo "$commands"; "$ldfi" --help | help_options) | LC_ALL=C sort -u)
[[ $offered == "$want" ]] || fail "bash offers for 'ldfi ':"$'\n'"$(diff <(echo "$want") <(echo "$offered"))"

# Exit codes: every EXIT_* constant of the CLI has an entry under EXIT STATUS.
exit_section=$(sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$man_src")
codes=$(sed -n 's/^ *EXIT_[A-Z_]* = \([0-9]*\),.*/\1/p' "$root/src/cli/cli.hpp")
[[ -n $codes ]] || fail "no EXIT_* constants found in src/cli/cli.hpp"
for code in $codes; do
  grep -q "^\.B $code\$" <<<"$exit_section" || fail "docs/ldfi.1 EXIT STATUS does not give exit code $code"
done

version=$("$ldfi" --version | awk '{print $NF}')
grep -q "^\.TH LDFI 1 \"\" \"ldfi $version\"" "$man_src" || fail "docs/ldfi.1's .TH line should say ldfi $version"

if ((failures > 0)); then
  echo "$failures failures (docs/ldfi.1, scripts/completions/)"
  exit 1
fi
echo "PASS: $(wc -w <<<"$commands") commands, their options and values in the man page and the bash, zsh and fish completions"
