#!/bin/sh
# Installs the built placematch into a scratch prefix, then configures, builds and runs
# a consumer that finds it with find_package. Arguments: BUILD_DIR SOURCE_DIR SCRATCH_DIR
set -eu
build=$1 src=$2 scratch=$3
rm -rf "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
cmake -S "$src" -B "$scratch/consumer" -DCMAKE_PREFIX_PATH="$scratch/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$scratch/consumer" >/dev/null
"$scratch/consumer/consumer"
test -x "$scratch/prefix/bin/placematch"
echo "installed package found, linked and run"
