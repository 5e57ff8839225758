// SPDX-License-Identifier: MIT
// The -i view: netstat's table or ifconfig-style stanzas over the collected interfaces.
#include "netstat_audit/view/interface_listing.hpp"

#include "netstat_audit/exit_status.hpp"
#include "netstat_audit/model/proc_path.hpp"
#include "netstat_audit/view/interfaces_view.hpp"
#include "netstat_audit/view/resolver.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace netstat_audit {

namespace {

// The if_inet6 lines of one interface and their address texts (numeric, v4-mapped as IPv4).
struct Inet6Lines {
    std::vector<Inet6InterfaceAddress> rows;
    std::vector<std::string> texts;
};

Inet6Lines inet6_lines(const std::vector<Inet6InterfaceAddress>& all, const std::string& name) {
    Inet6Lines lines;
    NameResolver numeric(NumericFlags{true, true, true});
    for (const Inet6InterfaceAddress& row : all) {
        if (row.device != name)
            continue;
        lines.rows.push_back(row);
        lines.texts.push_back(numeric.host(row.address));
    }
    return lines;
}

void report_facts_error(const Interface& interface, RenderedText& text) {
    const int error = interface.facts_error.value();
    text.err(fmt::format("{}: error fetching interface information: {}\n", interface.name,
                         error == ENODEV ? "Device not found" : std::strerror(error)));
    text.err(fmt::format("missing interface information: {}\n", std::strerror(error)));
    text.status = exit_status::k_failure;
}

} // namespace

RenderedText render_interface_listing(const Snapshot& snapshot, const Options& options,
                                      InterfaceTitle title) {
    RenderedText text;
    const bool long_format = options.extend > 0;
    if (title == InterfaceTitle::print)
        text.out(render_interface_title());
    if (!long_format)
        text.out(render_interface_header());
    if (const SourceFile* dev = snapshot.file("net/dev"); dev != nullptr && dev->error)
        text.err(fmt::format("Warning: cannot open {} ({}). Limited output.\n",
                             join_proc_path(options.proc_root, "net/dev"),
                             std::strerror(dev->error.value())));
    for (const Interface& interface : snapshot.interfaces) {
        if (interface.facts_error) {
            report_facts_error(interface, text);
            return text;
        }
        if (!(interface.facts.flags & interface_flag::k_up) && !options.all)
            continue;
        std::string out;
        if (long_format) {
            Inet6Lines lines = inet6_lines(snapshot.interface_addresses_v6, interface.name);
            render_interface_long(out, interface, lines.rows, lines.texts);
        } else {
            render_interface_row(out, interface);
        }
        text.out(std::move(out));
    }
    return text;
}

} // namespace netstat_audit
