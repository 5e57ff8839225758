// SPDX-License-Identifier: MIT
// Tests for the interface table presenter.
#include "netstat_audit/view/interfaces_view.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

using namespace netstat_audit;

namespace {

Interface veth0() {
    Interface i;
    i.name = "veth0";
    i.facts.flags = 0x1043 | 0x1000; // UP BROADCAST RUNNING MULTICAST
    i.facts.hardware_type = 1;
    i.facts.hardware_address = {0x02, 0x00, 0x5e, 0x10, 0x00, 0x01, 0, 0};
    i.facts.mtu = 1500;
    i.facts.tx_queue_length = 1000;
    i.facts.ipv4 = Ipv4Config{make_ipv4(198, 51, 100, 10), make_ipv4(255, 255, 255, 0),
                              make_ipv4(0, 0, 0, 0), make_ipv4(198, 51, 100, 10)};
    InterfaceStats s;
    s.rx_packets = 123456789012;
    s.rx_bytes = 1234567890123;
    s.rx_errors = 1;
    s.rx_dropped = 2;
    s.rx_fifo = 3;
    s.rx_frame = 4;
    s.tx_packets = 4321;
    s.tx_bytes = 987654;
    s.tx_errors = 7;
    s.tx_dropped = 8;
    s.tx_fifo = 9;
    s.tx_collisions = 10;
    s.tx_carrier = 11;
    i.stats = s;
    return i;
}

} // namespace

TEST(InterfaceFlagLetters, OrderAndDoubleP) {
    EXPECT_EQ(interface_flag_letters(0), "[NO FLAGS]");
    EXPECT_EQ(interface_flag_letters(0x1343), "ABMPRU");
    EXPECT_EQ(interface_flag_letters(0x1191), "MPOPU");
}

TEST(RenderInterfaceRow, StatisticsAndNoStatistics) {
    std::string out;
    Interface i = veth0();
    render_interface_row(out, i);
    i.name = "veth0:1";
    i.stats.reset();
    render_interface_row(out, i);
    EXPECT_EQ(out, "veth0            1500 123456789012      1      2 3          4321      7      "
                   "8      9 BMRU\n"
                   "veth0:1          1500      - no statistics available -                        "
                   "BMRU\n");
}

TEST(HumanBytes, TruncatesTenths) {
    EXPECT_EQ(human_bytes(0), "0.0 B");
    EXPECT_EQ(human_bytes(1024), "1024.0 B");
    EXPECT_EQ(human_bytes(3267), "3.1 KiB");
    EXPECT_EQ(human_bytes(987654), "964.5 KiB");
    EXPECT_EQ(human_bytes(1048577), "1.0 MiB");
    EXPECT_EQ(human_bytes(1234567890123), "1.1 TiB");
    EXPECT_EQ(human_bytes(18446744073709551615u), "16.0 EiB");
}

TEST(RenderInterfaceLong, EthernetStanza) {
    std::string out;
    Inet6InterfaceAddress compat;
    compat.prefix_length = 96;
    compat.scope = 0x80;
    const Inet6InterfaceAddress rows[] = {compat};
    const std::string texts[] = {"::192.0.2.9"};
    render_interface_long(out, veth0(), rows, texts);
    EXPECT_EQ(out, "veth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                   "        inet 198.51.100.10  netmask 255.255.255.0  broadcast 0.0.0.0\n"
                   "        inet6 ::192.0.2.9  prefixlen 96  scopeid 0x80<compat,global>\n"
                   "        ether 02:00:5e:10:00:01  txqueuelen 1000  (Ethernet)\n"
                   "        RX packets 123456789012  bytes 1234567890123 (1.1 TiB)\n"
                   "        RX errors 1  dropped 2  overruns 3  frame 4\n"
                   "        TX packets 4321  bytes 987654 (964.5 KiB)\n"
                   "        TX errors 7  dropped 8 overruns 9  carrier 11  collisions 10\n"
                   "\n");
}

TEST(RenderInterfaceLong, FlagEdgeCasesAndUnspecAddress) {
    Interface i;
    i.name = "x";
    i.facts.hardware_type = 65534;
    std::string out;
    render_interface_long(out, i, {}, {});
    EXPECT_EQ(out, "x: flags=0<  mtu 0\n"
                   "        unspec 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00  (UNSPEC)\n\n");
    i.facts.flags = 0x2000;
    i.facts.hardware_type = 768;
    out.clear();
    render_interface_long(out, i, {}, {});
    EXPECT_EQ(out, "x: flags=8192  mtu 0\n        tunnel   (IPIP Tunnel)\n\n");
    // DYNAMIC is bit 15 of netstat's short: the number prints negative (golden ie_dynamic)
    i.facts.flags = 0x9043;
    out.clear();
    render_interface_long(out, i, {}, {});
    EXPECT_EQ(out.substr(0, out.find('\n')),
              "x: flags=-28605<UP,BROADCAST,RUNNING,MULTICAST,DYNAMIC>  mtu 0");
}
