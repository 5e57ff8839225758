// SPDX-License-Identifier: MIT
// CLI11 without <iostream>'s static initialiser, for the translation units that parse with it.
//
// With GCC 12's libstdc++ every translation unit that includes <iostream> (CLI11 does) holds a
// static std::ios_base::Init, so every run of the binary, `-V` included, builds the eight
// standard streams and the classic locale's 28 facets before main: about 600 KB of
// libstdc++'s text paged in (a third of netstat-audit's peak RSS) and part of its start-up
// time, for views that never touch a stream. Here <iostream> is replaced by the declarations
// CLI11 uses; a command that parses with CLI11 constructs a std::ios_base::Init first
// ([ios.init]: the standard streams exist from then on), so only `audit` and `summary` pay.
#pragma once

#include <istream>
#include <ostream>

#if defined(__GLIBCXX__) && !defined(_GLIBCXX_IOSTREAM)
#define _GLIBCXX_IOSTREAM 1
namespace std {
extern istream cin;
extern ostream cout;
extern ostream cerr;
extern ostream clog;
} // namespace std
#endif

#include <CLI/CLI.hpp>
