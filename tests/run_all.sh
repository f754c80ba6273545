#!/usr/bin/env bash
# The whole test suite, as the README's test command runs it (after installing the
# Debian packages): configure, build, run ctest. Further stages (sanitizers, bounded
# fuzzing, mutation testing, browser tests) are added here as steps of their own, each
# bounded in time so that CI stays well under its limit.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${PLACEMATCH_JOBS:-2}

echo "== build (Release) and ctest"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPLACEMATCH_INSTALL_TEST_BOTH_KINDS=ON
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"
