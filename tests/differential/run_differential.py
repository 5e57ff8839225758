#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential test: netstat-audit against /usr/bin/netstat on random /proc/net trees.

usage: run_differential.py --bin PATH [--suite sockets|system] [--netstat PATH] [--seeds LIST]
                           [--jobs N] [--keep DIR]
                           [--pending FILE]

For each seed, scripts/random_proc.py (or, from seed 101 on, scripts/scanf_edge_proc.py) writes
a tree; one private mount namespace per seed puts
it on a tmpfs over /proc, bind-mounts the fixed /etc files of tests/fixtures/sock/etc (so names
resolve the same way for both tools) and runs both tools, as argv[0] "netstat" and with
LC_ALL=C, for every option set below. stdout, stderr and exit status must match byte for byte.
--suite system does the same for -r and -s on scripts/random_system_proc.py trees, --suite
interfaces for -i on random /proc/net/dev files in a fresh network namespace.
Odd seeds give netstat-audit `--proc-root /proc`, even seeds let it read /proc by default.
Option sets listed in tests/differential/pending.txt (known bugs) may differ: their diffs are
printed as XFAIL and do not fail the run; a listed set that matches everywhere is reported.
Exit: 0 all equal, 1 some difference (seeds and reproduction commands printed), 77 skipped
(no mount namespace, or no reference netstat).
"""
import argparse
import concurrent.futures
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import random_proc  # noqa: E402
import random_system_proc  # noqa: E402
import scanf_edge_proc  # noqa: E402

# fixed, so a failure names a seed that reproduces it; 40 trees (-p sets: random /proc/PID too),
# then 30 trees from scanf_edge_proc.py (seeds from EDGE_SEED_BASE on: netstat's sscanf rules)
EDGE_SEED_BASE = 101
SEEDS = list(range(1, 41)) + list(range(EDGE_SEED_BASE, EDGE_SEED_BASE + 30))

OPTION_SETS = [
    "-tuln", "-tan", "-tanW", "-tane", "-tano", "-uan", "-wan", "-an", "-ln", "-xa", "-xan",
    "-tunl4", "-tunl6", "-tul", "-at", "-Uan", "-aeoW", "-tanp", "-uwanp", "-xap", "-aep",
    "--tcp --udp --listening --numeric", "--tcp --all --numeric",
    "--tcp --all --numeric --wide", "--tcp --all --numeric --extend",
    "--tcp --all --numeric --timers", "--udp --all --numeric", "--raw --all --numeric",
    "--all --numeric", "--listening --numeric", "--unix --all", "--unix --all --numeric",
    "--tcp --udp --numeric --listening --inet", "--tcp --udp --numeric --listening --inet6",
    "--tcp --udp --listening", "--all --tcp", "--udplite --all --numeric",
    "--tcp --all --numeric --programs", "--unix --all --program",
]

# --suite system: routes and statistics on scripts/random_system_proc.py trees
SYSTEM_SEEDS = list(range(1, 61))
SYSTEM_OPTION_SETS = [
    "-rn", "-r", "-rne", "-ree", "-reen", "-rN", "-6rn", "-6r", "-6rne", "-rC", "-r -A inet6 -n",
    "--route --numeric", "-s", "-st", "-su", "-sw", "-s6", "-s6u", "-sS", "-stu",
    "--statistics --tcp", "-s -4 -6",
]

# --suite interfaces: -i on random /proc/net/dev files, in a fresh network namespace holding
# the interfaces scripts/netns_setup.sh builds (their ioctl facts are the same for both tools)
INTERFACE_SEEDS = list(range(1, 31))
INTERFACE_OPTION_SETS = ["-i", "-ia", "-ie", "-iae", "-iee", "-in", "-iv", "--interfaces --all"]

# Runs inside the namespace: $1 tree, $2 etc dir, $3 out dir, $4 ref bin dir, $5 our bin dir,
# $6 extra netstat-audit options, $7 option-set file (one set per line), $8 "1" to expose the
# process's own /proc entries to netstat-audit (sanitizer runtimes read them; see fakerun.sh),
# $9 a script that builds network interfaces in this (fresh) network namespace, or "".
NAMESPACE_SCRIPT = r'''
tree=$1 etc=$2 out=$3 refbin=$4 ourbin=$5 extra=$6 sets=$7 expose=$8 interfaces=$9
if [ -n "$interfaces" ]; then sh "$interfaces" --here > /dev/null 2>&1 || exit 98; fi
mount -t tmpfs none /proc || exit 99
mkdir -p /proc/net
cp -R --no-dereference "$tree/proc/." /proc/
for f in "$etc"/*; do mount --bind "$f" "/etc/${f##*/}" || exit 99; done
to=$(command -v timeout)
our=(netstat)
if [ "$expose" = 1 ]; then
    mkdir -p /proc/.real && mount -t proc proc /proc/.real || exit 99
    rm -rf /proc/self /proc/thread-self
    ln -s .real/self /proc/self
    ln -s .real/thread-self /proc/thread-self
    ln=$(command -v ln)
    our=("$(command -v bash)" -c "[ -e /proc/\$\$ ] || $ln -s .real/\$\$ /proc/\$\$; exec -a netstat netstat \"\$@\"" netstat)
fi
i=0
while IFS= read -r line; do
    eval "set -- $line"
    PATH=$refbin "$to" 10 netstat "$@" > "$out/ref.$i.out" 2> "$out/ref.$i.err" < /dev/null
    echo $? > "$out/ref.$i.rc"
    PATH=$ourbin "$to" 10 "${our[@]}" $extra "$@" > "$out/our.$i.out" 2> "$out/our.$i.err" < /dev/null
    echo $? > "$out/our.$i.rc"
    [ "$expose" = 1 ] && find /proc -maxdepth 1 -type l -name "[0-9]*" -delete
    i=$((i + 1))
done < "$sets"
'''


def read(path):
    with open(path, "rb") as f:
        return f.read()


def run_seed(seed, work, args):
    """Generates and runs one tree; returns a list of (option set, part, diff text)."""
    base = os.path.join(work, "seed%d" % seed)
    out = os.path.join(base, "out")
    os.makedirs(out)
    if args.suite == "system":
        random_system_proc.generate(seed, base)
    elif args.suite == "interfaces":
        random_system_proc.generate_interfaces(seed, base)
    elif seed >= EDGE_SEED_BASE:
        scanf_edge_proc.generate(seed, base)
    else:
        random_proc.generate(seed, base)
    extra = "--proc-root /proc" if seed % 2 else ""
    env = dict(os.environ, LC_ALL="C")
    env.pop("LANGUAGE", None)
    if args.expose_self:
        # LeakSanitizer's tracer reads /proc/PID/task through the fake /proc and fails there
        # now and then under load; leaks are checked by the unit and hostile tests instead.
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
    interfaces = args.suite == "interfaces"
    proc = subprocess.run(
        ["unshare", "-m"] + (["-n"] if interfaces else []) +
        ["--propagation", "private", "bash", "-c", NAMESPACE_SCRIPT, "ns",
         base, args.etc, out, os.path.join(work, "refbin"), os.path.join(work, "ourbin"), extra,
         os.path.join(work, "sets"), "1" if args.expose_self else "0",
         os.path.join(ROOT, "scripts", "netns_setup.sh") if interfaces else ""],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    if proc.returncode != 0:
        return [("(namespace)", "setup", proc.stdout.decode("latin-1"), ["?"])]
    problems = []
    for i, option_set in enumerate(args.option_sets):
        for part in ("out", "err", "rc"):
            ref = read(os.path.join(out, "ref.%d.%s" % (i, part)))
            our = read(os.path.join(out, "our.%d.%s" % (i, part)))
            if ref != our:
                diff = difflib.unified_diff(
                    ref.decode("latin-1").splitlines(True), our.decode("latin-1").splitlines(True),
                    "netstat." + part, "netstat-audit." + part, n=1)
                diff = list(diff)
                changed = [l[1:].rstrip("\n") for l in diff[2:] if l[:1] in "-+"]  # for pending
                lines = [repr(l)[1:-1][:200] + "\n" for l in diff]  # NULs and CRs made visible
                if len(lines) > args.diff_lines:
                    lines = lines[:args.diff_lines] + ["... (%d more diff lines)\n" % (len(lines) - args.diff_lines)]
                problems.append((option_set, part, "".join(lines), changed))
    if not problems and not args.keep:
        shutil.rmtree(base)
    return problems


def read_pending(path):
    """option set -> (reason, regex or None), from lines `OPTION SET [@ REGEX]  # reason`.

    With a regex, a mismatch is expected only when every changed line of its diff matches it
    (so a known raw-row bug does not hide a new tcp-row bug in the same option set)."""
    pending = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                entry, _, why = line.partition("#")
                option_set, _, regex = entry.partition("@")
                if option_set.strip():
                    pending[" ".join(option_set.split())] = (
                        why.strip(), re.compile(regex.strip()) if regex.strip() else None)
    return pending


def expected(pending, option_set, changed):
    """True when this mismatch (its changed lines) is covered by a pending entry."""
    if option_set not in pending:
        return False
    regex = pending[option_set][1]
    return regex is None or all(regex.search(l) for l in changed)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, help="netstat-audit binary")
    parser.add_argument("--netstat", default="/usr/bin/netstat", help="reference netstat")
    parser.add_argument("--etc", default=os.path.join(ROOT, "tests", "fixtures", "sock", "etc"))
    parser.add_argument("--suite", choices=("sockets", "system", "interfaces"), default="sockets",
                        help="socket tables (default), routes and statistics, or interfaces")
    parser.add_argument("--seeds", help="comma-separated seeds (default: the suite's list)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", help="keep the trees and outputs of every seed in this directory")
    parser.add_argument("--pending", default=os.path.join(HERE, "pending.txt"),
                        help="option sets expected to differ, one per line, '#' comments")
    parser.add_argument("--expose-self", action="store_true",
                        help="expose netstat-audit's own /proc entries (automatic for sanitizer builds)")
    parser.add_argument("--diff-lines", type=int, default=30, help="diff lines shown per mismatch")
    args = parser.parse_args()

    if not os.access(args.netstat, os.X_OK):
        print("differential: %s not found, skipping" % args.netstat)
        return 77
    if subprocess.run(["unshare", "-m", "--propagation", "private", "true"],
                      stderr=subprocess.DEVNULL).returncode != 0:
        print("differential: cannot create a mount namespace (needs root), skipping")
        return 77
    if args.suite == "interfaces" and subprocess.run(
            ["unshare", "-n", "sh", os.path.join(ROOT, "scripts", "netns_setup.sh"), "--here"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
        print("differential: cannot build veth interfaces in a network namespace, skipping")
        return 77
    default_seeds, args.option_sets = {
        "sockets": (SEEDS, OPTION_SETS),
        "system": (SYSTEM_SEEDS, SYSTEM_OPTION_SETS),
        "interfaces": (INTERFACE_SEEDS, INTERFACE_OPTION_SETS),
    }[args.suite]
    seeds = [int(s) for s in args.seeds.split(",")] if args.seeds else default_seeds
    if re.search(rb"__asan_init|__lsan_init|__tsan_init", read(args.bin)):
        args.expose_self = True
    args.etc = os.path.abspath(args.etc)

    work = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="netstat-diff.")
    os.makedirs(work, exist_ok=True)
    try:
        for name, target in (("refbin", args.netstat), ("ourbin", args.bin)):
            os.makedirs(os.path.join(work, name), exist_ok=True)
            link = os.path.join(work, name, "netstat")
            if os.path.lexists(link):
                os.remove(link)
            os.symlink(os.path.abspath(target), link)
        with open(os.path.join(work, "sets"), "w") as f:
            f.write("\n".join(args.option_sets) + "\n")
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = dict(zip(seeds, pool.map(lambda s: run_seed(s, work, args), seeds)))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    pending = read_pending(args.pending)
    xfail = {}
    for seed in seeds:
        kept = []
        for option_set, part, diff, changed in results[seed]:
            if expected(pending, option_set, changed):
                xfail.setdefault(option_set, []).append(seed)
                print("XFAIL seed %d: netstat %s: %s differs (pending)" % (seed, option_set, part))
            else:
                kept.append((option_set, part, diff, changed))
                print("=== seed %d: netstat %s: %s differs" % (seed, option_set, part))
            print(diff, end="")
        results[seed] = kept
    failed = [s for s in seeds if results[s]]
    runs = len(seeds) * len(args.option_sets)
    print("differential: %d trees x %d option sets = %d runs, %d mismatching (tool, args) pairs, "
          "%d pending option sets differing"
          % (len(seeds), len(args.option_sets), runs, sum(len(results[s]) for s in failed), len(xfail)))
    for option_set in sorted(pending):
        if option_set not in args.option_sets:
            continue  # another suite's entry
        if option_set in xfail:
            print("pending %r (%s) still differs on seeds %s" % (
                option_set, pending[option_set][0], ",".join(str(s) for s in sorted(set(xfail[option_set])))))
        else:
            print("XPASS: pending %r matches on every seed now; remove it from %s"
                  % (option_set, os.path.relpath(args.pending, ROOT)))
    if failed:
        print("failing seeds: %s" % ",".join(str(s) for s in failed))
        print("reproduce: scripts/random_proc.py SEED /tmp/t (scanf_edge_proc.py from seed %d) && "
              "scripts/fakerun.sh --etc tests/fixtures/sock/etc [--bin build/netstat-audit] /tmp/t ARGS"
              % EDGE_SEED_BASE)
        print("or: %s --bin %s --seeds %s --keep /tmp/diff"
              % (shlex.quote(os.path.relpath(__file__, ROOT)), args.bin, ",".join(str(s) for s in failed)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
