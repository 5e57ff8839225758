// SPDX-License-Identifier: MIT
// Compiles the filter's port and address terms into inet_diag bytecode.
// One op is struct inet_diag_bc_op {u8 code; u8 yes; u16 no}: the kernel steps `yes` bytes on
// a match and `no` bytes otherwise; a port comparison carries the port in a second op's `no`,
// a hostcond follows its op as {u8 family; u8 prefix_len; int port; __be32 addr[]}. The
// kernel's auditor wants every `yes` to be the op's own length and every `no` to land on an op
// of the yes-chain, at the end (accept) or 4 bytes past it (reject).
#include "netstat_audit/source/inet_diag_bytecode.hpp"

#include <linux/inet_diag.h>
#include <sys/socket.h>

#include <cassert>
#include <cstring>
#include <limits>

namespace netstat_audit {

namespace {

constexpr std::size_t k_reject = std::numeric_limits<std::size_t>::max();

// One op with its operand bytes; `no_target` is a label (resolved to an op index) or k_reject.
struct Instruction {
    std::uint8_t code = INET_DIAG_BC_NOP;
    std::size_t no_target = k_reject;
    std::vector<std::byte> operand;
};

class Assembler {
public:
    // A label not yet placed; place() binds it to the next instruction emitted.
    std::size_t new_label() {
        m_labels.push_back(k_reject);
        return m_labels.size() - 1;
    }
    void place(std::size_t label) { m_labels[label] = m_code.size(); }
    void emit(std::uint8_t code, std::size_t no_label, std::vector<std::byte> operand = {}) {
        m_code.push_back({code, no_label, std::move(operand)});
    }
    std::vector<std::byte> assemble() const;

private:
    std::vector<Instruction> m_code;
    std::vector<std::size_t> m_labels; // label -> index into m_code (size(): the end)
};

std::vector<std::byte> Assembler::assemble() const {
    std::vector<std::size_t> offset(m_code.size() + 1, 0);
    for (std::size_t i = 0; i < m_code.size(); ++i)
        offset[i + 1] = offset[i] + sizeof(inet_diag_bc_op) + m_code[i].operand.size();
    const std::size_t total = offset.back();
    // `no` is 16 bits: a program too long for it (thousands of items) is left to the predicate.
    if (total + 4 > 0xFFFF)
        return {};
    std::vector<std::byte> program;
    program.reserve(total);
    for (std::size_t i = 0; i < m_code.size(); ++i) {
        const Instruction& instruction = m_code[i];
        const std::size_t target =
            instruction.no_target == k_reject ? total + 4 : offset[m_labels[instruction.no_target]];
        assert(target > offset[i] && target - offset[i] <= 0xFFFF);
        inet_diag_bc_op op{};
        op.code = instruction.code;
        op.yes = static_cast<unsigned char>(offset[i + 1] - offset[i]);
        op.no = static_cast<unsigned short>(target - offset[i]);
        const auto* bytes = reinterpret_cast<const std::byte*>(&op);
        program.insert(program.end(), bytes, bytes + sizeof op);
        program.insert(program.end(), instruction.operand.begin(), instruction.operand.end());
    }
    return program;
}

// A port comparison's operand: a second op whose `no` is the port.
std::vector<std::byte> port_operand(std::uint16_t port) {
    inet_diag_bc_op op{};
    op.no = port;
    const auto* bytes = reinterpret_cast<const std::byte*>(&op);
    return {bytes, bytes + sizeof op};
}

std::vector<std::byte> hostcond_operand(const AddressPrefix& prefix) {
    const bool v4 = prefix.address.version == IpVersion::v4;
    inet_diag_hostcond cond{};
    cond.family = v4 ? AF_INET : AF_INET6;
    cond.prefix_len = prefix.prefix_bits;
    cond.port = -1; // any port
    std::vector<std::byte> operand(sizeof cond + (v4 ? 4 : 16));
    std::memcpy(operand.data(), &cond, sizeof cond);
    std::memcpy(operand.data() + sizeof cond, prefix.address.bytes.data(), v4 ? 4 : 16);
    return operand;
}

// Which end of the socket an option tests.
enum class End { source, destination };

bool covers_every_port(const std::vector<PortRange>& ranges) {
    for (const PortRange& range : ranges)
        if (range.first == 0 && range.last == 65535)
            return true;
    return false;
}

// Emits one item's test, jumping to `fail` when it does not match.
void emit_item(Assembler& code, const PortRange& range, End end, std::size_t fail) {
    const bool source = end == End::source;
    if (range.first > 0)
        code.emit(source ? INET_DIAG_BC_S_GE : INET_DIAG_BC_D_GE, fail, port_operand(range.first));
    if (range.last < 65535)
        code.emit(source ? INET_DIAG_BC_S_LE : INET_DIAG_BC_D_LE, fail, port_operand(range.last));
}

void emit_item(Assembler& code, const AddressPrefix& prefix, End end, std::size_t fail) {
    code.emit(end == End::source ? INET_DIAG_BC_S_COND : INET_DIAG_BC_D_COND, fail,
              hostcond_operand(prefix));
}

// An OR of `items`: each one's failure tries the next, the last one's rejects the socket, and
// a match jumps over the rest to the next option.
template <typename Item>
void emit_any_of(Assembler& code, const std::vector<Item>& items, End end) {
    if (items.empty())
        return;
    const std::size_t matched = code.new_label();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const bool last = i + 1 == items.size();
        const std::size_t next = last ? k_reject : code.new_label();
        emit_item(code, items[i], end, next);
        if (!last) {
            code.emit(INET_DIAG_BC_JMP, matched);
            code.place(next);
        }
    }
    code.place(matched);
}

} // namespace

std::vector<std::byte> compile_inet_diag_bytecode(const SocketFilter& filter) {
    Assembler code;
    if (!covers_every_port(filter.source_ports))
        emit_any_of(code, filter.source_ports, End::source);
    if (!covers_every_port(filter.destination_ports))
        emit_any_of(code, filter.destination_ports, End::destination);
    emit_any_of(code, filter.sources, End::source);
    emit_any_of(code, filter.destinations, End::destination);
    return code.assemble();
}

} // namespace netstat_audit
