#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every view's --json and --ndjson on every fixture tree: parses (Python and jq), validates
against src/schema/*.schema.json, round-trips, and carries hostile strings losslessly.

Usage: run_json_schema.py --bin build/netstat-audit [--fixtures tests/fixtures] [--schemas src/schema]
                          [--shard K/N]
--shard K/N checks the K-th of N slices of the fixtures (and of the extra checks): ctest runs the
slices as separate tests, spread over its jobs.
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import warnings

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# (document type, arguments); -n keeps every run free of DNS, --numeric-hosts alone lets the
# fixtures' users and ports be named through this machine's NSS files.
VIEWS = [
    ("sockets", ["-n"]), ("sockets", ["-tuwxan"]), ("sockets", ["-tuwxanp"]),
    ("sockets", ["-tuwxaneeo"]), ("sockets", ["-ln"]), ("sockets", ["-an", "--numeric-hosts"]),
    ("sockets", ["-San"]), ("sockets", ["-A", "inet6", "-an"]), ("groups", ["-gn"]),
    ("interfaces", ["-ian"]), ("routes", ["-rn"]), ("routes", ["-6rn"]), ("routes", ["-rnC"]),
    ("statistics", ["-s"]), ("statistics", ["-s6"]), ("statistics", ["-st"]),
]


def decode_text(text):
    """NETSTAT-AUDIT TEXT → bytes: U+EF80-U+EFFF are raw bytes, the rest is UTF-8."""
    out = bytearray()
    for ch in text:
        cp = ord(ch)
        out += bytes([cp - 0xEF00]) if 0xEF80 <= cp <= 0xEFFF else ch.encode("utf-8")
    return bytes(out)


def load_validators(schema_dir):
    store = {}
    for name in os.listdir(schema_dir):
        if name.endswith(".schema.json"):
            with open(os.path.join(schema_dir, name)) as f:
                schema = json.load(f)
            store[schema["$id"]] = schema
    records = store[next(k for k in store if k.endswith("/records.schema.json"))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        def validator(schema):
            resolver = jsonschema.RefResolver.from_schema(schema, store=store)
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            return cls(schema, resolver=resolver, format_checker=cls.FORMAT_CHECKER)
        docs = {s["properties"]["document_type"]["const"]: validator(s)
                for s in store.values() if "document_type" in s.get("properties", {})}
        return docs, validator(records)


class JqBatch:
    """jq over many outputs at once (one process instead of hundreds); on a failure each
    output is tried alone to name the culprit."""

    def __init__(self):
        self.items = []

    def add(self, label, text):
        self.items.append((label, text))

    @staticmethod
    def parses(text):
        result = subprocess.run(["jq", "-c", "."], input=text.encode(), capture_output=True)
        return result.returncode == 0 and result.stdout.count(b"\n") >= 1

    def check(self, failures):
        if self.parses("\n".join(text for _, text in self.items)):
            return
        failures.extend(f"{label}: jq rejects it" for label, text in self.items
                        if not self.parses(text))


JQ = JqBatch()


def run(binary, proc, args):
    result = subprocess.run([binary, "--proc-root", proc] + args, capture_output=True,
                            timeout=60)
    return result.returncode, result.stdout.decode("utf-8")  # strict: must be valid UTF-8


def errors_of(validator, value):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in validator.iter_errors(value)]


def check_view(binary, proc, doc_type, args, docs, record_validator, failures):
    label = f"{os.path.basename(os.path.dirname(proc))} {' '.join(args)}"
    status, text = run(binary, proc, args + ["--json"])
    if status not in (0, 1):
        failures.append(f"{label} --json: status {status}")
        return None
    document = json.loads(text)
    if document.get("document_type") != doc_type:
        failures.append(f"{label}: document_type {document.get('document_type')}")
    for error in errors_of(docs[document["document_type"]], document)[:5]:
        failures.append(f"{label} --json: {error}")
    if json.loads(json.dumps(document, ensure_ascii=False)) != document:
        failures.append(f"{label} --json: does not round-trip")
    JQ.add(f"{label} --json", text)
    status, text = run(binary, proc, args + ["--ndjson"])
    lines = [line for line in text.split("\n") if line]
    records = [json.loads(line) for line in lines]
    expected = len(document["records"]) + len(document["diagnostics"])
    if len(records) != expected:
        failures.append(f"{label} --ndjson: {len(records)} lines, the document has {expected}")
    for record in records:
        for error in errors_of(record_validator, record)[:3]:
            failures.append(f"{label} --ndjson: {error}")
        if json.loads(json.dumps(record)) != record:
            failures.append(f"{label} --ndjson: a line does not round-trip")
    if lines:
        JQ.add(f"{label} --ndjson", text)
    return document


def check_hostile_strings(binary, fixtures, failures):
    """Paths and program names of json_strings come back byte for byte."""
    proc = os.path.join(fixtures, "json_strings", "proc")
    with open(os.path.join(proc, "net", "unix"), "rb") as f:
        paths = {line.split(b" ")[-1].rstrip(b"\n") for line in f.read().splitlines(True)[1:]}
    names = set()
    for pid in os.listdir(proc):
        if pid.isdigit():
            with open(os.path.join(proc, pid, "cmdline"), "rb") as f:
                names.add(f.read().split(b"\0")[0].rsplit(b"/", 1)[-1])
    _, text = run(binary, proc, ["-xapn", "--json"])
    records = json.loads(text)["records"]
    got_paths = {decode_text(r["netstat_audit"]["socket"]["path"]) for r in records}
    got_names = {decode_text(r["process"]["name"]) for r in records}
    if got_paths != paths:
        failures.append(f"json_strings: paths {sorted(got_paths)} != {sorted(paths)}")
    if got_names != names:
        failures.append(f"json_strings: names {sorted(got_names)} != {sorted(names)}")
    if len(paths) < 6:
        failures.append("json_strings: fixture lost its hostile paths")


def check_netns(binary, fixtures, docs, record_validator, failures):
    """--netns=all on the fixture of several namespaces: records tagged and schema-valid."""
    proc = os.path.join(fixtures, "netns", "proc")
    document = check_view(binary, proc, "sockets", ["-tanp", "--netns=all"], docs,
                          record_validator, failures)
    if document is None:
        return
    tags = {(r["netstat_audit"]["netns"]["label"], r.get("container", {}).get("runtime"),
             r["source"]["port"]) for r in document["records"]}
    want = {("host", None, 22), ("docker:4c01db0b339c", "docker", 80), ("sleep", None, 31337),
            ("blue", None, 8080)}
    if tags != want:
        failures.append(f"netns --netns=all: records {sorted(tags, key=str)}, want {sorted(want, key=str)}")


def strip_clock(document):
    document = dict(document)
    for key in ("@timestamp", "event"):
        document.pop(key, None)
    return document


def check_output_file(binary, fixtures, failures):
    """--output FILE and FILE.gz hold what stdout gets."""
    proc = os.path.join(fixtures, "sock", "proc")
    _, text = run(binary, proc, ["-tan", "--json"])
    with tempfile.TemporaryDirectory() as tmp:
        for name, opener in (("snap.json", open), ("snap.json.gz", gzip.open)):
            path = os.path.join(tmp, name)
            status, out = run(binary, proc, ["-tan", "--json", "--output=" + path])
            with opener(path, "rt") as f:
                stored = json.load(f)
            if status != 0 or out != "" or strip_clock(stored) != strip_clock(json.loads(text)):
                failures.append(f"--output {name}: status {status}, content differs")
        os.symlink(os.path.join(tmp, "snap.json"), os.path.join(tmp, "link.json"))
        result = subprocess.run([binary, "--proc-root", proc, "-tan", "--json",
                                 "--output", os.path.join(tmp, "link.json")], capture_output=True)
        if result.returncode != 3 or b"symbolic link" not in result.stderr:
            failures.append(f"--output through a symlink: status {result.returncode}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--fixtures", default=os.path.join(ROOT, "tests", "fixtures"))
    parser.add_argument("--schemas", default=os.path.join(ROOT, "src", "schema"))
    parser.add_argument("--shard", default="1/1", help="K/N: the K-th of N slices")
    options = parser.parse_args()
    shard, shards = (int(n) for n in options.shard.split("/"))
    if not 1 <= shard <= shards:
        parser.error(f"--shard {options.shard}: want K/N with 1 <= K <= N")
    docs, record_validator = load_validators(options.schemas)
    failures = []
    runs = 0
    trees = [name for name in sorted(os.listdir(options.fixtures)) if not name.startswith("_")
             and os.path.isdir(os.path.join(options.fixtures, name, "proc"))]
    for name in trees[shard - 1::shards]:
        proc = os.path.join(options.fixtures, name, "proc")
        for doc_type, args in VIEWS:
            expected = doc_type
            check_view(options.bin, proc, expected, args, docs, record_validator, failures)
            runs += 1
    if runs == 0:
        failures.append(f"shard {options.shard}: no fixture tree")
    extras = [lambda: check_netns(options.bin, options.fixtures, docs, record_validator, failures),
              lambda: check_hostile_strings(options.bin, options.fixtures, failures),
              lambda: check_output_file(options.bin, options.fixtures, failures)]
    for check in extras[shard - 1::shards]:
        check()
    JQ.check(failures)
    for failure in failures[:50]:
        print("FAIL", failure)
    print(f"{runs} view runs (x2 formats), {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
