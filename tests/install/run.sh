#!/bin/sh
# The installed package, as another program uses it. Arguments: BUILD_DIR SOURCE_DIR SCRATCH_DIR
# [PROJECT_SOURCE_DIR]. For the build under test (static or shared, whichever it is) and for a
# second, library-only build of the other kind (when PROJECT_SOURCE_DIR is given):
#  1. install into a scratch prefix; no absolute build or dependency path in the exported targets;
#  2. configure, build and run a consumer with find_package(placematch) — also with
#     -DCMAKE_DISABLE_FIND_PACKAGE_Eigen3=ON (and Boost, nlohmann_json): private deps not needed;
#  3. remove the executable: the package still configures (the tool is its own export);
#  4. build the consumer with pkg-config (placematch.pc) alone.
set -eu
build=$1 src=$2 scratch=$3 project=${4:-}
rm -rf "$scratch"
mkdir -p "$scratch"
launcher=$(sed -n 's/^CMAKE_CXX_COMPILER_LAUNCHER:[A-Z]*=//p' "$build/CMakeCache.txt")
shared=$(sed -n 's/^BUILD_SHARED_LIBS:[A-Z]*=//p' "$build/CMakeCache.txt")
case "$shared" in ON|on|1|TRUE|true|YES|yes) shared=ON ;; *) shared=OFF ;; esac

check_prefix() {  # PREFIX KIND
  prefix=$1 kind=$2
  cmakedir=$(dirname "$(find "$prefix" -name placematchConfig.cmake | head -n1)")
  test -f "$cmakedir/FindCLP.cmake"
  # No absolute path in the exported targets (CLP comes from the shipped Find module).
  # (The properties' values: every path must start with ${_IMPORT_PREFIX}.)
  if grep -h -E '^ *(INTERFACE_[A-Z_]+|IMPORTED_LOCATION[A-Z_]*|IMPORTED_SONAME[A-Z_]*) ' \
       "$cmakedir"/placematchTargets*.cmake | grep -E '("/|;/|/usr/|/opt/|/work/|/home/|/tmp/|libClp|libCoinUtils)'; then
    echo "FAIL ($kind): absolute path in the exported targets" >&2
    exit 1
  fi
  for dep in Boost Eigen3 nlohmann_json; do
    if grep -n -E "(find_dependency|find_package)\($dep|$dep::" "$cmakedir"/placematchTargets*.cmake \
         "$cmakedir/placematchConfig.cmake"; then
      echo "FAIL ($kind): the package asks for the private dependency $dep" >&2
      exit 1
    fi
  done
  test -f "$prefix/include/placematch/version.hpp"
  test -x "$prefix/bin/placematch"
  "$prefix/bin/placematch" --version >/dev/null   # runs from the prefix (rpath, not the build tree)

  # find_package, with the header-only private dependencies made unfindable.
  out=$scratch/consumer-$kind
  cmake -S "$src" -B "$out" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
        ${launcher:+-DCMAKE_CXX_COMPILER_LAUNCHER=$launcher} \
        -DCMAKE_DISABLE_FIND_PACKAGE_Eigen3=ON -DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON \
        -DCMAKE_DISABLE_FIND_PACKAGE_nlohmann_json=ON -DPLACEMATCH_EXPECT_TOOL=ON >/dev/null
  cmake --build "$out" >/dev/null
  "$out/consumer"

  # Without the executable: the library's package still works; the tool component is absent.
  mv "$prefix/bin/placematch" "$scratch/placematch.moved"
  out2=$scratch/consumer-$kind-notool
  cmake -S "$src" -B "$out2" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
        ${launcher:+-DCMAKE_CXX_COMPILER_LAUNCHER=$launcher} \
        -DCMAKE_DISABLE_FIND_PACKAGE_Eigen3=ON -DPLACEMATCH_EXPECT_TOOL=OFF >/dev/null
  cmake --build "$out2" >/dev/null
  "$out2/consumer"
  mv "$scratch/placematch.moved" "$prefix/bin/placematch"

  # pkg-config alone (static: with --static, for CLP and CoinUtils).
  if command -v pkg-config >/dev/null; then
    pcdir=$(dirname "$(find "$prefix" -name placematch.pc | head -n1)")
    static_flag=
    [ "$kind" = static ] && static_flag=--static
    flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config $static_flag --cflags --libs placematch)
    ${CXX:-c++} -std=c++20 -O1 "$src/consumer.cpp" -o "$scratch/pc-consumer-$kind" $flags \
        -Wl,-rpath,"$prefix/lib" -Wl,-rpath,"$(dirname "$pcdir")"
    "$scratch/pc-consumer-$kind"
  fi
  echo "installed package ($kind) found, linked and run"
}

kind=static
[ "$shared" = ON ] && kind=shared
cmake --install "$build" --prefix "$scratch/prefix-$kind" >/dev/null
check_prefix "$scratch/prefix-$kind" "$kind"

if [ -n "$project" ]; then
  # The other kind of library: a library-and-tool-only build of the same sources.
  if [ "$shared" = ON ]; then other=OFF okind=static; else other=ON okind=shared; fi
  cmake -S "$project" -B "$scratch/build-$okind" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=$other \
        ${launcher:+-DCMAKE_CXX_COMPILER_LAUNCHER=$launcher} \
        -DPLACEMATCH_BUILD_TESTS=OFF -DPLACEMATCH_BUILD_BENCHMARKS=OFF -DPLACEMATCH_BUILD_EXAMPLES=OFF \
        -DPLACEMATCH_BUILD_PYTHON=OFF >/dev/null
  cmake --build "$scratch/build-$okind" -j2 >/dev/null
  cmake --install "$scratch/build-$okind" --prefix "$scratch/prefix-$okind" >/dev/null
  check_prefix "$scratch/prefix-$okind" "$okind"
fi
