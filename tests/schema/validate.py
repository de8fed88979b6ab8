#!/usr/bin/env python3
"""Validates flowc build output against schema/ with a real JSON Schema validator.

usage: validate.py SCHEMA_DIR OUTPUT_DIR...
Each OUTPUT_DIR must hold manifest.json (checked against manifest.schema.json) and the flow
files it lists (checked against flow.schema.json). Prints one line per file and a closing
"N passed, M failed" line; exits non-zero on any failure.
"""
import json
import pathlib
import sys

import jsonschema


def main() -> int:
    schema_dir = pathlib.Path(sys.argv[1])
    flow_schema = json.loads((schema_dir / "flow.schema.json").read_text())
    manifest_schema = json.loads((schema_dir / "manifest.schema.json").read_text())
    validator_class = jsonschema.validators.validator_for(flow_schema)
    validator_class.check_schema(flow_schema)
    validator_class.check_schema(manifest_schema)
    flows = validator_class(flow_schema)
    manifests = validator_class(manifest_schema)
    passed = failed = 0
    for out in map(pathlib.Path, sys.argv[2:]):
        manifest_path = out / "manifest.json"
        targets = [(manifest_path, manifests)]
        manifest = json.loads(manifest_path.read_text())
        # archy output is YAML; its files are checked structurally by the golden tests.
        targets += [(out / flow["file"], flows) for flow in manifest.get("flows", [])
                    if flow["file"].endswith(".json")]
        for path, validator in targets:
            errors = sorted(validator.iter_errors(json.loads(path.read_text())), key=lambda e: list(e.path))
            if errors:
                failed += 1
                for error in errors[:5]:
                    print(f"FAIL {path}: /{'/'.join(map(str, error.path))}: {error.message}")
            else:
                passed += 1
                print(f"ok   {path}")
    if passed + failed == 0:
        print("no files validated")
        return 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
