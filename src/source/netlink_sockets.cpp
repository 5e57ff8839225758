// SPDX-License-Identifier: MIT
// inet_diag dumps over NETLINK_SOCK_DIAG, decoded into the numbers /proc/net prints.
// One reply message (struct inet_diag_msg, then attributes):
//   family state timer retrans | sport dport src[16] dst[16] if cookie | expires(ms) rqueue
//   wqueue uid inode | INET_DIAG_INFO (struct tcp_info, when asked) ...
#include "netstat_audit/source/netlink_sockets.hpp"

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <utility>

namespace netstat_audit {

namespace {

std::uint8_t ip_protocol(InetProtocol protocol) {
    switch (protocol) {
    case InetProtocol::tcp:
        return IPPROTO_TCP;
    case InetProtocol::udp:
        return IPPROTO_UDP;
    case InetProtocol::udplite:
        return IPPROTO_UDPLITE;
    case InetProtocol::raw:
        break;
    }
    return IPPROTO_RAW;
}

// NLMSG_ALIGN / NLA_ALIGN without their int arithmetic: both align to 4 bytes.
constexpr std::size_t align4(std::size_t length) {
    return (length + 3) & ~std::size_t{3};
}

constexpr std::uint8_t k_tcp_listen = 10; // TCP_LISTEN, include/net/tcp_states.h

constexpr std::size_t k_message_header = align4(sizeof(nlmsghdr));
constexpr std::size_t k_attribute_header = align4(sizeof(nlattr));

std::uint16_t from_network(std::uint16_t value) {
    return ntohs(value);
}

IpAddress diag_address(const std::uint32_t (&words)[4], IpVersion version) {
    IpAddress address;
    address.version = version;
    std::memcpy(address.bytes.data(), words, version == IpVersion::v4 ? 4 : 16);
    return address;
}

// tcp_info's leading bytes: state, ca_state, retransmits, probes (linux/tcp.h).
void apply_tcp_info(std::span<const std::byte> info, InetSocket& socket) {
    if (info.size() < 4)
        return;
    socket.retransmits = std::to_integer<std::uint8_t>(info[2]); // icsk_retransmits
    socket.timeout = std::to_integer<std::uint8_t>(info[3]);     // icsk_probes_out
    socket.health = decode_tcp_health(info);
}

// Walks the rtattrs after the fixed message and applies the ones the rows need.
void apply_attributes(std::span<const std::byte> attributes, InetSocket& socket) {
    while (attributes.size() >= sizeof(nlattr)) {
        nlattr attribute;
        std::memcpy(&attribute, attributes.data(), sizeof attribute);
        if (attribute.nla_len < sizeof(nlattr) || attribute.nla_len > attributes.size())
            return;
        auto value = attributes.subspan(k_attribute_header, attribute.nla_len - k_attribute_header);
        if ((attribute.nla_type & NLA_TYPE_MASK) == INET_DIAG_INFO)
            apply_tcp_info(value, socket);
        attributes =
            attributes.subspan(std::min<std::size_t>(align4(attribute.nla_len), attributes.size()));
    }
}

// The field at `offset` of `size` bytes, when the kernel's tcp_info is long enough.
template <typename Field>
bool read_field(std::span<const std::byte> info, std::size_t offset, Field& out) {
    if (info.size() < offset + sizeof out)
        return false;
    std::memcpy(&out, info.data() + offset, sizeof out);
    return true;
}

} // namespace

std::optional<TcpHealth> decode_tcp_health(std::span<const std::byte> info) {
    // The kernel copies min(its sizeof, the buffer) bytes: decode by the length it sent.
    if (info.size() < offsetof(tcp_info, tcpi_total_retrans) + sizeof(std::uint32_t))
        return std::nullopt;
    TcpHealth health;
    health.retransmits = std::to_integer<std::uint8_t>(info[offsetof(tcp_info, tcpi_retransmits)]);
    read_field(info, offsetof(tcp_info, tcpi_rtt), health.rtt_us);
    read_field(info, offsetof(tcp_info, tcpi_rttvar), health.rttvar_us);
    read_field(info, offsetof(tcp_info, tcpi_lost), health.lost);
    read_field(info, offsetof(tcp_info, tcpi_snd_cwnd), health.snd_cwnd);
    read_field(info, offsetof(tcp_info, tcpi_total_retrans), health.total_retrans);
    health.has_segs_out = read_field(info, offsetof(tcp_info, tcpi_segs_out), health.segs_out);
    health.has_delivery_rate = read_field(info, offsetof(tcp_info, tcpi_delivery_rate),
                                          health.delivery_rate_bytes_per_second);
    return health;
}

std::optional<InetSocket> decode_inet_diag(std::span<const std::byte> payload,
                                           const InetDumpRequest& request) {
    inet_diag_msg message;
    if (payload.size() < sizeof message)
        return std::nullopt;
    std::memcpy(&message, payload.data(), sizeof message);
    InetSocket s;
    s.protocol = request.protocol;
    s.file_version = request.version;
    s.local = {diag_address(message.id.idiag_src, request.version),
               from_network(message.id.idiag_sport)};
    s.remote = {diag_address(message.id.idiag_dst, request.version),
                from_network(message.id.idiag_dport)};
    // /proc/net/raw prints 0 for the remote port whatever connect() was given.
    if (request.protocol == InetProtocol::raw)
        s.remote.port = 0;
    s.state = message.idiag_state;
    s.rx_queue_bytes = message.idiag_rqueue;
    // A listener's wqueue is its backlog limit; /proc prints write_seq - snd_una there, 0.
    s.tx_queue_bytes = request.protocol == InetProtocol::tcp && message.idiag_state == k_tcp_listen
                           ? 0
                           : message.idiag_wqueue;
    s.timer_kind = message.idiag_timer;
    // /proc: jiffies_delta_to_clock_t() (USER_HZ ticks); netlink: jiffies_delta_to_msecs().
    s.timer_jiffies = s.timer_kind == 0 ? 0 : message.idiag_expires / 10;
    s.retransmits = message.idiag_retrans;
    s.uid = static_cast<std::int32_t>(message.idiag_uid);
    s.inode = message.idiag_inode;
    apply_attributes(payload.subspan(align4(sizeof message) <= payload.size()
                                         ? align4(sizeof message)
                                         : payload.size()),
                     s);
    return s;
}

std::expected<SockDiag, std::error_code> SockDiag::open() {
    int fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0)
        return std::unexpected(std::error_code(errno, std::generic_category()));
    return SockDiag(fd);
}

