// SPDX-License-Identifier: MIT
// Write errors on stdout: remembered when they happen, reported once at the end of the run.
#include "netstat_audit/cli/output.hpp"

#include "netstat_audit/exit_status.hpp"
#include "netstat_audit/report/json_text.hpp"
#include "netstat_audit/view/programs.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace netstat_audit {

namespace {

// The first failure of the run; a later one on the same stream has the same cause or follows
// from it. Written by the thread that writes the output (the main thread).
struct FirstFailure {
    std::FILE* stream = nullptr;
    int error = 0;
};

FirstFailure& first_failure() {
    static FirstFailure failure;
    return failure;
}

} // namespace

void Output::write_out(std::string_view text) const {
    std::string escaped;
    if (out_bytes == ControlBytes::escaped)
        text = escaped = escape_terminal_text(text);
    else if (out_bytes == ControlBytes::json)
        text = escaped = escape_json_for_terminal(text);
    if (std::fwrite(text.data(), 1, text.size(), out) != text.size())
        note_write_failure(out);
}

void Output::write_err(std::string_view text) const {
    std::string escaped;
    if (err_bytes == ControlBytes::escaped)
        text = escaped = escape_terminal_text(text);
    std::fwrite(text.data(), 1, text.size(), err);
}

ControlBytes control_bytes_for(std::FILE* stream) {
    return ::isatty(::fileno(stream)) == 1 ? ControlBytes::escaped : ControlBytes::raw;
}

ControlBytes json_control_bytes_for(std::FILE* stream) {
    return ::isatty(::fileno(stream)) == 1 ? ControlBytes::json : ControlBytes::raw;
}

void note_write_failure(std::FILE* stream) noexcept {
    FirstFailure& failure = first_failure();
    if (failure.stream != nullptr)
        return;
    failure.stream = stream;
    failure.error = errno != 0 ? errno : EIO;
}

bool flush_failed(std::FILE* stream) {
    errno = 0;
    if (std::fflush(stream) != 0)
        note_write_failure(stream);
    return std::ferror(stream) != 0;
}

int finish_output(std::FILE* stream) {
    if (!flush_failed(stream))
        return 0;
    FirstFailure& failure = first_failure();
    const int error = failure.stream == stream ? failure.error : EIO;
    if (failure.stream == stream)
        failure = FirstFailure{}; // reported: a later run (tests) starts clean
    return error == EPIPE ? 0 : error;
}

int finish_run(const Output& output, std::string_view program_name, int status) {
    const int error = finish_output(output.out);
    if (error == 0)
        return status;
    output.write_err(fmt::format("{}: write error: {}\n", program_name, std::strerror(error)));
    return status != exit_status::k_ok ? status : exit_status::k_failure;
}

} // namespace netstat_audit
