// SPDX-License-Identifier: MIT
// Socket table presenters: byte widths and texts copied from netstat 2.10's observed output.
#include "netstat_audit/view/sockets_view.hpp"

#include "netstat_audit/view/text.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>

namespace netstat_audit {

namespace {

std::string_view title_suffix(ListingFilter filter) {
    switch (filter) {
    case ListingFilter::all:
        return "(servers and established)";
    case ListingFilter::listening:
        return "(only servers)";
    case ListingFilter::connected:
        break;
    }
    return "(w/o servers)";
}

ServiceTable service_table(InetProtocol protocol) {
    switch (protocol) {
    case InetProtocol::tcp:
        return ServiceTable::tcp;
    case InetProtocol::udp:
    case InetProtocol::udplite:
        return ServiceTable::udp;
    case InetProtocol::raw:
        break;
    }
    return ServiceTable::raw;
}

// netstat's tcp state table, plus the four texts it reads past the table for 0x0C-0x0F.
constexpr std::array<std::string_view, 16> k_tcp_states = {
    "",          "ESTABLISHED", "SYN_SENT",   "SYN_RECV",   "FIN_WAIT1", "FIN_WAIT2",
    "TIME_WAIT", "CLOSE",       "CLOSE_WAIT", "LAST_ACK",   "LISTEN",    "CLOSING",
    "LISTENING", "CONN SENT",   "DISC SENT",  "ESTABLISHED"};

// The part of the table netstat defines (the rest is read past its end).
constexpr std::size_t k_defined_tcp_states = 12;

std::string seconds_text(std::uint64_t jiffies) {
    return fmt::format("{:.2f}", static_cast<double>(jiffies) / 100.0);
}

} // namespace

namespace {

// Fills the words of `address` past `reached` from `words`, and takes the reached ones into it.
void carry_ipv6_words(IpAddress& address, std::uint8_t reached, ProcIpv6Words& words) {
    for (std::size_t i = 0; i < 4; ++i) {
        std::uint8_t* bytes = address.bytes.data() + 4 * i;
        if (i < reached) {
            words[i] = static_cast<std::uint32_t>(bytes[0]) |
                       static_cast<std::uint32_t>(bytes[1]) << 8 |
                       static_cast<std::uint32_t>(bytes[2]) << 16 |
                       static_cast<std::uint32_t>(bytes[3]) << 24;
        } else {
            for (std::size_t b = 0; b < 4; ++b)
                bytes[b] = static_cast<std::uint8_t>(words[i] >> (8 * b));
        }
    }
}

template <typename T> void carry(T& value, T& kept, std::uint8_t present, std::uint8_t bit) {
    if (present & bit)
        kept = value;
    else
        value = kept;
}

} // namespace

InetSocket InetCarryOver::apply(const InetSocket& socket) {
    InetSocket shown = socket;
    carry(shown.retransmits, m_retransmits, socket.present, inet_field::k_retransmits);
    carry(shown.uid, m_uid, socket.present, inet_field::k_uid);
    carry(shown.timeout, m_timeout, socket.present, inet_field::k_timeout);
    carry(shown.inode, m_inode, socket.present, inet_field::k_inode);
    shown.present = inet_field::k_all;
    if (shown.local.address.version == IpVersion::v6) {
        carry_ipv6_words(shown.local.address, socket.local_words, m_words);
        carry_ipv6_words(shown.remote.address, socket.remote_words, m_words);
        shown.local_words = shown.remote_words = 4;
    }
    return shown;
}

UnixSocket UnixCarryOver::apply(const UnixSocket& socket) {
    UnixSocket shown = socket;
    if (socket.inode)
        m_inode = *socket.inode;
    else
        shown.inode = m_inode;
    return shown;
}

std::string render_inet_title(ListingFilter filter) {
    return fmt::format("Active Internet connections {}\n", title_suffix(filter));
}

std::string render_inet_header(const SocketViewOptions& options) {
    std::string header =
        "Proto Recv-Q Send-Q Local Address           Foreign Address         State      ";
    if (options.extend)
        header += " User       Inode     ";
    if (options.programs != nullptr)
        header += " PID/Program name    ";
    if (options.timers)
        header += " Timer";
    header += '\n';
    return header;
}

std::optional<std::string_view> tcp_state_name(std::uint32_t state) {
    if (state >= k_defined_tcp_states)
        return std::nullopt;
    return k_tcp_states[state];
}

bool is_shown(const InetSocket& socket, ListingFilter filter) {
    if (filter == ListingFilter::all)
        return true;
    bool server = socket.protocol == InetProtocol::tcp ? socket.remote.port == 0
                                                       : socket.remote.address.is_unspecified();
    return server == (filter == ListingFilter::listening);
}

namespace {

// render_endpoint() appended to `out` and padded to `width`, without a temporary string (the
// rows of a listing are most of its user time).
void append_endpoint(std::string& out, std::string_view host, std::string_view port, bool wide,
                     std::size_t width) {
    constexpr std::size_t k_limit = 22;
    if (!wide && host.size() + port.size() > k_limit) {
        std::size_t port_len = std::min<std::size_t>(port.size(), 18);
        host = cut(host, k_limit - port_len);
        port = cut(port, port_len);
    }
    const std::size_t length = host.size() + 1 + port.size();
    out += host;
    out += ':';
    out += port;
    if (length < width)
        out.append(width - length, ' ');
}

// The state column's text: a fixed text, or for raw sockets the number (written to `buffer`).
std::string_view inet_state_text(const InetSocket& socket, std::array<char, 16>& buffer) {
    switch (socket.protocol) {
    case InetProtocol::tcp:
        return socket.state < k_tcp_states.size() ? k_tcp_states[socket.state] : "";
    case InetProtocol::udp:
    case InetProtocol::udplite:
        if (socket.state == 1)
            return "ESTABLISHED";
        return socket.state == 7 ? "" : "UNKNOWN";
    case InetProtocol::raw:
        break;
    }
    char* end = std::to_chars(buffer.data(), buffer.data() + buffer.size(),
                              static_cast<std::int32_t>(socket.state))
                    .ptr;
    return {buffer.data(), static_cast<std::size_t>(end - buffer.data())};
}

std::string_view decimal_text(const fmt::format_int& number) {
    return {number.data(), number.size()};
}

} // namespace

std::string render_endpoint(std::string_view host, std::string_view port, bool wide) {
    std::string text;
    append_endpoint(text, host, port, wide, 0);
    return text;
}

std::string render_inet_state(const InetSocket& socket) {
    std::array<char, 16> buffer{};
    return std::string(inet_state_text(socket, buffer));
}

std::string render_timer(const InetSocket& socket) {
    const bool tcp = socket.protocol == InetProtocol::tcp;
    const auto kind = static_cast<std::int32_t>(socket.timer_kind);
    // udp and udplite print 0 for RETR; tcp and raw print the file's value as a signed long
    // (observed: FFFFFFFF prints 4294967295, -1 prints -1).
    const bool shows_retransmits = tcp || socket.protocol == InetProtocol::raw;
    const std::int64_t retransmits =
        shows_retransmits ? static_cast<std::int64_t>(socket.retransmits) : 0;
    if (kind == 0)
        return fmt::format("off (0.00/{}/{})", retransmits, socket.timeout);
    std::string name;
    switch (kind) {
    case 1:
        name = tcp ? "on" : "on1";
        break;
    case 2:
        name = tcp ? "keepalive" : "on2";
        break;
    case 3:
        name = tcp ? "timewait" : "unkn-3";
        break;
    case 4:
        name = tcp ? "probe" : "unkn-4";
        break;
    default:
        name = fmt::format("unkn-{}", kind);
        break;
    }
    return fmt::format("{} ({}/{}/{})", name, seconds_text(socket.timer_jiffies), retransmits,
                       socket.timeout);
}

void render_inet_row(std::string& out, const InetSocket& socket, NameResolver& resolver,
                     const SocketViewOptions& options) {
    std::string_view label = inet_protocol_name(socket.protocol, socket.file_version);
    const bool udp_like =
        socket.protocol == InetProtocol::udp || socket.protocol == InetProtocol::udplite;
    append_left(out, label, udp_like ? 5 : 4);
    out += udp_like ? " " : "  ";
    append_right(
        out, decimal_text(fmt::format_int(static_cast<std::int64_t>(socket.rx_queue_bytes))), 6);
    out += ' ';
    append_right(
        out, decimal_text(fmt::format_int(static_cast<std::int64_t>(socket.tx_queue_bytes))), 6);
    ServiceTable table = service_table(socket.protocol);
    for (const Endpoint* endpoint : {&socket.local, &socket.remote}) {
        out += ' ';
        const std::string& host = resolver.host(endpoint->address);
        const std::string_view port = resolver.port(endpoint->port, table);
        append_endpoint(out, host, port, options.wide, 23);
    }
    out += ' ';
    std::array<char, 16> state_buffer;
    append_left(out, inet_state_text(socket, state_buffer), 11);
    if (options.extend) {
        out += ' ';
        append_left(out, resolver.user(socket.uid), 10);
        out += ' ';
        append_left(out, to_decimal(socket.inode), 10);
    }
    if (options.programs != nullptr) {
        out += ' ';
        append_left(out, render_program_column(*options.programs, socket.inode), 20);
    }
    if (options.timers) {
        out += ' ';
        out += render_timer(socket);
    }
    out += '\n';
}

std::string render_unix_title(ListingFilter filter) {
    return fmt::format("Active UNIX domain sockets {}\n", title_suffix(filter));
}

std::string render_unix_header(const SocketViewOptions& options) {
    std::string header = "Proto RefCnt Flags       Type       State         I-Node  ";
    if (options.programs != nullptr)
        header += " PID/Program name    ";
    header += " Path\n";
    return header;
}

bool is_shown(const UnixSocket& socket, ListingFilter filter) {
    if (filter == ListingFilter::all)
        return true;
    bool server = socket.state == 1 && (socket.flags & k_unix_flag_accept) != 0;
    return server == (filter == ListingFilter::listening);
}

namespace {

std::string unix_flags_text(std::uint64_t flags) {
    std::string text = "[ ";
    if (flags & k_unix_flag_accept)
        text += "ACC ";
    if (flags & k_unix_flag_wait_data)
        text += "W ";
    if (flags & k_unix_flag_no_space)
        text += "N ";
    text += ']';
    return text;
}

std::string_view unix_type_text(std::uint32_t type) {
    constexpr std::array<std::string_view, 6> k_types = {"UNKNOWN", "STREAM", "DGRAM",
                                                         "RAW",     "RDM",    "SEQPACKET"};
    return type < k_types.size() ? k_types[type] : "UNKNOWN";
}

} // namespace

std::string_view unix_state_label(const UnixSocket& socket) {
    switch (socket.state) {
    case 0:
        return "FREE";
    case 1:
        return (socket.flags & k_unix_flag_accept) ? "LISTENING" : k_unconnected_state_label;
    case 2:
        return "CONNECTING";
    case 3:
        return "CONNECTED";
    case 4:
        return "DISCONNECTING";
    default:
        return "UNKNOWN";
    }
}

void render_unix_row(std::string& out, const UnixSocket& socket, const SocketViewOptions& options) {
    append_left(out, socket.protocol == 0 ? "unix" : "??", 5);
    out += ' ';
    append_left(out, to_decimal(static_cast<std::int64_t>(socket.refcount)), 6);
    out += ' ';
    append_left(out, unix_flags_text(socket.flags), 11);
    out += ' ';
    append_left(out, unix_type_text(socket.type), 10);
    out += ' ';
    // netstat leaves the State of an unconnected, non-listening socket blank.
    const std::string_view state = unix_state_label(socket);
    append_left(out, state == k_unconnected_state_label ? std::string_view() : state, 13);
    out += ' ';
    const std::uint64_t inode = socket.inode.value_or(0);
    append_left(out, socket.inode_column ? to_decimal(inode) : "-", 8);
    if (options.programs != nullptr) {
        out += ' ';
        append_left(
            out, socket.inode_column ? render_program_column(*options.programs, inode) : "-", 20);
    }
    out += ' ';
    // Without an Inode column netstat prints the number it scanned (carried over from the row
    // before when the seventh field is no number, 0 at first) in place of the path.
    if (socket.inode_column)
        out += socket.path;
    else
        out += to_decimal(inode);
    out += '\n';
}

} // namespace netstat_audit
