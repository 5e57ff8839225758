// SPDX-License-Identifier: MIT
// Tests for the socket listing presenter on tables built in code (no file system).
#include "netstat_audit/view/socket_listing.hpp"

#include "netstat_audit/source/collect.hpp"

#include "options_for.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <vector>

using namespace netstat_audit;
using netstat_audit::test_support::options_for;

namespace {

FileTable<InetSocket> missing(std::string relative, IpVersion version) {
    FileTable<InetSocket> table;
    table.relative = std::move(relative);
    table.version = version;
    table.error = std::error_code(ENOENT, std::generic_category());
    return table;
}

FileTable<InetSocket> listening_tcp(std::string relative, IpVersion version) {
    FileTable<InetSocket> table;
    table.relative = std::move(relative);
    table.version = version;
    InetSocket socket;
    socket.file_version = version;
    socket.local.port = 22;
    socket.state = 10;
    table.parsed.rows.push_back(socket);
    return table;
}

struct RenderedListing {
    std::string out, err, sequence; // sequence: "o" and "e" per chunk, in order
    int status;
};

RenderedListing render(const SocketTables& tables, const Options& options) {
    NameResolver resolver({true, true, true});
    RenderedText text =
        render_socket_listing(tables, select_sockets(options), options, resolver, 1000);
    RenderedListing result{{}, {}, {}, text.status};
    for (const auto& chunk : text.chunks) {
        bool out = chunk.stream == RenderedText::Stream::out;
        (out ? result.out : result.err) += chunk.text;
        result.sequence += out ? 'o' : 'e';
    }
    return result;
}

constexpr std::string_view k_title_and_header =
    "Active Internet connections (only servers)\n"
    "Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n";

} // namespace

TEST(RenderSocketListing, ExplicitFamilyWithoutSupportStopsAfterItsIpv6Part) {
    Options options = options_for({"-tuln"});
    SocketTables tables;
    tables.tcp = {missing("net/tcp", IpVersion::v4), listening_tcp("net/tcp6", IpVersion::v6)};
    tables.udp = {listening_tcp("net/udp", IpVersion::v4)};
    RenderedListing r = render(tables, options);
    EXPECT_EQ(r.out, std::string(k_title_and_header) +
                         "tcp6       0      0 0.0.0.0:22              0.0.0.0:*               "
                         "LISTEN     \n");
    EXPECT_EQ(r.err, "netstat: no support for `AF INET (tcp)' on this system.\n");
    EXPECT_EQ(r.sequence, "oeo");
    EXPECT_EQ(r.status, 1);
}

TEST(RenderSocketListing, ImpliedProtocolsReportNothing) {
    Options options = options_for({"-4", "-ln"});
    SocketTables tables;
    tables.tcp = {missing("net/tcp", IpVersion::v4)};
    RenderedListing r = render(tables, options);
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}

TEST(RenderSocketListing, VerboseReportsWithoutFailing) {
    Options options = options_for({"-v", "-n"});
    SocketTables tables;
    tables.tcp = {missing("net/tcp", IpVersion::v4)};
    RenderedListing r = render(tables, options);
    EXPECT_NE(r.err.find("no support for `AF INET (tcp)'"), std::string::npos);
    EXPECT_EQ(r.status, 0);
}

TEST(RenderSocketListing, UnexpectedOpenErrorIsFatal) {
    Options options = options_for({"-tn"});
    SocketTables tables;
    tables.tcp = {missing("net/tcp", IpVersion::v4)};
    tables.tcp[0].error = std::error_code(ELOOP, std::generic_category());
    RenderedListing r = render(tables, options);
    EXPECT_EQ(r.err, "/proc/net/tcp: Too many levels of symbolic links\n");
    EXPECT_EQ(r.status, 255);
}

TEST(RenderSocketListing, BogusLinesWarnBeforeTheRowsOfTheirFile) {
    Options options = options_for({"-tln"});
    SocketTables tables;
    tables.tcp = {listening_tcp("net/tcp", IpVersion::v4)};
    tables.tcp[0].parsed.diagnostics.push_back({"net/tcp", 3, "bogus"});
    RenderedListing r = render(tables, options);
    EXPECT_EQ(r.err, "warning, got bogus tcp line.\n");
    EXPECT_EQ(r.sequence, "oeo");
}

TEST(RenderSocketListing, ProgramNoticeComesFirst) {
    Options options = options_for({"-tlnp"});
    SocketTables tables;
    tables.processes.emplace();
    tables.processes->access_denied = true;
    RenderedListing r = render(tables, options);
    EXPECT_EQ(r.err,
              "(No info could be read for \"-p\": geteuid()=1000 but you should be root.)\n");
    EXPECT_EQ(r.sequence.front(), 'e');
}

TEST(RenderSocketListing, DefaultListingHasUnixSectionAndProbesLegacyFamiliesQuietly) {
    Options options = options_for({"-n"});
    SocketTables tables;
    tables.unix.emplace_back();
    tables.unix[0].relative = "net/unix";
    tables.legacy = {{Family::ipx, false}};
    RenderedListing r = render(tables, options);
    EXPECT_NE(r.out.find("Active UNIX domain sockets (w/o servers)\n"), std::string::npos);
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}
