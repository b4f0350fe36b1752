#!/usr/bin/env bash
# Output files (issue 18): `--junit` to a plain file, through a symlink and a dangling symlink,
# into a FIFO, beside an existing PATH.tmp, and at a directory; all in a scratch directory.
# Usage: output_files.sh LDFI_BINARY
set -uo pipefail
ldfi=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
check() { "$ldfi" check "$root/protocols/simple-deliv.ded" --nodes a,b,c --eot 4 --eff 2 --crashes 0 --no-timing \
  --junit "$1" >/dev/null 2>err.txt; }

check plain.xml; [[ $? == 1 ]] || fail "plain: exit code"
grep -q '<testsuites' plain.xml || fail "plain: no JUnit XML"

ln -s real.xml link.xml && echo old > real.xml
check link.xml
[[ -L link.xml ]] || fail "symlink: the link was replaced"
cmp -s real.xml plain.xml || fail "symlink: the target does not hold the JUnit XML"

ln -s missing.xml dangling.xml
check dangling.xml
[[ -L dangling.xml ]] && cmp -s missing.xml plain.xml || fail "dangling symlink: not written through"

mkfifo pipe.xml
timeout 20 cat pipe.xml > from-pipe.xml &
reader=$!
check pipe.xml
wait "$reader" || fail "fifo: the reader did not finish"
[[ -p pipe.xml ]] || fail "fifo: the FIFO was replaced"
cmp -s from-pipe.xml plain.xml || fail "fifo: the reader did not get the JUnit XML"

echo keep > out.xml.tmp
check out.xml
[[ $(cat out.xml.tmp) == keep ]] || fail "an existing out.xml.tmp was touched"
cmp -s out.xml plain.xml || fail "beside out.xml.tmp: not written"

mkdir dir.xml
check dir.xml; code=$?
[[ $code != 0 && $code != 1 ]] || fail "directory: exit code $code"
grep -qi "is a directory" err.txt || fail "directory: no reason given: $(cat err.txt)"

leftover=$(find . -name '*.tmp-*')
[[ -z $leftover ]] || fail "temporary files left: $leftover"
echo "PASS: plain, symlink, dangling symlink, FIFO, existing .tmp, directory"
