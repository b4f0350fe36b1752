#!/usr/bin/env bash
# The manifest's JSON Schema (docs/manifest.schema.json) against ldfi's own reading of manifests
# (issue 17): every bundled manifest is valid under the schema and read by `ldfi suite`; every
# golden manifest that ldfi rejects for its shape (an unknown or misspelled field, a wrong type, a
# missing field, a bad value) is invalid under the schema too.
# Usage: manifest_schema.sh LDFI_BINARY   (from the repository root; needs python3-jsonschema)
set -uo pipefail
ldfi=$1
fail=0
validate() {  # prints nothing and exits 0 when valid
  python3 - "$1" <<'PY'
import json, sys
import jsonschema
schema = json.load(open("docs/manifest.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[1]))), key=str)
for e in errors:
    print(f"{sys.argv[1]}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
sys.exit(1 if errors else 0)
PY
}
valid=(protocols/manifest.json tests/golden/suite/ok.json tests/golden/suite/regression.json
       tests/golden/suite/lib/gate/manifest.json tests/golden/suite/costs.json)
for m in "${valid[@]}"; do
  if ! validate "$m"; then echo "FAIL: $m is invalid under the schema"; fail=1; fi
  "$ldfi" suite "$m" --no-timing >/dev/null 2>&1
  code=$?
  if ((code > 1)); then echo "FAIL: ldfi suite $m exits $code (not a verdict)"; fail=1; fi
done
invalid=(unknown_field unknown_top_field wrong_type missing_field bad_expected not_object no_checks
         negative_crashes bad_allow schema_version negative_cost cost_wrong_type)
for name in "${invalid[@]}"; do
  m=tests/golden/suite/$name.json
  if validate "$m" >/dev/null; then echo "FAIL: $m is valid under the schema, but ldfi rejects it"; fail=1; fi
  "$ldfi" suite "$m" --no-timing >/dev/null 2>&1
  code=$?
  if ((code != 2)); then echo "FAIL: ldfi suite $m exits $code, not 2"; fail=1; fi
done
((fail == 0)) && echo "manifest_schema: ${#valid[@]} valid and ${#invalid[@]} invalid manifests agree"
exit $fail
