#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Validates trigger snapshot files against src/schema/trigger-snapshot.schema.json (which
refers to the audit and view schemas) and checks the reason named.

Usage: check_snapshot.py --schemas src/schema --condition syn-recv FILE..."""
import argparse
import json
import os
import sys

import jsonschema


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schemas", required=True)
    parser.add_argument("--condition", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    store = {}
    for name in os.listdir(args.schemas):
        if name.endswith(".schema.json"):
            with open(os.path.join(args.schemas, name)) as f:
                schema = json.load(f)
            store[schema["$id"]] = schema
    schema = next(s for s in store.values() if s["$id"].endswith("/trigger-snapshot.schema.json"))
    resolver = jsonschema.RefResolver.from_schema(schema, store=store)
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, resolver=resolver)
    failures = 0
    for path in args.files:
        with open(path) as f:
            document = json.load(f)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        for error in errors[:5]:
            print(f"FAIL {path}: {'/'.join(map(str, error.path))}: {error.message[:300]}")
        conditions = [r["condition"] for r in document["trigger"]["reasons"]]
        if args.condition not in conditions:
            print(f"FAIL {path}: reasons {conditions} lack {args.condition}")
            failures += 1
        failures += len(errors)
        if not errors:
            print(f"ok   {path}: valid, reasons {conditions}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
