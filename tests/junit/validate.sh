#!/usr/bin/env bash
# The JUnit XML of `ldfi check --junit` and `ldfi suite --junit` validates against the common
# JUnit schema shape (tests/junit/junit.xsd), with and without timing, for every kind of test
# case: passed, failure (a counterexample, too many executions), error (unknown, a bad spec, a
# check or suite that cannot run at all); so do a suite's shards and what `ldfi junit merge` writes.
# Usage: validate.sh LDFI_BINARY (from the repository root).
set -uo pipefail
ldfi=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command -v xmllint >/dev/null || { echo "junit: xmllint is missing (scripts/setup installs libxml2-utils)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
emit() {  # emit NAME ARGS...: runs ldfi ARGS --junit $tmp/NAME.xml (any verdict is fine)
  local name=$1
  shift
  "$ldfi" "$@" --junit "$tmp/$name.xml" >/dev/null 2>&1
  [[ -s $tmp/$name.xml ]] || { echo "junit: $name: no file written by ldfi $*"; exit 1; }
  n=$((n + 1))
}
emit check_counterexample check protocols/simple-deliv.ded -N a,b,c -t 4 -f 2 --no-timing
emit check_counterexample_timed check protocols/classic-deliv.ded -N a,b,c -t 5 -f 3 --all
emit check_certified check protocols/retry-deliv.ded -N a,b,c -t 4 -f 2
emit check_unknown check protocols/redun-deliv.ded -N a,b,c -t 8 -f 6 -c 1 --max-runs 3
emit check_escaping check tests/golden/check/lib/xml_chars.ded -N a,b,c -t 4 -f 2
emit check_spec_error check tests/golden/errors/arity_mismatch.ded -N a,b -t 3
emit check_resource_limit check protocols/simple-deliv.ded -N a,b,c -t 4 --max-tuples 5
emit suite_malformed suite tests/golden/suite/duplicate_name.json
emit suite_ok suite tests/golden/suite/ok.json
emit suite_regression suite tests/golden/suite/regression.json --jobs 2
emit suite_regression_untimed suite tests/golden/suite/regression.json --no-timing
# Shards (their <properties>) and the files junit merge joins: of shards, and of anything else.
emit suite_regression_shard1 suite tests/golden/suite/regression.json --shard 1/2
emit suite_regression_shard2 suite tests/golden/suite/regression.json --shard 2/2
"$ldfi" junit merge -o "$tmp/merged_shards.xml" "$tmp/suite_regression_shard2.xml" "$tmp/suite_regression_shard1.xml" ||
  { echo "junit: ldfi junit merge of the shards failed"; exit 1; }
"$ldfi" junit merge -o "$tmp/merged_files.xml" "$tmp/check_certified.xml" "$tmp/suite_ok.xml" ||
  { echo "junit: ldfi junit merge of a check's and a suite's file failed"; exit 1; }
n=$((n + 2))

xmllint --noout --schema tests/junit/junit.xsd "$tmp"/*.xml || exit 1
# The counts say what the cases say.
counts=$(xmllint --xpath 'concat(//testsuite/@tests, " ", //testsuite/@failures, " ", //testsuite/@errors)' \
  "$tmp/suite_regression.xml")
[[ $counts == "3 2 1" ]] || { echo "junit: suite_regression counts are '$counts', expected '3 2 1'"; exit 1; }
counts=$(xmllint --xpath 'concat(/testsuites/@tests, " ", /testsuites/@failures, " ", /testsuites/@errors)' \
  "$tmp/merged_shards.xml")
[[ $counts == "3 2 1" ]] || { echo "junit: the merged shards' counts are '$counts', expected '3 2 1'"; exit 1; }
message=$(xmllint --xpath 'string(//failure/@message)' "$tmp/check_escaping.xml")
expected=$'counterexample: omit a->b@1; lost: post(b, "<b> & \\"q\\" \'x\'\tcaf\xc3\xa9")'
[[ $message == "$expected" ]] || { echo "junit: the escaped message reads back as '$message'"; exit 1; }
echo "junit: $n files validate against tests/junit/junit.xsd"
