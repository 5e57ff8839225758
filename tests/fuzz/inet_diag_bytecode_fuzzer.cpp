// SPDX-License-Identifier: MIT
// libFuzzer target: the inet_diag bytecode compiler. The input is four NUL-terminated option
// values (--sport, --dport, --src, --dst; an empty one is no option) and then sockets, 37 bytes
// each (flags: bit 0 IPv6, bit 1 IPv6 with an IPv4-mapped address; local port, remote port,
// big-endian; local address, remote address, 16 bytes each). A compiled program must pass the
// kernel's checks (ops the auditor knows, every `yes` the op's length, every `no` a 4-aligned
// step onto an op of the yes-chain, the end or 4 bytes past it, hostcond families and prefix
// lengths), and running it as the kernel does must keep exactly the sockets matches() keeps.
#include "fuzz_input.hpp"

#include "netstat_audit/model/socket_filter.hpp"
#include "netstat_audit/source/inet_diag_bytecode.hpp"

#include <linux/inet_diag.h>
#include <sys/socket.h>

#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

using namespace netstat_audit;

namespace {

inet_diag_bc_op op_at(const std::vector<std::byte>& program, std::size_t offset) {
    inet_diag_bc_op op{};
    std::memcpy(&op, program.data() + offset, sizeof op);
    return op;
}

// Whether `target` (an offset from the start) is the start of an op reached by following
// `yes` from the first op, or the program's end.
bool on_yes_chain(const std::vector<std::byte>& program, std::size_t target) {
    std::size_t at = 0;
    while (at < program.size()) {
        if (at == target)
            return true;
        at += op_at(program, at).yes;
    }
    return at == target;
}

// The kernel auditor's rules (inet_diag_bc_audit), for the ops the compiler emits and the
// ones it must never emit.
bool kernel_accepts(const std::vector<std::byte>& program) {
    std::size_t at = 0;
    while (at < program.size()) {
        const std::size_t left = program.size() - at;
        if (left < sizeof(inet_diag_bc_op))
            return false;
        const inet_diag_bc_op op = op_at(program, at);
        std::size_t min_len = sizeof op;
        switch (op.code) {
        case INET_DIAG_BC_S_GE:
        case INET_DIAG_BC_S_LE:
        case INET_DIAG_BC_D_GE:
        case INET_DIAG_BC_D_LE:
        case INET_DIAG_BC_S_EQ:
        case INET_DIAG_BC_D_EQ:
            min_len += sizeof op;
            break;
        case INET_DIAG_BC_S_COND:
        case INET_DIAG_BC_D_COND: {
            min_len += sizeof(inet_diag_hostcond);
            if (left < min_len)
                return false;
            inet_diag_hostcond cond{};
            std::memcpy(&cond, program.data() + at + sizeof op, sizeof cond);
            const std::size_t address_bytes = cond.family == AF_INET    ? 4
                                              : cond.family == AF_INET6 ? 16
                                                                        : 0;
            if (cond.family != AF_INET && cond.family != AF_INET6)
                return false; // the compiler always names the family
            min_len += address_bytes;
            if (cond.prefix_len > 8 * address_bytes)
                return false;
            break;
        }
        case INET_DIAG_BC_JMP:
            break;
        default:
            return false; // NOP, AUTO, DEV_COND, MARK_COND... are never emitted
        }
        if (left < min_len || op.yes != min_len) // `yes` steps to the next op
            return false;
        if (op.no < min_len || op.no > left + 4 || (op.no & 3) != 0)
            return false;
        if (op.no < left && !on_yes_chain(program, at + op.no))
            return false;
        at += op.yes;
    }
    return at == program.size();
}

struct KernelSocket {
    int family = AF_INET;
    std::uint16_t sport = 0, dport = 0;
    std::array<std::uint8_t, 16> saddr{}, daddr{};
};

bool prefix_equal(const std::uint8_t* a, const std::uint8_t* b, unsigned bits) {
    for (std::size_t i = 0; bits > 0; ++i) {
        const unsigned take = bits >= 8 ? 8 : bits;
        const auto mask = static_cast<std::uint8_t>(0xFF00u >> take);
        if ((a[i] & mask) != (b[i] & mask))
            return false;
        bits -= take;
    }
    return true;
}

bool hostcond_matches(const std::vector<std::byte>& program, std::size_t at, bool source,
                      const KernelSocket& socket) {
    inet_diag_hostcond cond{};
    std::memcpy(&cond, program.data() + at + sizeof(inet_diag_bc_op), sizeof cond);
    const auto* address = reinterpret_cast<const std::uint8_t*>(
        program.data() + at + sizeof(inet_diag_bc_op) + sizeof cond);
    if (cond.port != -1 && cond.port != (source ? socket.sport : socket.dport))
        return false;
    const std::uint8_t* entry = source ? socket.saddr.data() : socket.daddr.data();
    if (cond.family != AF_UNSPEC && cond.family != socket.family) {
        static constexpr std::uint8_t k_mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        return socket.family == AF_INET6 && cond.family == AF_INET &&
               std::memcmp(entry, k_mapped, sizeof k_mapped) == 0 &&
               prefix_equal(entry + 12, address, cond.prefix_len);
    }
    return cond.prefix_len == 0 || prefix_equal(entry, address, cond.prefix_len);
}

// inet_diag_bc_run's semantics: step `yes` on a match, `no` otherwise; keep the socket when
// the walk ends exactly at the program's end.
bool kernel_keeps(const std::vector<std::byte>& program, const KernelSocket& socket) {
    std::size_t at = 0;
    while (at < program.size()) {
        const inet_diag_bc_op op = op_at(program, at);
        const std::uint16_t operand = op.code == INET_DIAG_BC_JMP ||
                                              op.code == INET_DIAG_BC_S_COND ||
                                              op.code == INET_DIAG_BC_D_COND
                                          ? 0
                                          : op_at(program, at + sizeof op).no;
        bool yes = true;
        switch (op.code) {
        case INET_DIAG_BC_JMP:
            yes = false;
            break;
        case INET_DIAG_BC_S_GE:
            yes = socket.sport >= operand;
            break;
        case INET_DIAG_BC_S_LE:
            yes = socket.sport <= operand;
            break;
        case INET_DIAG_BC_D_GE:
            yes = socket.dport >= operand;
            break;
        case INET_DIAG_BC_D_LE:
            yes = socket.dport <= operand;
            break;
        case INET_DIAG_BC_S_EQ:
            yes = socket.sport == operand;
            break;
        case INET_DIAG_BC_D_EQ:
            yes = socket.dport == operand;
            break;
        case INET_DIAG_BC_S_COND:
            yes = hostcond_matches(program, at, true, socket);
            break;
        case INET_DIAG_BC_D_COND:
            yes = hostcond_matches(program, at, false, socket);
            break;
        default:
            std::abort();
        }
        at += yes ? op.yes : op.no;
    }
    return at == program.size();
}

std::optional<std::string_view> take_field(std::string_view& text) {
    const std::size_t end = text.find('\0');
    if (end == text.npos)
        return std::nullopt;
    std::string_view field = text.substr(0, end);
    text.remove_prefix(end + 1);
    return field;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    std::string_view text = input.text();
    SocketFilter filter;
    for (int option = 0; option < 4; ++option) {
        auto field = take_field(text);
        if (!field)
            return 0;
        if (field->empty())
            continue;
        const auto added = option == 0   ? add_ports(filter.source_ports, *field)
                           : option == 1 ? add_ports(filter.destination_ports, *field)
                           : option == 2 ? add_prefixes(filter.sources, *field)
                                         : add_prefixes(filter.destinations, *field);
        if (!added)
            return 0;
    }
    const std::vector<std::byte> program = compile_inet_diag_bytecode(filter);
    if (program.empty())
        return 0; // no port or address term, or too long for 16-bit jumps: matches() alone
    if (!kernel_accepts(program))
        std::abort();
    constexpr std::size_t k_socket_bytes = 37;
    for (; text.size() >= k_socket_bytes; text.remove_prefix(k_socket_bytes)) {
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
        const bool v6 = (bytes[0] & 3) != 0;
        KernelSocket kernel;
        kernel.family = v6 ? AF_INET6 : AF_INET;
        kernel.sport = static_cast<std::uint16_t>(bytes[1] << 8 | bytes[2]);
        kernel.dport = static_cast<std::uint16_t>(bytes[3] << 8 | bytes[4]);
        std::memcpy(kernel.saddr.data(), bytes + 5, v6 ? 16 : 4);
        std::memcpy(kernel.daddr.data(), bytes + 21, v6 ? 16 : 4);
        if ((bytes[0] & 2) != 0)
            for (auto* address : {&kernel.saddr, &kernel.daddr}) {
                std::memset(address->data(), 0, 10);
                (*address)[10] = (*address)[11] = 0xff;
            }
        InetSocket row;
        row.file_version = v6 ? IpVersion::v6 : IpVersion::v4;
        row.local.port = kernel.sport;
        row.remote.port = kernel.dport;
        row.local.address.version = row.remote.address.version = row.file_version;
        std::memcpy(row.local.address.bytes.data(), kernel.saddr.data(), 16);
        std::memcpy(row.remote.address.bytes.data(), kernel.daddr.data(), 16);
        if (kernel_keeps(program, kernel) != matches(filter, row, nullptr))
            std::abort(); // the kernel would keep a socket the predicate drops, or drop one
    }
    return 0;
}
