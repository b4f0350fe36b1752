#!/usr/bin/env bash
# Past one machine (issue 17 item 9). The bundled manifest run in 3 shards (--junit --no-timing),
# the shards' files merged in another order, equals the unsharded run's JUnit file byte for byte;
# so does the same manifest with recorded costs (suite --record-costs), whose shards are balanced
# by them. A sweep's points agree with `ldfi check` at the same bounds (verdict, engine,
# executions, counterexample), the same with --jobs 2, and its 2 shards merged equal the whole.
# Usage: shards.sh LDFI_BINARY (from the repository root; needs jq).
set -uo pipefail
ldfi=$(realpath "$1")
command -v jq >/dev/null || { echo "shards: jq is missing (scripts/setup installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
  echo "FAIL: $*"
  fail=1
}

# sharded_equals_whole MANIFEST NAME [ARG...]: 3 shards merged (3, 1, 2) equal the unsharded
# run (which also gets ARG...).
sharded_equals_whole() {
  local manifest=$1 name=$2 k code
  shift 2
  "$ldfi" suite "$manifest" -q --jobs 2 --no-timing --junit "$tmp/$name-all.xml" "$@" >"$tmp/$name-all.txt"
  code=$?
  ((code == 0)) || bad "ldfi suite $manifest exits $code"
  for k in 1 2 3; do
    "$ldfi" suite "$manifest" -q --jobs 2 --no-timing --shard "$k/3" --junit "$tmp/$name-$k.xml" >"$tmp/$name-$k.txt"
    code=$?
    ((code == 0)) || bad "ldfi suite $manifest --shard $k/3 exits $code"
  done
  "$ldfi" junit merge -o "$tmp/$name-merged.xml" "$tmp/$name-3.xml" "$tmp/$name-1.xml" "$tmp/$name-2.xml" ||
    bad "ldfi junit merge of $name's shards failed"
  cmp "$tmp/$name-all.xml" "$tmp/$name-merged.xml" || bad "$name: the merged shards differ from the unsharded JUnit"
  # Every check in exactly one shard's table.
  local total
  total=$(jq '.checks | length' "$manifest")
  local run
  run=$(sed -n 's/.*(shard [0-9]*\/3: \([0-9]*\) of the .*/\1/p' "$tmp/$name"-[123].txt | awk '{n += $1} END {print n}')
  [[ $run == "$total" ]] || bad "$name: the shards ran $run checks, the manifest has $total"
}

# The unsharded run also records the costs, into a manifest beside the specs it names (links).
mkdir "$tmp/costed"
for f in protocols/*; do [[ $(basename "$f") == manifest.json ]] || ln -s "$(realpath "$f")" "$tmp/costed/"; done
sharded_equals_whole protocols/manifest.json plain --record-costs "$tmp/costed/manifest.json"

# The same manifest with costs: its shards are balanced by them.
[[ $(jq '[.checks[] | select(.cost | type == "number")] | length' "$tmp/costed/manifest.json") == \
   $(jq '.checks | length' protocols/manifest.json) ]] || bad "--record-costs did not give every check a cost"
diff <(jq 'del(.checks[].cost)' "$tmp/costed/manifest.json") <(jq . protocols/manifest.json) >/dev/null ||
  bad "--record-costs changed more than the costs"
sharded_equals_whole "$tmp/costed/manifest.json" costed

# A sweep against single checks at the same bounds.
sweep=(protocols/3pc.ded --nodes "a,b,c,C" --eot 6..9 --eff eot-2 --crashes 0..1)
"$ldfi" sweep "${sweep[@]}" --no-timing --format json >"$tmp/sweep.json" || bad "ldfi sweep exits $?"
"$ldfi" sweep "${sweep[@]}" --no-timing --format json --jobs 2 >"$tmp/sweep-j2.json"
cmp -s "$tmp/sweep.json" "$tmp/sweep-j2.json" || bad "ldfi sweep --jobs 2 differs from --jobs 1"
points=0
while read -r crashes eot eff want; do
  got=$("$ldfi" check protocols/3pc.ded --nodes a,b,c,C --eot "$eot" --eff "$eff" --crashes "$crashes" \
    --no-timing --format json | jq -c '[.verdict, .engine, .executions, (.counterexamples[0].summary // null)]')
  [[ $got == "$want" ]] || bad "sweep point crashes $crashes eot $eot eff $eff is $want, ldfi check says $got"
  points=$((points + 1))
done < <(jq -r '.points[] | "\(.crashes) \(.eot) \(.eff) \([.verdict, .engine, .executions, .counterexample] | tojson)"' \
  "$tmp/sweep.json")
((points == 8)) || bad "the sweep has $points points, not 8"
for k in 1 2; do "$ldfi" sweep "${sweep[@]}" --no-timing --format json --shard "$k/2" >"$tmp/sweep-$k.json"; done
"$ldfi" sweep --merge "$tmp/sweep-2.json" "$tmp/sweep-1.json" --no-timing --format json >"$tmp/sweep-merged.json" ||
  bad "ldfi sweep --merge failed"
cmp -s "$tmp/sweep.json" "$tmp/sweep-merged.json" || bad "the merged sweep shards differ from the whole sweep"

((fail == 0)) && echo "shards: 3 shards merged equal the whole suite (with and without costs); $points sweep points agree with ldfi check"
exit $fail
