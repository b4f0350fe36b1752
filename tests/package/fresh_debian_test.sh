#!/usr/bin/env bash
# The Debian package on a fresh Debian 12: debootstraps a minimal bookworm (minbase) into a
# scratch directory, installs the package there with apt (which fetches its Depends from
# Debian's archive), and runs the installed ldfi in that root: a check of an installed protocol
# (a counterexample, exit 1), the installed suite, and a report of a counterexample with its
# replay. Needs root, debootstrap and the network to Debian's archive, and takes minutes: ctest
# label "slow" (LDFI_SLOW=1 scripts/test).
# Usage: fresh_debian_test.sh BUILD_DIR OUT_DIR [MIRROR]
set -euo pipefail
build=$(realpath "$1")
mkdir -p "$2"
out=$(realpath "$2")
mirror=${3:-http://deb.debian.org/debian}
root=$(cd "$(dirname "$0")/../.." && pwd)
fail() {
  echo "FAIL: $*"
  exit 1
}
[[ $(id -u) == 0 ]] || fail "needs root (debootstrap, chroot)"
command -v debootstrap >/dev/null || fail "debootstrap is not installed (apt-get install debootstrap)"

LDFI_BUILD_DIR=$build "$root/scripts/package" --no-build "$out" >"$out/package.log" 2>&1 ||
  fail "scripts/package: $(tail -n 20 "$out/package.log")"
deb=$(tail -n 1 "$out/package.log")
r=$out/bookworm
cleanup() {
  umount "$r/proc" 2>/dev/null || true
  rm -rf --one-file-system "$r"
}
trap cleanup EXIT
cleanup
debootstrap --variant=minbase bookworm "$r" "$mirror" >"$out/debootstrap.log" 2>&1 ||
  fail "debootstrap: $(tail -n 5 "$out/debootstrap.log")"
cp "$deb" "$r/tmp/"
cp /etc/resolv.conf "$r/etc/resolv.conf"
mount -t proc proc "$r/proc"
in_root() { chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root sh -c "$1"; }
in_root "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/$(basename "$deb")" \
  >"$out/apt.log" 2>&1 || fail "apt-get install: $(tail -n 20 "$out/apt.log")"
code=0
in_root 'cd / && ldfi check /usr/share/ldfi/protocols/simple-deliv.ded --nodes a,b,c --eot 4 --eff 2 --crashes 0' \
  >"$out/check.txt" 2>&1 || code=$?
[[ $code == 1 ]] && grep -q 'counterexample 1: omit a->b@1' "$out/check.txt" ||
  fail "ldfi check in the fresh root (exit $code): $(cat "$out/check.txt")"
in_root 'cd / && ldfi suite /usr/share/ldfi/protocols/manifest.json --jobs 2 --no-timing' >"$out/suite.txt" 2>&1 ||
  fail "ldfi suite in the fresh root: $(tail -n 20 "$out/suite.txt")"
code=0
in_root 'cd /tmp && ldfi check /usr/share/ldfi/protocols/2pc.ded --nodes a,b,c,C --eot 5 --eff 0 --crashes 1 --report rep >/dev/null' || code=$?
[[ $code == 1 && -s $r/tmp/rep/index.html ]] || fail "ldfi check --report in the fresh root: exit $code"
code=0
in_root 'cd /tmp && ldfi replay rep/counterexample-1.json >/dev/null' || code=$?
[[ $code == 1 ]] || fail "ldfi replay in the fresh root: exit $code"
echo "PASS: $(basename "$deb") installs with apt on a fresh Debian 12 (minbase) and its ldfi checks, runs the suite, reports and replays"