SockDiag::SockDiag(SockDiag&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_sequence(other.m_sequence) {}

SockDiag& SockDiag::operator=(SockDiag&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_sequence = other.m_sequence;
    }
    return *this;
}

SockDiag::~SockDiag() {
    if (m_fd >= 0)
        ::close(m_fd);
}

namespace {

std::error_code last_error() {
    return {errno, std::generic_category()};
}

std::expected<void, std::error_code> send_inet_request(int fd, const InetDumpRequest& request,
                                                       std::uint32_t sequence) {
    struct {
        nlmsghdr header;
        inet_diag_req_v2 body;
    } message{};
    const bool with_bytecode = !request.bytecode.empty();
    const std::size_t attribute_length = k_attribute_header + request.bytecode.size();
    const std::size_t length = sizeof message + (with_bytecode ? align4(attribute_length) : 0);
    message.header.nlmsg_len = static_cast<std::uint32_t>(length);
    message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    message.header.nlmsg_seq = sequence;
    message.body.sdiag_family = request.version == IpVersion::v4 ? AF_INET : AF_INET6;
    message.body.sdiag_protocol = ip_protocol(request.protocol);
    // raw_diag takes the raw protocol from the pad byte; IPPROTO_RAW dumps every raw socket.
    if (request.protocol == InetProtocol::raw)
        message.body.pad = IPPROTO_RAW;
    message.body.idiag_states = request.states;
    if (request.tcp_info && request.protocol == InetProtocol::tcp)
        message.body.idiag_ext = 1U << (INET_DIAG_INFO - 1);
    // header, request, then the INET_DIAG_REQ_BYTECODE attribute when there is a program.
    std::vector<std::byte> datagram(length);
    std::memcpy(datagram.data(), &message, sizeof message);
    if (with_bytecode) {
        const nlattr attribute{static_cast<std::uint16_t>(attribute_length),
                               INET_DIAG_REQ_BYTECODE};
        std::memcpy(datagram.data() + sizeof message, &attribute, sizeof attribute);
        std::memcpy(datagram.data() + sizeof message + k_attribute_header, request.bytecode.data(),
                    request.bytecode.size());
    }
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    ssize_t sent;
    do
        sent = ::sendto(fd, datagram.data(), datagram.size(), 0,
                        reinterpret_cast<sockaddr*>(&kernel), sizeof kernel);
    while (sent < 0 && errno == EINTR);
    if (sent < 0)
        return std::unexpected(last_error());
    if (static_cast<std::size_t>(sent) != datagram.size())
        return std::unexpected(std::make_error_code(std::errc::message_size));
    return {};
}

// Outcome of one reply datagram: more to come, the dump's end, or an error.
enum class Batch { more, done };

std::expected<Batch, std::error_code>
decode_batch(std::span<const std::byte> data, std::uint32_t sequence,
             const InetDumpRequest& request, const std::function<void(const InetSocket&)>& row) {
    while (data.size() >= sizeof(nlmsghdr)) {
        nlmsghdr header;
        std::memcpy(&header, data.data(), sizeof header);
        if (header.nlmsg_len < sizeof header || header.nlmsg_len > data.size())
            return std::unexpected(std::make_error_code(std::errc::bad_message));
        auto payload = data.subspan(k_message_header, header.nlmsg_len - k_message_header);
        if (header.nlmsg_seq != sequence) {
            // a stray reply to an earlier request: skip it
        } else if (header.nlmsg_type == NLMSG_DONE) {
            int status = 0;
            if (payload.size() >= sizeof status)
                std::memcpy(&status, payload.data(), sizeof status);
            if (status < 0)
                return std::unexpected(std::error_code(-status, std::generic_category()));
            return Batch::done;
        } else if (header.nlmsg_type == NLMSG_ERROR) {
            nlmsgerr error{};
            if (payload.size() >= sizeof error)
                std::memcpy(&error, payload.data(), sizeof error);
            return std::unexpected(
                std::error_code(error.error < 0 ? -error.error : EPROTO, std::generic_category()));
        } else if (header.nlmsg_type == SOCK_DIAG_BY_FAMILY) {
            auto socket = decode_inet_diag(payload, request);
            if (!socket)
                return std::unexpected(std::make_error_code(std::errc::bad_message));
            row(*socket);
        }
        data = data.subspan(std::min<std::size_t>(align4(header.nlmsg_len), data.size()));
    }
    return Batch::more;
}

} // namespace

