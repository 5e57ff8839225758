// SPDX-License-Identifier: MIT
// SCTP presenters: layouts copied from netstat 2.10's sctp_eps_do_one()/sctp_assoc_do_one().
#include "netstat_audit/view/sctp_view.hpp"

#include "netstat_audit/view/text.hpp"

#include <fmt/format.h>

namespace netstat_audit {

namespace {

// netstat copies each host name into a 64-byte buffer before printing it.
constexpr std::size_t k_max_sctp_host = 63;
constexpr std::string_view k_continuation = "\n                    "; // newline + 20 blanks

std::string_view sctp_host(NameResolver& hosts, const IpAddress& address) {
    return cut(hosts.host(address), k_max_sctp_host);
}

// get_sname() with a protocol it has no list for: "*" for 0, else the number.
std::string sctp_port(std::uint16_t port) {
    return port == 0 ? std::string("*") : to_decimal(std::uint64_t{port});
}

std::string host_and_port(std::string_view host, std::string_view port) {
    std::string text(host);
    text += ':';
    text += port;
    return text;
}

// netstat's finish_this_one(): -e user and inode, -p program, -o an empty timer, newline.
void finish_entry(std::string& out, std::int32_t uid, std::uint64_t inode, NameResolver& users,
                  const SocketViewOptions& options) {
    if (options.extend) {
        out += ' ';
        append_left(out, users.user(uid), 10);
        out += ' ';
        append_left(out, to_decimal(inode), 10);
    }
    if (options.programs != nullptr) {
        out += ' ';
        append_left(out, render_program_column(*options.programs, inode), 20);
    }
    if (options.timers)
        out += ' ';
    out += '\n';
}

} // namespace

std::string render_sctp_state(std::int32_t state) {
    if (state >= 0)
        if (auto name = tcp_state_name(static_cast<std::uint32_t>(state)))
            return std::string(*name);
    return fmt::format("UNKNOWN({})", state);
}

void render_sctp_endpoint(std::string& out, const SctpEndpoint& endpoint, SctpNames names,
                          const SocketViewOptions& options) {
    const std::string port = sctp_port(endpoint.port);
    bool first = true;
    for (const IpAddress& address : endpoint.local_addresses) {
        out += first ? std::string_view("sctp                ") : k_continuation;
        append_left(out, host_and_port(sctp_host(names.hosts, address), port), 47);
        out += ' ';
        append_left(out, first ? render_sctp_state(endpoint.state) : "", 11);
        first = false;
    }
    finish_entry(out, endpoint.uid, endpoint.inode, names.users, options);
}

void render_sctp_association(std::string& out, const SctpAssociation& association, SctpNames names,
                             const SocketViewOptions& options) {
    const std::string local_port = sctp_port(association.local_port);
    const std::string remote_port = sctp_port(association.remote_port);
    const auto& locals = association.local_addresses;
    const auto& remotes = association.remote_addresses;
    // One side's text on line `i`: "host:port" on the first line, the host alone after it.
    auto side = [&names](const std::vector<IpAddress>& list, std::size_t i, bool first,
                         std::string_view port) {
        if (i >= list.size())
            return std::string();
        std::string_view host = sctp_host(names.hosts, list[i]);
        return first ? host_and_port(host, port) : std::string(host);
    };
    const std::size_t lines = std::max(locals.size(), remotes.size());
    for (std::size_t i = 0; i < lines; ++i) {
        const bool first = i == 0;
        if (first) {
            out += "sctp  ";
            append_right(out, to_decimal(std::uint64_t{association.rx_queue_bytes}), 6);
            out += ' ';
            append_right(out, to_decimal(std::uint64_t{association.tx_queue_bytes}), 6);
            out += ' ';
        } else {
            out += k_continuation;
        }
        append_left(out, side(locals, i, first, local_port), 23);
        out += ' ';
        append_left(out, side(remotes, i, first, remote_port), 23);
        out += ' ';
        append_left(out, first ? render_sctp_state(association.state) : "", 11);
    }
    finish_entry(out, association.uid, association.inode, names.users, options);
}

} // namespace netstat_audit
