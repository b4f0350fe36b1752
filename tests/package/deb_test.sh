#!/usr/bin/env bash
# The Debian package: packs the existing build with cpack (scripts/package --no-build: nothing is
# compiled), checks its control fields and file list, installs it with dpkg into a scratch root
# (dpkg --root: no system install; the libraries it depends on are the host's), and runs the
# installed ldfi there: a check of an installed protocol (expected: a counterexample, exit 1),
# the installed protocol library's suite from another directory, its man page through
# `man -l` without warnings, and its bash, zsh and fish completions.
# Usage: deb_test.sh BUILD_DIR OUT_DIR
set -euo pipefail
build=$(realpath "$1")
mkdir -p "$2"
out=$(realpath "$2")
root=$(cd "$(dirname "$0")/../.." && pwd)
fail() {
  echo "FAIL: $*"
  exit 1
}
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps man; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/setup installs it)"
done

rm -rf "$out/deb" "$out/root"
mkdir -p "$out/deb"
LDFI_BUILD_DIR=$build "$root/scripts/package" --no-build "$out/deb" >"$out/package.log" 2>&1 ||
  fail "scripts/package: $(tail -n 20 "$out/package.log")"
deb=$(tail -n 1 "$out/package.log")
[[ -f $deb ]] || fail "no package: $(cat "$out/package.log")"
version=$("$build/ldfi" --version | awk '{print $NF}')
[[ $(basename "$deb") == "ldfi_${version}_$(dpkg --print-architecture).deb" ]] || fail "unexpected name $deb"

# Control fields: Depends comes from dpkg-shlibdeps, so it names the shared libraries ldfi links.
field() { dpkg-deb --field "$deb" "$1"; }
[[ $(field Package) == ldfi && $(field Version) == "$version" ]] || fail "Package/Version: $(field Package) $(field Version)"
[[ $(field Maintainer) == *"<"*"@"*">" ]] || fail "Maintainer is not 'Name <mail>': $(field Maintainer)"
[[ -n $(field Description) ]] || fail "no Description"
depends=$(field Depends)
for lib in libc6 libstdc++6 libz3- libspdlog; do
  [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done

# The file list.
dpkg-deb --contents "$deb" | awk '{print $NF}' | sed 's|^\./|/|' >"$out/files.txt"
for f in /usr/bin/ldfi /usr/share/man/man1/ldfi.1.gz /usr/share/bash-completion/completions/ldfi \
  /usr/share/zsh/vendor-completions/_ldfi /usr/share/zsh/site-functions/_ldfi \
  /usr/share/fish/vendor_completions.d/ldfi.fish /usr/share/doc/ldfi/README.md \
  /usr/share/doc/ldfi/docs/dedalus.md /usr/share/doc/ldfi/docs/ci.md /usr/share/ldfi/protocols/manifest.json \
  /usr/share/ldfi/protocols/lib/nodes.ded /usr/share/ldfi/editors/dedalus.tmLanguage.json; do
  grep -qxF "$f" "$out/files.txt" || fail "the package lacks $f"
done
for f in $(cd "$root/protocols" && find . -name '*.ded' | sed 's|^\./||'); do
  grep -qxF "/usr/share/ldfi/protocols/$f" "$out/files.txt" || fail "the package lacks protocols/$f"
done
if grep -v -e '^/usr/' -e '^/$' "$out/files.txt"; then fail "files outside /usr (above)"; fi

# Install into a scratch root: dpkg unpacks and configures it there with its own database.
r=$out/root
mkdir -p "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates"
touch "$r/var/lib/dpkg/status"
dpkg --root="$r" --force-depends --force-not-root --path-include='/*' --log=/dev/null -i "$deb" \
  >"$out/dpkg.log" 2>&1 || fail "dpkg -i: $(cat "$out/dpkg.log")"
dpkg --root="$r" --status ldfi | grep -q '^Status: install ok installed' || fail "dpkg does not list ldfi as installed"
ldfi=$r/usr/bin/ldfi
[[ -x $ldfi ]] || fail "no $ldfi"
[[ $("$ldfi" --version) == "ldfi $version" ]] || fail "ldfi --version: $("$ldfi" --version)"

# A check of an installed protocol: the lost message that breaks simple broadcast.
code=0
(cd / && "$ldfi" check "$r/usr/share/ldfi/protocols/simple-deliv.ded" --nodes a,b,c --eot 4 --eff 2 --crashes 0 \
  --no-timing >"$out/check.txt" 2>&1) || code=$?
[[ $code == 1 ]] || fail "installed ldfi check: expected exit 1, got $code: $(cat "$out/check.txt")"
grep -q 'counterexample' "$out/check.txt" || fail "no counterexample: $(cat "$out/check.txt")"
# The installed library's suite, from another directory: manifests name files relative to themselves.
code=0
(cd / && "$ldfi" suite "$r/usr/share/ldfi/protocols/manifest.json" --jobs 2 --no-timing \
  --junit "$out/junit.xml" >"$out/suite.txt" 2>&1) || code=$?
[[ $code == 0 ]] || fail "installed ldfi suite: exit $code: $(tail -n 20 "$out/suite.txt")"
[[ -s $out/junit.xml ]] || fail "the suite wrote no JUnit file"

# The man page renders without warnings.
man_err=$(MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$r/usr/share/man/man1/ldfi.1.gz" 2>&1 >"$out/man.txt")
[[ -z $man_err ]] || fail "man -l warns: $man_err"
grep -q 'EXIT STATUS' "$out/man.txt" || fail "the rendered man page has no EXIT STATUS"

# The completions load in their shells.
bash -c 'source "$1" && complete -p ldfi' _ "$r/usr/share/bash-completion/completions/ldfi" >/dev/null ||
  fail "the bash completion does not load"
if command -v zsh >/dev/null; then
  zsh -n "$r/usr/share/zsh/vendor-completions/_ldfi" || fail "the zsh completion does not parse"
fi
if command -v fish >/dev/null; then
  fish --no-execute "$r/usr/share/fish/vendor_completions.d/ldfi.fish" || fail "the fish completion does not parse"
fi

echo "PASS: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB, $(wc -l <"$out/files.txt") entries) installs into a scratch root;" \
  "its ldfi checks, runs the installed suite and has its man page"