std::expected<void, std::error_code>
SockDiag::dump_inet(const InetDumpRequest& request,
                    const std::function<void(const InetSocket&)>& row) {
    const std::uint32_t sequence = ++m_sequence;
    if (auto sent = send_inet_request(m_fd, request, sequence); !sent)
        return sent;
    // The kernel fills at most 32 KiB per dump datagram; twice that never truncates.
    alignas(nlmsghdr) std::array<std::byte, 65536> buffer;
    for (;;) {
        ssize_t received;
        do
            received = ::recv(m_fd, buffer.data(), buffer.size(), MSG_TRUNC);
        while (received < 0 && errno == EINTR);
        if (received < 0)
            return std::unexpected(last_error());
        if (static_cast<std::size_t>(received) > buffer.size())
            return std::unexpected(std::make_error_code(std::errc::message_size));
        if (received == 0)
            return std::unexpected(std::make_error_code(std::errc::connection_aborted));
        auto batch = decode_batch(std::span(buffer).first(static_cast<std::size_t>(received)),
                                  sequence, request, row);
        if (!batch)
            return std::unexpected(batch.error());
        if (*batch == Batch::done)
            return {};
    }
}

namespace {

// The kernel-side state mask for a listing filter: only TCP is filtered in the kernel (UDP and
// raw rows are few, and their -l rule is about the remote address, not a state).
std::uint32_t diag_states(InetProtocol protocol, ListingFilter filter) {
    if (protocol != InetProtocol::tcp || filter == ListingFilter::all)
        return k_diag_all_states;
    return filter == ListingFilter::listening ? k_diag_listen_states : k_diag_connected_states;
}

} // namespace

