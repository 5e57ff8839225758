#!/bin/bash
# SPDX-License-Identifier: MIT
# A man page renders without any troff or man warning at the default 80 columns, and has the
# sections given after it.
#
# usage: check_man.sh PAGE [SECTION...]
# Exit: 0 clean, 1 warnings or a missing section, 77 man is not installed.
set -u
page=${1:?usage: check_man.sh PAGE [SECTION...]}
shift
command -v man > /dev/null || { echo "SKIP: man is not installed"; exit 77; }
warnings=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 > /dev/null)
status=0
if [ -n "$warnings" ]; then
    echo "FAIL   $page renders with warnings:"
    echo "$warnings"
    status=1
fi
for section in "$@"; do
    if ! grep -q "^\.SH \"\{0,1\}$section\"\{0,1\}\$" "$page"; then
        echo "FAIL   $page has no section $section"
        status=1
    fi
done
[ $status -eq 0 ] && echo "PASS   $page"
exit $status
