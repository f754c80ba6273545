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

# Stages may be skipped locally (never in CI): PLACEMATCH_SKIP="sanitize fuzz mutation".
skip() { [[ " ${PLACEMATCH_SKIP:-} " == *" $1 "* ]]; }

if ! skip sanitize; then
  # The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer; the first
  # report ends the test (-fno-sanitize-recover=all). Debug at -O1 keeps it fast enough;
  # benchmarks and examples are not built. C (the C API's test) is built with clang and the
  # same flags. Every executable and the Python module link the SHARED ASan runtime
  # (-shared-libasan, found by rpath), so the Python tests can preload that very runtime
  # into the uninstrumented interpreter (PLACEMATCH_TEST_PRELOAD; leak detection off for
  # CPython) while the instrumented CLI they start loads it only once. Left out:
  # install_find_package (it builds an uninstrumented consumer against the instrumented
  # library, which cannot link, and it checks packaging, which the Release run above covers).
  echo "== sanitizers: ASan + UBSan build and ctest (build-sanitize)"
  asan_rt=$(clang -print-file-name=libclang_rt.asan-x86_64.so)
  san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
  san_link="$san -shared-libasan -Wl,-rpath,$(dirname "$asan_rt")"
  cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DCMAKE_CXX_FLAGS="$san" \
    -DCMAKE_C_FLAGS_DEBUG="-O1 -g1" -DCMAKE_C_FLAGS="$san" \
    -DCMAKE_EXE_LINKER_FLAGS="$san_link" -DCMAKE_SHARED_LINKER_FLAGS="$san_link" \
    -DCMAKE_MODULE_LINKER_FLAGS="$san_link" -DPLACEMATCH_TEST_PRELOAD="$asan_rt" \
    -DPLACEMATCH_BUILD_BENCHMARKS=OFF -DPLACEMATCH_BUILD_EXAMPLES=OFF
  cmake --build build-sanitize -j"$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 LSAN_OPTIONS=suppressions="$PWD/tests/sanitize/lsan.supp" \
    ctest --test-dir build-sanitize --output-on-failure -j"$jobs" -E '^install_find_package$'
fi

if ! skip fuzz; then
  # Bounded fuzzing with libFuzzer (clang): every target of tests/fuzz runs for
  # PLACEMATCH_FUZZ_SECONDS (default 50) from its seed corpus; any crash, leak, timeout
  # (-timeout, per input) or out-of-memory (-rss_limit_mb) fails the stage, and libFuzzer
  # leaves the input beside it (build-fuzz/findings/<target>/). New inputs go to a scratch
  # corpus in build-fuzz, never into the source tree.
  echo "== fuzzing: libFuzzer + ASan + UBSan (build-fuzz)"
  fsan="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
  cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DCMAKE_CXX_FLAGS="$fsan" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DPLACEMATCH_BUILD_TESTS=OFF -DPLACEMATCH_BUILD_BENCHMARKS=OFF -DPLACEMATCH_BUILD_EXAMPLES=OFF \
    -DPLACEMATCH_BUILD_FUZZERS=ON
  cmake --build build-fuzz -j"$jobs" --target placematch_fuzzers
  for source in tests/fuzz/fuzz_*.cpp; do  # every target (tests/fuzz/CMakeLists.txt globs the same)
    target=${source#tests/fuzz/fuzz_} && target=${target%.cpp}
    echo "-- fuzz $target (${PLACEMATCH_FUZZ_SECONDS:-50} s)"
    work=build-fuzz/corpus/$target findings=build-fuzz/findings/$target
    rm -rf "$work" && mkdir -p "$work" "$findings"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS=suppressions="$PWD/tests/sanitize/lsan.supp" \
      build-fuzz/tests/fuzz/placematch_fuzz_$target "$work" tests/fuzz/corpus/$target \
        -max_total_time="${PLACEMATCH_FUZZ_SECONDS:-50}" -timeout=10 -rss_limit_mb=2048 \
        -max_len=262144 -artifact_prefix="$findings/" -print_final_stats=1 2>&1 | tail -n 100
    test "${PIPESTATUS[0]}" -eq 0
  done
fi

if ! skip mutation; then
  # Mutation testing (tests/mutation/mutate.py): each listed one-line bug applied alone in
  # a scratch copy of the tree (build-mutation/tree), rebuilt incrementally; the suite
  # must catch every one. Fails on any survivor.
  echo "== mutation testing (build-mutation)"
  /usr/bin/python3 tests/mutation/mutate.py --build-dir build-mutation --jobs "$jobs"
fi