NetlinkSocketSource::NetlinkSocketSource(const SocketSource& fallback, ListingFilter filter,
                                         bool timers, std::uint32_t states, TcpHealthRequest health,
                                         std::vector<std::byte> bytecode)
    : m_fallback(fallback), m_filter(filter), m_timers(timers), m_states(states), m_health(health),
      m_bytecode(std::move(bytecode)) {}

bool NetlinkSocketSource::dump(InetProtocol protocol, IpVersion version,
                               const std::function<void(const InetSocket&)>& row) const {
    if (!m_open_tried) {
        m_open_tried = true;
        if (auto opened = SockDiag::open())
            m_diag.emplace(std::move(*opened));
        else
            m_error = opened.error();
    }
    if (!m_diag)
        return false;
    // The --state mask narrows TCP dumps only, as the listing filter's does; the predicate still
    // checks every row.
    std::uint32_t states = diag_states(protocol, m_filter);
    if (protocol == InetProtocol::tcp)
        states &= m_states;
    // raw sockets print remote port 0 whatever they are connected to: no bytecode for them.
    InetDumpRequest request{
        protocol, version, states, m_timers || m_health == TcpHealthRequest::request, {}};
    if (protocol != InetProtocol::raw && !m_bytecode_rejected)
        request.bytecode = m_bytecode;
    auto dumped = m_diag->dump_inet(request, row);
    // The kernel audits the program before the first row; one it refuses is left to the
    // predicate from then on.
    if (!dumped && !request.bytecode.empty() && dumped.error() == std::errc::invalid_argument) {
        m_bytecode_rejected = true;
        request.bytecode = {};
        dumped = m_diag->dump_inet(request, row);
    }
    if (!dumped)
        m_error = dumped.error();
    return dumped.has_value();
}

FileTable<InetSocket> NetlinkSocketSource::read_inet(InetProtocol protocol,
                                                     IpVersion version) const {
    FileTable<InetSocket> table{std::string(inet_proc_file(protocol, version)), version, {}, {}};
    if (dump(protocol, version,
             [&table](const InetSocket& row) { table.parsed.rows.push_back(row); }))
        return table;
    if (protocol == InetProtocol::tcp)
        m_tcp_fallback = m_error ? m_error : std::make_error_code(std::errc::io_error);
    return m_fallback.read_inet(protocol, version);
}

FileTable<InetSocket> NetlinkSocketSource::stream_inet(InetProtocol protocol, IpVersion version,
                                                       InetRowVisitor& visit) const {
    bool delivered = false;
    auto row = [&](const InetSocket& socket) {
        delivered = true;
        visit.row(socket);
    };
    if (dump(protocol, version, row) || delivered)
        return {std::string(inet_proc_file(protocol, version)), version, {}, {}};
    if (protocol == InetProtocol::tcp)
        m_tcp_fallback = m_error ? m_error : std::make_error_code(std::errc::io_error);
    return m_fallback.stream_inet(protocol, version, visit);
}

TcpInfoSource NetlinkSocketSource::tcp_info_source() const {
    if (m_health != TcpHealthRequest::request)
        return {false, "tcp_info was not asked for"};
    if (m_tcp_fallback)
        return {false, tcp_info_fallback_reason(m_tcp_fallback.message())};
    return {true, ""};
}

bool use_netlink_source(const Options& options, const ProcFs& proc) {
    if (options.proc_root_given || options.source == SourceChoice::proc || proc.root() != "/proc")
        return false;
    return options.source == SourceChoice::netlink || proc.is_kernel_procfs();
}

} // namespace netstat_audit
