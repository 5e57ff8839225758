#!/bin/bash
# SPDX-License-Identifier: MIT
# The inside of run_race_stress.sh, run in a fresh network namespace: BIN ROUNDS.
set -u
bin=$1 rounds=$2
ip link set lo up
work=$(mktemp -d)
# the churn: forks children that connect, accept, hold and drop sockets until stdin closes
python3 - > /dev/null 2>&1 <<'PY' &
import os, random, socket, sys, time
server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen(512)
port = server.getsockname()[1]
deadline = time.time() + 600
children = []
while time.time() < deadline and os.getppid() != 1:
    pid = os.fork()
    if pid == 0:
        held = []
        for _ in range(random.randint(1, 8)):
            c = socket.create_connection(("127.0.0.1", port)); held.append(c)
            a, _ = server.accept(); held.append(a)
            u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0)); held.append(u)
            x, y = socket.socketpair(); held += [x, y]
        time.sleep(random.random() / 50)
        for s in held[: len(held) // 2]:
            s.close()
        time.sleep(random.random() / 50)
        os._exit(0)
    children.append(pid)
    while len(children) > 24:
        os.waitpid(children.pop(0), 0)
PY
churn=$!
trap 'kill $churn 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
status=0 most_rows=0
fail() { echo "race-stress: round $1: $2"; status=1; }
for ((round = 1; round <= rounds && status == 0; round++)); do
    for args in "-atnp" "-xp" "-i" "audit"; do
        # shellcheck disable=SC2086
        "$bin" $args > "$work/out" 2> "$work/err" < /dev/null
        rc=$?
        case $args in audit) [ $rc -le 2 ] || fail $round "audit exited $rc" ;;
                      *) [ $rc -eq 0 ] || fail $round "$args exited $rc" ;; esac
        if grep -q -E "internal error|Sanitizer|runtime error" "$work/err"; then
            fail $round "$args: $(head -3 "$work/err")"
        fi
        if [ "$args" = -atnp ]; then
            rows=$(($(wc -l < "$work/out") - 2))
            [ $rows -gt $most_rows ] && most_rows=$rows
            dup=$(tail -n +3 "$work/out" | awk '{print $1, $4, $5, $6}' | sort | uniq -d | head -3)
            [ -z "$dup" ] || fail $round "-atnp printed a row twice: $dup"
        fi
    done
done
[ $most_rows -ge 10 ] || fail $round "the churn never showed: at most $most_rows -atnp rows"
echo "race-stress: $((round - 1)) rounds of -atnp -xp -i audit (up to $most_rows TCP rows): $([ $status = 0 ] && echo clean || echo FAILED)"
exit $status
