// SPDX-License-Identifier: MIT
// InterfaceInfoSource: netstat's if_fetch() ioctls, or the same facts from a capture directory.
#include "netstat_audit/source/interface_info.hpp"

#include "netstat_audit/parse/scanner.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace netstat_audit {

namespace {

// --- live kernel --------------------------------------------------------------------------

class Socket {
public:
    Socket() : m_fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {}
    ~Socket() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    int fd() const { return m_fd; }

private:
    int m_fd;
};

ifreq request_for(const std::string& name) {
    ifreq request{};
    std::strncpy(request.ifr_name, name.c_str(), IFNAMSIZ - 1);
    return request;
}

IpAddress ipv4_of(const sockaddr& address) {
    sockaddr_in in{};
    std::memcpy(&in, &address, sizeof in);
    IpAddress result;
    std::memcpy(result.bytes.data(), &in.sin_addr, 4);
    return result;
}

// The optional ioctls: each failure leaves netstat's default (zero, unknown).
void fetch_optional(int fd, const std::string& name, InterfaceFacts& facts) {
    ifreq request = request_for(name);
    if (::ioctl(fd, SIOCGIFHWADDR, &request) == 0)
        std::memcpy(facts.hardware_address.data(), request.ifr_hwaddr.sa_data, 8);
    // netstat reads the type from the request even when SIOCGIFHWADDR failed.
    facts.hardware_type = static_cast<std::uint16_t>(request.ifr_hwaddr.sa_family);
    request = request_for(name);
    if (::ioctl(fd, SIOCGIFMTU, &request) == 0)
        facts.mtu = request.ifr_mtu;
    request = request_for(name);
    if (::ioctl(fd, SIOCGIFMAP, &request) == 0)
        facts.map = {request.ifr_map.mem_start, request.ifr_map.mem_end, request.ifr_map.base_addr,
                     request.ifr_map.irq, request.ifr_map.dma};
    request = request_for(name);
    if (::ioctl(fd, SIOCGIFTXQLEN, &request) == 0)
        facts.tx_queue_length = request.ifr_qlen;
    request = request_for(name);
    request.ifr_addr.sa_family = AF_INET;
    if (::ioctl(fd, SIOCGIFADDR, &request) != 0)
        return;
    Ipv4Config ipv4;
    ipv4.address = ipv4_of(request.ifr_addr);
    auto address_of = [&](unsigned long call) {
        ifreq r = request_for(name);
        r.ifr_addr = request.ifr_addr;
        return ::ioctl(fd, call, &r) == 0 ? ipv4_of(r.ifr_addr) : IpAddress{};
    };
    ipv4.destination = address_of(SIOCGIFDSTADDR);
    ipv4.broadcast = address_of(SIOCGIFBRDADDR);
    ipv4.netmask = address_of(SIOCGIFNETMASK);
    facts.ipv4 = ipv4;
}

std::expected<InterfaceFacts, std::error_code> live_facts(const std::string& name) {
    Socket socket;
    if (socket.fd() < 0)
        return std::unexpected(std::error_code(errno, std::system_category()));
    ifreq request = request_for(name);
    if (::ioctl(socket.fd(), SIOCGIFFLAGS, &request) != 0)
        return std::unexpected(std::error_code(errno, std::system_category()));
    InterfaceFacts facts;
    facts.flags = static_cast<std::uint16_t>(request.ifr_flags);
    fetch_optional(socket.fd(), name, facts);
    return facts;
}

std::vector<std::string> live_labels() {
    Socket socket;
    std::vector<std::string> names;
    if (socket.fd() < 0)
        return names;
    std::vector<ifreq> buffer(32);
    for (;;) {
        ifconf conf{};
        conf.ifc_len = static_cast<int>(buffer.size() * sizeof(ifreq));
        conf.ifc_req = buffer.data();
        if (::ioctl(socket.fd(), SIOCGIFCONF, &conf) != 0)
            return names;
        auto count = static_cast<std::size_t>(conf.ifc_len) / sizeof(ifreq);
        if (count == buffer.size()) { // may have overflowed: try again larger, like netstat
            buffer.resize(buffer.size() * 2);
            continue;
        }
        for (std::size_t i = 0; i < count; ++i)
            names.emplace_back(buffer[i].ifr_name, ::strnlen(buffer[i].ifr_name, IFNAMSIZ));
        return names;
    }
}

// --- capture ------------------------------------------------------------------------------

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

std::optional<std::string> read_text(const std::string& path) {
    auto text = read_whole_file(path);
    if (!text)
        return std::nullopt;
    return trimmed(std::move(*text));
}

std::optional<IpAddress> parse_dotted(std::string_view text) {
    in_addr raw{};
    if (::inet_pton(AF_INET, std::string(text).c_str(), &raw) != 1)
        return std::nullopt;
    IpAddress address;
    std::memcpy(address.bytes.data(), &raw, 4);
    return address;
}

// The IPv4 lines of the capture: LABEL ADDRESS NETMASK BROADCAST DESTINATION.
std::vector<std::pair<std::string, Ipv4Config>> capture_ipv4(const std::string& root) {
    std::vector<std::pair<std::string, Ipv4Config>> entries;
    auto text = read_whole_file(root + "/ipv4-addresses");
    if (!text)
        return entries;
    std::string_view rest = *text;
    while (!rest.empty()) {
        std::size_t end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest.remove_prefix(end == rest.npos ? rest.size() : end + 1);
        if (line.starts_with('#'))
            continue;
        ScanCursor in(line);
        auto label = in.word();
        std::optional<IpAddress> values[4];
        for (auto& value : values)
            if (auto word = in.word())
                value = parse_dotted(*word);
        if (label && values[0] && values[1] && values[2] && values[3])
            entries.push_back(
                {std::string(*label), Ipv4Config{*values[0], *values[1], *values[2], *values[3]}});
    }
    return entries;
}

// "02:00:5e:10:00:01" → the first 8 bytes.
std::array<std::uint8_t, 8> parse_hardware_address(std::string_view text) {
    std::array<std::uint8_t, 8> bytes{};
    for (std::size_t i = 0; i < bytes.size() && text.size() >= 2; ++i) {
        auto value = parse_hex(text.substr(0, 2));
        if (!value)
            break;
        bytes[i] = static_cast<std::uint8_t>(*value);
        text.remove_prefix(std::min<std::size_t>(3, text.size()));
    }
    return bytes;
}

std::expected<InterfaceFacts, std::error_code> capture_facts(const std::string& root,
                                                             const std::string& name) {
    std::string device = name.substr(0, name.find(':'));
    std::string dir = root + "/sys/class/net/" + device + "/";
    auto flags_text = read_text(dir + "flags");
    if (device.empty() || device.find('/') != device.npos || !flags_text)
        return std::unexpected(std::make_error_code(std::errc::no_such_device));
    InterfaceFacts facts;
    auto flags = parse_hex(flags_text->starts_with("0x") ? flags_text->substr(2) : *flags_text);
    facts.flags = static_cast<std::uint16_t>(flags.value_or(0) & 0xffffu &
                                             ~std::uint64_t{interface_flag::k_running});
    std::string operstate = read_text(dir + "operstate").value_or("");
    if ((facts.flags & interface_flag::k_up) && (operstate == "up" || operstate == "unknown"))
        facts.flags |= interface_flag::k_running;
    facts.mtu = static_cast<std::int32_t>(
        parse_signed_decimal(read_text(dir + "mtu").value_or("0")).value_or(0));
    facts.hardware_type = static_cast<std::uint16_t>(
        parse_decimal(read_text(dir + "type").value_or("0")).value_or(0));
    facts.hardware_address = parse_hardware_address(read_text(dir + "address").value_or(""));
    if (auto queue = read_text(dir + "tx_queue_len"))
        if (auto value = parse_signed_decimal(*queue))
            facts.tx_queue_length = static_cast<std::int32_t>(*value);
    for (const auto& [label, ipv4] : capture_ipv4(root))
        if (label == name) {
            facts.ipv4 = ipv4;
            break;
        }
    return facts;
}

} // namespace

InterfaceInfoSource InterfaceInfoSource::for_proc_root(std::string_view proc_root) {
    InterfaceInfoSource source;
    std::string root(proc_root);
    while (root.size() > 1 && root.back() == '/')
        root.pop_back();
    if (root.empty() || root == "/proc")
        return source;
    std::size_t slash = root.rfind('/');
    source.m_capture_root = slash == std::string::npos ? "."
                            : slash == 0               ? "/"
                                                       : root.substr(0, slash);
    return source;
}

std::vector<std::string> InterfaceInfoSource::ipv4_labels() const {
    if (is_live())
        return live_labels();
    std::vector<std::string> names;
    for (const auto& entry : capture_ipv4(m_capture_root))
        names.push_back(entry.first);
    return names;
}

std::expected<InterfaceFacts, std::error_code>
InterfaceInfoSource::facts(const std::string& name) const {
    return is_live() ? live_facts(name) : capture_facts(m_capture_root, name);
}

} // namespace netstat_audit
