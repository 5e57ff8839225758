// SPDX-License-Identifier: MIT
// /proc/net/unix → UnixSocket rows, scanned with netstat's field rules.
#include "netstat_audit/parse/unix_sockets.hpp"

#include "netstat_audit/parse/scanner.hpp"

namespace netstat_audit {

namespace {

// Scans "ADDR: REFCNT PROTO FLAGS TYPE ST [INODE] [PATH]" like sscanf; returns the number of
// conversions (ADDR counts as one) and fills `s`. netstat's format has the %lu of the inode
// whatever the header says: without an Inode column ("... Type St Path", pre-2.2 kernels) the
// seventh field is still scanned as the inode, and a path that is not a number stops the scan.
int scan_unix_line(std::string_view line, UnixSocket& s) {
    ScanCursor in(line);
    int converted = 0;
    if (!in.unsigned_number(16) || !in.literal(':'))
        return converted;
    ++converted;
    std::uint64_t* targets[] = {&s.refcount, &s.protocol, &s.flags};
    for (std::uint64_t* target : targets) {
        auto value = in.unsigned_number(16);
        if (!value)
            return converted;
        *target = *value;
        ++converted;
    }
    auto type = in.unsigned_number(16);
    if (!type)
        return converted;
    s.type = static_cast<std::uint32_t>(*type);
    ++converted;
    auto state = in.unsigned_number(16);
    if (!state)
        return converted;
    s.state = static_cast<std::uint32_t>(*state);
    ++converted;
    auto inode = in.unsigned_number(10);
    if (!inode)
        return converted;
    s.inode = *inode;
    ++converted;
    if (auto path = in.word()) {
        s.path = std::string(*path);
        ++converted;
    }
    return converted;
}

} // namespace

ParseResult<UnixSocket> parse_unix_sockets(std::string_view text, std::string_view file_name) {
    ParseResult<UnixSocket> result;
    bool has_inode_column = false;
    std::size_t line_number = 0;
    for_each_fgets_chunk(text, [&](std::string_view line) {
        ++line_number;
        if (line_number == 1) {
            has_inode_column = line.substr(0, line.find('\0')).find("Inode") != line.npos;
            return;
        }
        UnixSocket socket;
        socket.inode_column = has_inode_column;
        int converted = scan_unix_line(line, socket);
        if (converted < 6) {
            result.diagnostics.push_back({std::string(file_name), line_number, "bogus"});
            return;
        }
        result.rows.push_back(std::move(socket));
    });
    return result;
}

} // namespace netstat_audit
