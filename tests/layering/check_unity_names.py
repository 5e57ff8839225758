#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The unit tests build as a unity build (tests/CMakeLists.txt: 8 files per translation unit), so
# a file-local name (a helper in an anonymous namespace, a fixture class, a constant) defined in
# two files of tests/unit either fails to compile or, as an overload with another signature,
# silently calls the other file's helper in whichever batch they meet. This lists every
# top-level name defined in more than one file and fails when there is one. A using-declaration
# of the same shared name (`using test_support::options_for;`) is not a definition.
# Usage: check_unity_names.py DIR   (exit 1 and the clashes listed when there are any)
#        check_unity_names.py --self-test   (plants two clashes and one allowed using-declaration)
import collections
import pathlib
import re
import sys

SKIP = ("TEST", "INSTANTIATE", "using namespace", "namespace", "public:", "private:",
        "protected:", "return", "#", "//", "}")
TYPE = re.compile(r"^(?:template\s*<[^>]*>\s*)?(?:class|struct|enum class|enum|union)\s+(\w+)")
ALIAS = re.compile(r"^using\s+(\w+)\s*=")
USING_DECL = re.compile(r"^using\s+[\w:]+::\w+\s*;")
OTHER = re.compile(r"^[^(=]*?(\w+)\s*(?:\(|=|\{|\[|;)")


def top_level_names(path):
    """The names a file defines at column 0 (where this project's style puts them)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or not re.match(r"[A-Za-z]", line) or line.startswith(SKIP):
            continue
        if USING_DECL.match(line):
            continue
        for pattern in (TYPE, ALIAS, OTHER):
            match = pattern.match(line)
            if match:
                yield match.group(1)
                break


def clashes_in(directory):
    files = collections.defaultdict(set)
    for path in sorted(directory.glob("*.cpp")):
        for name in top_level_names(path):
            files[name].add(path.name)
    return {name: where for name, where in files.items() if len(where) > 1}


def self_test():
    import tempfile
    with tempfile.TemporaryDirectory() as temp:
        root = pathlib.Path(temp)
        (root / "a_test.cpp").write_text("using test_support::options_for;\nnamespace {\n"
                                         "int helper(int x) { return x; }\n}\n")
        (root / "b_test.cpp").write_text("using test_support::options_for;\nnamespace {\n"
                                         "int helper(long x) { return 1; }\n"
                                         "struct Fixture : ::testing::Test {};\n}\n")
        (root / "c_test.cpp").write_text("class Fixture {};\nconstexpr int k_unique = 1;\n")
        found = clashes_in(root)
        expected = {"helper": {"a_test.cpp", "b_test.cpp"},
                    "Fixture": {"b_test.cpp", "c_test.cpp"}}
        if found != expected:
            print(f"self-test: found {found}, expected {expected}")
            return 1
    print("self-test: both planted clashes found, the shared using-declaration allowed")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    directory = pathlib.Path(sys.argv[1])
    clashes = clashes_in(directory)
    for name, where in sorted(clashes.items()):
        print(f"{name}: {' '.join(sorted(where))}")
    if clashes:
        print(f"{len(clashes)} name(s) defined in more than one file of {directory}: give each "
              "a name of its file's subject (the unit tests are a unity build)")
    return 1 if clashes else 0


if __name__ == "__main__":
    sys.exit(main())
