#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the interfaces the -i goldens were recorded with (copied from the probe kit).
#
# usage: netns_setup.sh          create network namespaces nsprobe/nspeer with veth pairs
#                                (undo with netns_teardown.sh); run cases via `ip netns exec nsprobe`
#        netns_setup.sh --here   build the same interfaces in the current network namespace, which
#                                must be a fresh one (fakerun.sh --netns: `unshare -n`); the veth
#                                peers stay in this namespace too. They carry no IPv4 address, so
#                                SIOCGIFCONF does not report them and netstat -i output is the same.
set -e
if [ "${1:-}" = "--here" ]; then
    P="" PEER="" NSP="" NSPEER=""
else
    ip netns add nsprobe
    ip netns add nspeer
    P="-n nsprobe" PEER="-n nspeer" NSP="netns nsprobe" NSPEER="netns nspeer"
fi
# shellcheck disable=SC2086
{
ip link add veth0 $NSP type veth peer name p0 $NSPEER
ip link add veth10 $NSP type veth peer name p10 $NSPEER
ip link add veth2 $NSP type veth peer name p2 $NSPEER
ip link add averylongifname $NSP type veth peer name plong $NSPEER
for l in p0 p10 p2 plong; do ip $PEER link set $l up; done
ip $P link set lo up
ip $P link set veth0 address 02:00:5e:10:00:01
ip $P link set veth0 up
ip $P link set veth10 address 02:00:5e:10:00:0a
ip $P link set veth2 address 02:00:5e:10:00:02
ip $P link set averylongifname address 02:00:5e:10:00:ff
ip $P link set veth10 mtu 9000
ip $P link set veth10 arp off
ip $P link set veth10 up
ip $P link set averylongifname up
ip $P link set averylongifname promisc on
ip $P link set averylongifname allmulticast on
ip $P addr add 198.51.100.10/24 dev veth0
ip $P addr add 198.51.100.11/24 dev veth0 label veth0:1
ip $P addr add 203.0.113.1/25 broadcast 203.0.113.127 dev veth10
}
