# FindXLSXWRITER.cmake — libxlsxwriter as an imported target (shipped with placematch's
# package so that a consumer of a static placematch finds it where it lives on its machine).
#
# Defines XLSXWRITER_FOUND, XLSXWRITER_INCLUDE_DIR, XLSXWRITER_LIBRARY and the imported
# target XLSXWRITER::xlsxwriter. Hints: XLSXWRITER_ROOT / CMAKE_PREFIX_PATH; pkg-config's
# xlsxwriter, when present. Debian: libxlsxwriter-dev.
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_XLSXWRITER QUIET xlsxwriter)
endif()
find_path(XLSXWRITER_INCLUDE_DIR xlsxwriter.h HINTS ${PC_XLSXWRITER_INCLUDE_DIRS})
find_library(XLSXWRITER_LIBRARY xlsxwriter HINTS ${PC_XLSXWRITER_LIBRARY_DIRS})
mark_as_advanced(XLSXWRITER_INCLUDE_DIR XLSXWRITER_LIBRARY)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(XLSXWRITER REQUIRED_VARS XLSXWRITER_LIBRARY XLSXWRITER_INCLUDE_DIR
                                  VERSION_VAR PC_XLSXWRITER_VERSION)

if(XLSXWRITER_FOUND AND NOT TARGET XLSXWRITER::xlsxwriter)
  add_library(XLSXWRITER::xlsxwriter UNKNOWN IMPORTED)
  set_target_properties(XLSXWRITER::xlsxwriter PROPERTIES
    IMPORTED_LOCATION "${XLSXWRITER_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${XLSXWRITER_INCLUDE_DIR}")
endif()
