#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential test for -p: netstat-audit against /usr/bin/netstat on random /proc trees with
many processes (real fd symlinks, shared inodes, odd links and cmdlines), as root and as an
unprivileged user (fd directories chmod 500, some chowned to that user, like the perm fixtures).

usage: process_map_diff.py --bin PATH [--seeds N] [--keep DIR]

/proc/net comes from scripts/random_proc.py; the processes are generated here with printable
names only (UTF-8, blanks, long ones cut inside a character): control bytes are escaped by
netstat-audit on purpose and are covered by tests/unit/process_map_test.cpp. Both tools run in
one private mount namespace per tree, on the same tmpfs /proc, as argv[0] "netstat", LC_ALL=C.
Exit: 0 all equal, 1 some difference, 77 skipped (not root / no unshare / no netstat).
"""
import argparse
import re
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import random_proc  # noqa: E402

OPTION_SETS = ["-tanp", "-tulnp", "-atp", "-atnp", "-xap", "-tanpe", "-tunlpW", "-anp"]
NOBODY = 65534

CMDLINES = [
    b"/usr/sbin/sshd\0-D\0", b"sshd: alice@pts/0\0\0\0", b"", b"/usr/bin/\0",
    b"relative/path/tool\0x\0", b"/opt/x/y z/prog with space\0",
    b"averyveryverylongprogramname\0--flag\0", b"/usr/lib/systemd/systemd-resolved\0",
    b"/bin/\xc3\xa9t\xc3\xa9\0", b"/usr/bin/\xe4\xb8\xad\xe6\x96\x87\xe7\xa8\x8b\xe5\xba\x8f\xe5\x90\x8d\0",
    b"/a/" + b"b" * 600, b"no-nul-terminator", b"python3\0/srv/app.py\0", b"back\\slash\0",
]


class Gen(random_proc.Gen):
    """random_proc's /proc/net tables with this test's process population."""

    def processes(self, proc):
        r = self.rng
        count = r.choice([0, 5, 40, 150])
        pids = set()
        while len(pids) < count:
            pids.add(r.choice([r.randint(1, 99), r.randint(100, 40000), r.randint(40000, 4194304)]))
        for pid in pids:
            base = os.path.join(proc, str(pid))
            os.makedirs(os.path.join(base, "fd"))
            cmdline = r.choice(CMDLINES)
            if r.random() < 0.05:
                os.makedirs(os.path.join(base, "cmdline"))  # read() fails: process skipped
            elif r.random() < 0.95:
                with open(os.path.join(base, "cmdline"), "wb") as f:
                    f.write(cmdline)
            fd = -1
            for _ in range(r.choice([0, 1, 3, 10, 40])):
                fd += r.choice([1, 1, 2, 9])
                inode = (r.choice(self.inodes) if self.inodes and r.random() < 0.85
                         else r.getrandbits(24))
                target = r.choice(["socket:[%d]" % inode] * 8 + [
                    "[0000]:%d" % inode, "/dev/null", "pipe:[%d]" % inode, "socket:[%d" % inode,
                    "socket:[0%o]" % inode, "socket:[0x%x]" % inode, "socket:[7]"])
                os.symlink(target, os.path.join(base, "fd", str(fd)))


# $1 tree, $2 etc dir, $3 out dir, $4 ref bin dir, $5 our bin dir, $6 sets file, $7 "1" to give
# a sanitizer build its own /proc entries (its runtime reads /proc/self; see scripts/fakerun.sh).
# The exposed entry holds no socket, so it changes neither the map nor the notices.
NAMESPACE_SCRIPT = r'''
tree=$1 etc=$2 out=$3 refbin=$4 ourbin=$5 sets=$6 expose=$7
mount -t tmpfs none /proc || exit 99
mkdir -p /proc/net
cp -R --no-dereference "$tree/proc/." /proc/
for f in "$etc"/*; do mount --bind "$f" "/etc/${f##*/}" || exit 99; done
chmod 755 /proc
to=$(command -v timeout) sp=$(command -v setpriv) ln=$(command -v ln)
ours=()
if [ "$expose" = 1 ]; then
    mkdir -p /proc/.real && mount -t proc proc /proc/.real || exit 99
    rm -rf /proc/self /proc/thread-self
    ln -s .real/self /proc/self
    ln -s .real/thread-self /proc/thread-self
    # runs as root, links the pid that will exec netstat-audit (setpriv keeps the pid)
    ours=("$(command -v bash)" -c "$ln -s .real/\$\$ /proc/\$\$; exec \"\$@\"" bash)
fi
run_all() { # $1 label, rest: prefix command
    label=$1; shift
    i=0
    while IFS= read -r line; do
        eval "set -- $* $line"
        PATH=$refbin "$to" 60 "$@" > "$out/ref.$label.$i.out" 2> "$out/ref.$label.$i.err" < /dev/null
        echo $? > "$out/ref.$label.$i.rc"
        PATH=$ourbin "$to" 60 "${ours[@]}" "$@" > "$out/our.$label.$i.out" 2> "$out/our.$label.$i.err" < /dev/null
        echo $? > "$out/our.$label.$i.rc"
        [ "$expose" = 1 ] && find /proc -maxdepth 1 -type l -name "[0-9]*" -delete
        i=$((i + 1))
    done < "$sets"
}
run_all root netstat
for d in /proc/[0-9]*/fd; do [ -d "$d" ] && chmod 500 "$d"; done
for d in $(ls -d /proc/[0-9]*/fd 2>/dev/null | awk 'NR % 3 == 1'); do chown 65534:65534 "$d"; done
run_all user "$sp" --reuid=65534 --regid=65534 --clear-groups netstat
'''


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--netstat", default="/usr/bin/netstat")
    parser.add_argument("--seeds", type=int, default=30)
    parser.add_argument("--keep")
    parser.add_argument("--expose-self", action="store_true",
                        help="expose netstat-audit's own /proc entries (automatic for sanitizer builds)")
    args = parser.parse_args()
    with open(args.bin, "rb") as f:
        if re.search(rb"__asan_init|__lsan_init|__tsan_init", f.read()):
            args.expose_self = True
    if os.geteuid() != 0 or not os.path.exists(args.netstat) or subprocess.run(
            ["unshare", "-m", "true"], capture_output=True).returncode != 0:
        print("process_map_diff: needs root, unshare and %s; skipped" % args.netstat)
        return 77
    work = args.keep or tempfile.mkdtemp(prefix="process_map_diff.")
    os.makedirs(work, exist_ok=True)
    os.chmod(work, 0o755)
    for name, target in (("refbin", args.netstat), ("ourbin", os.path.abspath(args.bin))):
        os.makedirs(os.path.join(work, name), exist_ok=True)
        os.symlink(target, os.path.join(work, name, "netstat"))
    with open(os.path.join(work, "sets"), "w") as f:
        f.write("\n".join(OPTION_SETS) + "\n")
    env = dict(os.environ, LC_ALL="C")
    env.pop("LANGUAGE", None)
    if args.expose_self:
        # LeakSanitizer's tracer reads /proc/PID/task through the fake /proc and fails there
        # now and then under load; leaks are checked by the unit and hostile tests instead.
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
    failures = 0
    runs = 0
    for seed in range(1, args.seeds + 1):
        base = os.path.join(work, "seed%d" % seed)
        out = os.path.join(base, "out")
        os.makedirs(out)
        Gen(seed * 7919).tree(base)
        proc = subprocess.run(
            ["unshare", "-m", "--propagation", "private", "bash", "-c", NAMESPACE_SCRIPT, "ns",
             base, os.path.join(ROOT, "tests", "fixtures", "sock", "etc"), out,
             os.path.join(work, "refbin"), os.path.join(work, "ourbin"),
             os.path.join(work, "sets"), "1" if args.expose_self else "0"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
        if proc.returncode != 0:
            print("seed %d: namespace setup failed: %s" % (seed, proc.stdout.decode()))
            failures += 1
            continue
        for label in ("root", "user"):
            for i, option_set in enumerate(OPTION_SETS):
                runs += 1
                for part in ("out", "err", "rc"):
                    with open(os.path.join(out, "ref.%s.%d.%s" % (label, i, part)), "rb") as f:
                        ref = f.read()
                    with open(os.path.join(out, "our.%s.%d.%s" % (label, i, part)), "rb") as f:
                        our = f.read()
                    if ref != our:
                        failures += 1
                        print("seed %d (%s) %s: %s differs" % (seed, label, option_set, part))
                        if part != "out":  # short enough to show: the notice, a status, a crash
                            print("  netstat:       %r\n  netstat-audit: %r" % (ref[:300], our[:300]))
    if not args.keep:
        shutil.rmtree(work)
    print("process_map_diff: %d trees x %d option sets x root/user = %d runs, %d differences"
          % (args.seeds, len(OPTION_SETS), runs, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
