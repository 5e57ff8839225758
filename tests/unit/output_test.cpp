// SPDX-License-Identifier: MIT
// Tests for cli/output: write errors on stdout (loud, except EPIPE) and terminal escaping.
#include "netstat_audit/cli/output.hpp"
#include "netstat_audit/report/json_text.hpp"
#include "netstat_audit/view/programs.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

using namespace netstat_audit;

namespace {

// stderr text of a run, through a memory stream.
struct CapturedStderr {
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* stream = ::open_memstream(&buffer, &size);
    std::string text() {
        std::fflush(stream);
        return std::string(buffer, size);
    }
    ~CapturedStderr() {
        std::fclose(stream);
        std::free(buffer);
    }
};

} // namespace

TEST(FinishRun, FullDeviceIsAnErrorWithAMessage) {
    std::FILE* full = std::fopen("/dev/full", "w");
    ASSERT_NE(full, nullptr);
    CapturedStderr err;
    Output output{full, err.stream};
    output.write_out(std::string(10000, 'x')); // more than one stdio buffer
    EXPECT_EQ(finish_run(output, "netstat", 0), 1);
    EXPECT_EQ(err.text(), "netstat: write error: No space left on device\n");
    std::fclose(full);
}

TEST(FinishRun, ErrorFoundOnlyByTheFinalFlush) {
    std::FILE* full = std::fopen("/dev/full", "w");
    ASSERT_NE(full, nullptr);
    CapturedStderr err;
    Output output{full, err.stream};
    output.write_out("one short line\n");                 // stays in the buffer until the flush
    EXPECT_EQ(finish_run(output, "netstat-audit", 3), 3); // a failure status is kept
    EXPECT_EQ(err.text(), "netstat-audit: write error: No space left on device\n");
    std::fclose(full);
}

TEST(FinishRun, ClosedPipeEndsQuietly) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    ::close(fds[0]);
    struct sigaction ignore {};
    struct sigaction old {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, &old);
    std::FILE* pipe = ::fdopen(fds[1], "w");
    ASSERT_NE(pipe, nullptr);
    CapturedStderr err;
    Output output{pipe, err.stream};
    output.write_out(std::string(10000, 'x'));
    EXPECT_EQ(finish_run(output, "netstat", 0), 0);
    EXPECT_EQ(err.text(), "");
    std::fclose(pipe);
    ::sigaction(SIGPIPE, &old, nullptr);
}

TEST(FinishRun, SuccessfulWritesChangeNothing) {
    CapturedStderr out;
    CapturedStderr err;
    Output output{out.stream, err.stream};
    output.write_out("a\n");
    EXPECT_EQ(finish_run(output, "netstat", 0), 0);
    EXPECT_EQ(out.text(), "a\n");
    EXPECT_EQ(err.text(), "");
}

TEST(EscapeTerminalText, KeepsLineBreaksEscapesTheRest) {
    EXPECT_EQ(escape_terminal_text("plain\nlines\n"), "plain\nlines\n");
    EXPECT_EQ(escape_terminal_text("unix /run/a\033[31mred\n"), "unix /run/a\\x1b[31mred\n");
    EXPECT_EQ(escape_terminal_text("e\tb\x9bx\xc2\x9by caf\xc3\xa9\n"),
              "e\\x09b\\x9bx\\xc2\\x9by caf\xc3\xa9\n");
    EXPECT_EQ(escape_terminal_text(""), "");
    EXPECT_EQ(escape_terminal_text("\n\n"), "\n\n");
}

TEST(OutputWrite, EscapedStreamsEscapeRawOnesDoNot) {
    CapturedStderr out;
    CapturedStderr err;
    Output output{out.stream, err.stream, ControlBytes::escaped, ControlBytes::raw};
    output.write_out("lo\033]0;x\007\n");
    output.write_err("e\033[1m: error\n");
    EXPECT_EQ(out.text(), "lo\\x1b]0;x\\x07\n");
    EXPECT_EQ(err.text(), "e\033[1m: error\n");
}

TEST(OutputWrite, JsonStreamsEscapeControlsInsideStrings) {
    CapturedStderr out;
    CapturedStderr err;
    Output output{out.stream, err.stream, ControlBytes::json, ControlBytes::raw};
    // DEL, U+009B (CSI), U+009D (OSC) and U+2028 raw in strings, as a serialiser may write them
    output.write_out("{\"path\": \"/run/a\x7f\xc2\x9b"
                     "31m\xc2\x9dx\xe2\x80\xa8y caf\xc3\xa9\"}\n");
    EXPECT_EQ(out.text(), "{\"path\": \"/run/a\\u007f\\u009b31m\\u009dx\\u2028y caf\xc3\xa9\"}\n");
}

TEST(EscapeJsonForTerminal, LeavesJsonWithoutControlsAlone) {
    const std::string plain = "{\"a\": [1, \"caf\xc3\xa9 \\u001b \\u009b \xe2\x82\xac\"]}\n";
    EXPECT_EQ(escape_json_for_terminal(plain), plain);
    EXPECT_EQ(escape_json_for_terminal(""), "");
}
