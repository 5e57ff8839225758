#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --ndjson through a real rsyslogd (Debian's rsyslog): imfile reads the records, mmjsonparse
# parses each one, omfile writes the parse result per record. Private config, work directory
# and pid file; no system daemon or socket is touched. Every record must parse.
# Usage: run_rsyslog.sh --bin build/netstat-audit [--fixtures tests/fixtures]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin="" fixtures="$here/../fixtures"
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$2; shift 2 ;;
    --fixtures) fixtures=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; exit 77; }
rsyslogd=$(command -v rsyslogd || echo /usr/sbin/rsyslogd)
[ -x "$rsyslogd" ] || { echo "SKIP: rsyslogd not installed"; exit 77; }

work=$(mktemp -d /tmp/netstat-audit-rsyslog.XXXXXX)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Records from several views, hostile strings included.
{
  "$bin" --proc-root "$fixtures/sock/proc" -tuwxanp --ndjson
  "$bin" --proc-root "$fixtures/json_strings/proc" -tuxapn --ndjson
  "$bin" --proc-root "$fixtures/ctrl_cmdline/proc" -tuxapn --ndjson
  "$bin" --proc-root "$fixtures/route/proc" -rn --ndjson
  "$bin" --proc-root "$fixtures/snmp_nz/proc" -s --ndjson
} > "$work/records.ndjson" || true
expected=$(wc -l < "$work/records.ndjson")
[ "$expected" -gt 20 ] || { echo "FAIL: only $expected records to feed"; exit 1; }

cat > "$work/rsyslog.conf" <<CONF
global(workDirectory="$work" maxMessageSize="256k")
module(load="imfile" mode="polling" PollingInterval="1")
module(load="mmjsonparse")
template(name="parsed" type="string"
         string="%\$.parse% %\$!netstat_audit!record_type% %\$!netstat_audit!schema_version%\n")
input(type="imfile" File="$work/in.ndjson" Tag="netstat-audit:" ruleset="ingest"
      freshStartTail="off")
ruleset(name="ingest") {
  action(type="mmjsonparse" cookie="" useRawMsg="on")
  set \$.parse = \$parsesuccess;
  action(type="omfile" file="$work/parsed.txt" template="parsed")
}
CONF
"$rsyslogd" -N1 -f "$work/rsyslog.conf" >/dev/null 2>"$work/check.err" ||
  { echo "FAIL: rsyslogd rejects the config"; cat "$work/check.err"; exit 1; }
cp "$work/records.ndjson" "$work/in.ndjson"
"$rsyslogd" -n -f "$work/rsyslog.conf" -i "$work/rsyslogd.pid" 2>"$work/rsyslogd.err" &
pid=$!

# Bounded: at most 30 s for rsyslog to parse everything.
for _ in $(seq 1 60); do
  got=$( [ -f "$work/parsed.txt" ] && wc -l < "$work/parsed.txt" || echo 0)
  [ "$got" -ge "$expected" ] && break
  sleep 0.5
done
got=$( [ -f "$work/parsed.txt" ] && wc -l < "$work/parsed.txt" || echo 0)
ok=$(grep -c '^OK [a-z_]* 1$' "$work/parsed.txt" || true)
echo "records $expected, written by rsyslog $got, parsed OK $ok"
if [ "$got" -ne "$expected" ] || [ "$ok" -ne "$expected" ]; then
  echo "FAIL: every record must be parsed by mmjsonparse"
  grep -v '^OK [a-z_]* 1$' "$work/parsed.txt" | head -5 || true
  head -c 2000 "$work/rsyslogd.err"
  exit 1
fi
