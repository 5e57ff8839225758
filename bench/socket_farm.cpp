// SPDX-License-Identifier: MIT
// Benchmark helper: holds N loopback TCP sockets spread over P processes until stdin closes.
//
// usage: socket_farm SOCKETS PROCESSES [LISTENERS [UDP [SERVICE_PORT]]]
// Each process opens a listener on 127.0.0.1 (ephemeral port; the first process's on
// SERVICE_PORT when given, so 1/PROCESSES of the connections are to it), then connects and accepts
// pairs until it holds its share of SOCKETS (a pair = two sockets). When every process is ready the
// parent prints "ready <sockets>" on stdout; it exits, taking the children with it, when its
// stdin reaches end of file or it gets SIGTERM/SIGINT. LISTENERS extra idle TCP listeners and
// UDP bound UDP sockets (127.0.0.1, ephemeral ports) are held by the parent; they count in the
// "ready" total. Meant to run inside `unshare -n`.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr long k_max_sockets = 400000; // keeps an accidental huge request bounded
constexpr long k_max_processes = 1000;

[[noreturn]] void die(const char* what) {
    std::fprintf(stderr, "socket_farm: %s: %s\n", what, std::strerror(errno));
    std::_Exit(1);
}

void raise_fd_limit(long wanted) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        die("getrlimit");
    auto need = static_cast<rlim_t>(wanted);
    if (limit.rlim_cur >= need)
        return;
    limit.rlim_cur = need;
    if (limit.rlim_max < need)
        limit.rlim_max = need;
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
        die("setrlimit(RLIMIT_NOFILE)");
}

// Opens `pairs` connected pairs against a fresh listener; the sockets stay open.
void hold_pairs(long pairs, std::uint16_t port) {
    int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0)
        die("socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    socklen_t length = sizeof address;
    if (::bind(listener, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(listener, 4096) != 0 ||
        ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        die("listen");
    for (long i = 0; i < pairs; ++i) {
        int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (client < 0)
            die("socket");
        if (::connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            die("connect");
        if (::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC) < 0)
            die("accept");
    }
}

// Binds `count` sockets of `type` on 127.0.0.1 (listening when TCP); they stay open.
void hold_idle(long count, int type) {
    raise_fd_limit(count + 64);
    for (long i = 0; i < count; ++i) {
        int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            (type == SOCK_STREAM && ::listen(fd, 16) != 0))
            die("idle socket");
    }
}

volatile std::sig_atomic_t g_stop = 0;

void on_signal(int) {
    g_stop = 1;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3 || argc > 6) {
        std::fprintf(stderr,
                     "usage: socket_farm SOCKETS PROCESSES [LISTENERS [UDP [SERVICE_PORT]]]\n");
        return 2;
    }
    long sockets = std::strtol(argv[1], nullptr, 10);
    long processes = std::strtol(argv[2], nullptr, 10);
    long listeners = argc > 3 ? std::strtol(argv[3], nullptr, 10) : 0;
    long udp = argc > 4 ? std::strtol(argv[4], nullptr, 10) : 0;
    long service_port = argc > 5 ? std::strtol(argv[5], nullptr, 10) : 0;
    if (sockets < 2 || sockets > k_max_sockets || processes < 1 || processes > k_max_processes ||
        listeners < 0 || listeners > k_max_processes || udp < 0 || udp > k_max_processes ||
        service_port < 0 || service_port > 65535) {
        std::fprintf(stderr, "socket_farm: need 2 <= SOCKETS <= %ld, 1 <= PROCESSES <= %ld\n",
                     k_max_sockets, k_max_processes);
        return 2;
    }
    long pairs_total = sockets / 2;
    int ready[2];
    if (::pipe2(ready, O_CLOEXEC) != 0)
        die("pipe");
    std::vector<pid_t> children;
    const pid_t parent = ::getpid();
    for (long p = 0; p < processes; ++p) {
        long pairs = pairs_total / processes + (p < pairs_total % processes ? 1 : 0);
        pid_t child = ::fork();
        if (child < 0)
            die("fork");
        if (child == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent)
                std::_Exit(0);
            raise_fd_limit(2 * pairs + 64);
            hold_pairs(pairs, p == 0 ? static_cast<std::uint16_t>(service_port) : 0);
            char byte = 1;
            if (::write(ready[1], &byte, 1) != 1)
                die("write");
            for (;;)
                ::pause();
        }
        children.push_back(child);
    }
    ::close(ready[1]);
    for (long p = 0; p < processes; ++p) {
        char byte = 0;
        if (::read(ready[0], &byte, 1) != 1) {
            std::fprintf(stderr, "socket_farm: a worker failed\n");
            for (pid_t child : children)
                ::kill(child, SIGKILL);
            return 1;
        }
    }
    hold_idle(listeners, SOCK_STREAM);
    hold_idle(udp, SOCK_DGRAM);
    std::printf("ready %ld\n", 2 * pairs_total + processes + listeners + udp);
    std::fflush(stdout);
    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);
    char sink[256];
    while (!g_stop && ::read(STDIN_FILENO, sink, sizeof sink) > 0) {
    }
    for (pid_t child : children)
        ::kill(child, SIGKILL);
    while (::wait(nullptr) > 0) {
    }
    return 0;
}
