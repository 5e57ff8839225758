# SPDX-License-Identifier: MIT
# Install layout and the Debian package. The tools are useful unprivileged (netstat itself is
# /usr/bin/netstat), so both go into bin. Man pages are installed gzipped, as Debian policy asks
# and as man-db's trigger indexes them; `cpack -G DEB` (scripts/package.sh) builds the package.
include(GNUInstallDirs)

# The capture script carries the project version for --version and its manifest.
configure_file(scripts/netstat-audit-capture ${CMAKE_CURRENT_BINARY_DIR}/netstat-audit-capture
               @ONLY FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
               GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(TARGETS netstat-audit RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(PROGRAMS ${CMAKE_CURRENT_BINARY_DIR}/netstat-audit-capture
        DESTINATION ${CMAKE_INSTALL_BINDIR})

# Man pages: gzip -n (no name or time stamp) keeps the package reproducible.
find_program(GZIP_EXECUTABLE gzip REQUIRED)
set(NETSTAT_AUDIT_MAN_PAGES netstat-audit.8 netstat-audit-capture.8)
set(man_outputs "")
foreach(page IN LISTS NETSTAT_AUDIT_MAN_PAGES)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/man/${page}.gz)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/man
    COMMAND ${GZIP_EXECUTABLE} -9n -c ${CMAKE_CURRENT_SOURCE_DIR}/man/${page} > ${out}
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/man/${page} VERBATIM)
  list(APPEND man_outputs ${out})
endforeach()
add_custom_target(man_pages ALL DEPENDS ${man_outputs})
install(FILES ${man_outputs} DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)

# Bash completion, where the bash-completion package loads it on demand (by command name).
install(FILES completion/netstat-audit.bash DESTINATION
        ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME netstat-audit)
install(FILES completion/netstat-audit.bash DESTINATION
        ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME netstat-audit-capture)

# JSON schemas of the machine-readable outputs, when the tree has them.
file(GLOB NETSTAT_AUDIT_SCHEMAS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/schema/*.json)
if(NETSTAT_AUDIT_SCHEMAS)
  install(FILES ${NETSTAT_AUDIT_SCHEMAS} DESTINATION ${CMAKE_INSTALL_DATADIR}/netstat-audit/schema)
endif()

# The trigger's systemd unit (not enabled on install: the administrator picks thresholds first).
install(FILES systemd/netstat-audit-trigger.service
        DESTINATION lib/systemd/system)

install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# --- Debian package ---------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME netstat-audit)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "netstat-audit")
set(CPACK_PACKAGE_CONTACT "netstat-audit maintainers <netstat-audit@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "netstat-compatible socket, route and interface listing with an audit mode")
# The summary is the first line of Description; this is the body.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "netstat-audit is a drop-in replacement for net-tools netstat 2.10: the same
options and, for the same /proc content, the same output and exit status.
It adds an audit mode and offline analysis of captures taken by
netstat-audit-capture.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Library dependencies come from dpkg-shlibdeps; the capture script needs ip (iproute2).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "iproute2")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, man-db")
# man-db's trigger indexes the pages on install; on removal it does not purge them (mandb -p), so
# prerm does, or whatis would list removed pages until man-db's daily job.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_SOURCE_DIR}/cmake/debian/prerm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Directories the package shares with others (/usr/bin, /usr/share/man/man8, ...) are not its
# own: dpkg keeps a directory while any package still lists it, so `apt remove` leaves none.
include(CPack)
