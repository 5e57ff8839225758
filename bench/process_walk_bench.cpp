// SPDX-License-Identifier: MIT
// Benchmark target: times build_process_map() alone on a proc root, per thread count.
//
// usage: process_walk_bench [PROC_ROOT [RUNS]]
// Prints one line per fd enumeration and thread count: median milliseconds, owners, inodes.
#include "netstat_audit/source/process_map.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    using namespace netstat_audit;
    const std::string root = argc > 1 ? argv[1] : "/proc";
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const ProcFs proc(root);
    for (auto enumeration : {FdEnumeration::listing, FdEnumeration::automatic})
        for (unsigned threads : {1u, 2u, 0u}) {
            std::vector<double> millis;
            ProcessMap map;
            for (int i = 0; i < runs; ++i) {
                auto start = std::chrono::steady_clock::now();
                map = build_process_map(proc, ProcessWalkOptions{threads, enumeration});
                std::chrono::duration<double, std::milli> took =
                    std::chrono::steady_clock::now() - start;
                millis.push_back(took.count());
            }
            std::ranges::sort(millis);
            std::printf("fd_enumeration=%s threads=%s median_ms=%.1f owners=%zu inodes=%zu\n",
                        enumeration == FdEnumeration::listing ? "listing" : "automatic",
                        threads == 0 ? "auto" : std::to_string(threads).c_str(),
                        millis[millis.size() / 2], map.owners.size(), map.by_inode.size());
        }
    return 0;
}
