// SPDX-License-Identifier: MIT
// /proc/net/dev → statistics rows and /proc/net/if_inet6 → IPv6 addresses, as netstat reads them.
#include "netstat_audit/parse/net_dev.hpp"

#include "netstat_audit/parse/scanner.hpp"

#include <cctype>
#include <span>

namespace netstat_audit {

namespace {

constexpr std::size_t k_max_name = 15; // IFNAMSIZ - 1

bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// netstat's get_name(): returns the name and leaves `line` at the counters.
std::string read_name(std::string_view& line) {
    std::size_t p = 0;
    while (p < line.size() && is_space(line[p]))
        ++p;
    std::string name;
    while (p < line.size() && line[p] != '\0' && !is_space(line[p])) {
        if (name.size() >= k_max_name)
            break;
        if (line[p] == ':') {
            std::size_t q = p + 1;
            while (q < line.size() && is_digit(line[q]))
                ++q;
            if (q < line.size() && line[q] == ':') { // "eth0:1:" is an alias
                name.append(line.substr(p, q - p));
                p = q;
            }
            ++p;
            break;
        }
        name += line[p++];
    }
    line.remove_prefix(p);
    return name;
}

// The counter order of each /proc/net/dev layout (netstat's get_dev_fields()).
void read_counters(std::string_view counters, int layout, InterfaceStats& s) {
    std::uint64_t* const k_full[] = {
        &s.rx_bytes, &s.rx_packets,    &s.rx_errors,     &s.rx_dropped,
        &s.rx_fifo,  &s.rx_frame,      &s.rx_compressed, &s.rx_multicast,
        &s.tx_bytes, &s.tx_packets,    &s.tx_errors,     &s.tx_dropped,
        &s.tx_fifo,  &s.tx_collisions, &s.tx_carrier,    &s.tx_compressed};
    std::uint64_t* const k_bytes[] = {&s.rx_bytes,  &s.rx_packets, &s.rx_errors, &s.rx_dropped,
                                      &s.rx_fifo,   &s.rx_frame,   &s.tx_bytes,  &s.tx_packets,
                                      &s.tx_errors, &s.tx_dropped, &s.tx_fifo,   &s.tx_collisions,
                                      &s.tx_carrier};
    std::uint64_t* const k_old[] = {&s.rx_packets, &s.rx_errors,     &s.rx_dropped, &s.rx_fifo,
                                    &s.rx_frame,   &s.tx_packets,    &s.tx_errors,  &s.tx_dropped,
                                    &s.tx_fifo,    &s.tx_collisions, &s.tx_carrier};
    std::span<std::uint64_t* const> fields = std::span<std::uint64_t* const>(k_old);
    if (layout == 3)
        fields = k_full;
    else if (layout == 2)
        fields = k_bytes;
    ScanCursor in(counters);
    for (std::uint64_t* field : fields) {
        auto value = in.unsigned_number(10);
        if (!value)
            return;
        *field = *value;
    }
}

int layout_of(std::string_view second_header_line) {
    if (second_header_line.find("compressed") != std::string_view::npos)
        return 3;
    return second_header_line.find("bytes") != std::string_view::npos ? 2 : 1;
}

} // namespace

ParseResult<InterfaceStatsRow> parse_net_dev(std::string_view text) {
    ParseResult<InterfaceStatsRow> result;
    int layout = 1;
    std::size_t line_number = 0;
    for_each_fgets_chunk(text, [&](std::string_view line) {
        ++line_number;
        if (line_number == 2)
            layout = layout_of(line);
        if (line_number <= 2)
            return;
        InterfaceStatsRow row;
        row.name = read_name(line);
        read_counters(line, layout, row.stats);
        result.rows.push_back(std::move(row));
    });
    return result;
}

ParseResult<Inet6InterfaceAddress> parse_if_inet6(std::string_view text) {
    ParseResult<Inet6InterfaceAddress> result;
    std::size_t line_number = 0;
    for_each_fgets_chunk(text, [&](std::string_view line) {
        ++line_number;
        ScanCursor in(line);
        auto hex = in.word();
        auto index = in.unsigned_number(16);
        auto prefix = in.unsigned_number(16);
        auto scope = in.unsigned_number(16);
        auto flags = in.unsigned_number(16);
        auto device = in.word();
        auto address =
            hex && hex->size() == 32 ? parse_proc_hex_address(*hex, IpVersion::v6) : std::nullopt;
        if (!address || !index || !prefix || !scope || !flags || !device) {
            result.diagnostics.push_back({"net/if_inet6", line_number, "bogus"});
            return;
        }
        // if_inet6 writes the address bytes in network order, unlike the socket tables.
        Inet6InterfaceAddress row;
        for (std::size_t i = 0; i < 16; ++i)
            row.address.bytes[i] = static_cast<std::uint8_t>(*parse_hex(hex->substr(2 * i, 2)));
        row.prefix_length = static_cast<std::uint32_t>(*prefix);
        row.scope = static_cast<std::uint32_t>(*scope);
        row.device = std::string(*device);
        result.rows.push_back(std::move(row));
    });
    return result;
}

} // namespace netstat_audit
