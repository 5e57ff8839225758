#!/bin/sh
# SPDX-License-Identifier: MIT
# Removes the namespaces netns_setup.sh (without --here) created.
ip netns del nsprobe 2>/dev/null
ip netns del nspeer 2>/dev/null
true
