// SPDX-License-Identifier: MIT
// The whole -i view over a Snapshot: title, header, one row or stanza per interface.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/model/snapshot.hpp"
#include "netstat_audit/view/rendered_text.hpp"

namespace netstat_audit {

// Whether this pass prints "Kernel Interface table" (netstat prints it on the first pass of -c
// only).
enum class InterfaceTitle { print, omit };

// Renders snapshot.interfaces (already in netstat's order) for -i / -ie, -a showing interfaces
// that are down. A missing /proc/net/dev is netstat's "Limited output" warning; an interface
// whose facts could not be read ends the listing with netstat's two error lines and status 1
// (golden cases i_nodev, i_bogus).
RenderedText render_interface_listing(const Snapshot& snapshot, const Options& options,
                                      InterfaceTitle title);

} // namespace netstat_audit
