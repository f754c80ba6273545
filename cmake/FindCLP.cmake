# FindCLP.cmake — COIN-OR CLP and CoinUtils as imported targets (shipped with placematch's
# package so that a consumer of a static placematch finds them where they live on its machine).
#
# Defines CLP_FOUND, CLP_INCLUDE_DIR (the folder holding coin/ClpSimplex.hpp), CLP_LIBRARY,
# COINUTILS_LIBRARY and the imported targets CLP::CoinUtils and CLP::Clp (which links
# CLP::CoinUtils). Hints: CLP_ROOT / CMAKE_PREFIX_PATH; pkg-config's clp, when present,
# gives further hints. Debian: coinor-libclp-dev.
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_CLP QUIET clp)
endif()
set(_clp_include_hints)
foreach(_dir IN LISTS PC_CLP_INCLUDE_DIRS)
  get_filename_component(_parent "${_dir}" DIRECTORY)  # .../include/coin -> .../include
  list(APPEND _clp_include_hints "${_parent}")
endforeach()
find_path(CLP_INCLUDE_DIR coin/ClpSimplex.hpp HINTS ${_clp_include_hints})
find_library(CLP_LIBRARY Clp HINTS ${PC_CLP_LIBRARY_DIRS})
find_library(COINUTILS_LIBRARY CoinUtils HINTS ${PC_CLP_LIBRARY_DIRS})
mark_as_advanced(CLP_INCLUDE_DIR CLP_LIBRARY COINUTILS_LIBRARY)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(CLP REQUIRED_VARS CLP_LIBRARY COINUTILS_LIBRARY CLP_INCLUDE_DIR
                                  VERSION_VAR PC_CLP_VERSION)

if(CLP_FOUND)
  if(NOT TARGET CLP::CoinUtils)
    add_library(CLP::CoinUtils UNKNOWN IMPORTED)
    set_target_properties(CLP::CoinUtils PROPERTIES
      IMPORTED_LOCATION "${COINUTILS_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${CLP_INCLUDE_DIR}")
  endif()
  if(NOT TARGET CLP::Clp)
    add_library(CLP::Clp UNKNOWN IMPORTED)
    set_target_properties(CLP::Clp PROPERTIES
      IMPORTED_LOCATION "${CLP_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${CLP_INCLUDE_DIR}"
      INTERFACE_LINK_LIBRARIES CLP::CoinUtils)
  endif()
endif()
