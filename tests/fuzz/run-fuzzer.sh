#!/bin/bash
# run-fuzzer.sh — runs one libFuzzer harness for a bounded time as a TAP test
#
#   run-fuzzer.sh NAME FUZZER WORK_DIR DICTIONARY SEED_DIR…
#
# Copies the seeds (the samples and the hand-written edge files) into a fresh
# corpus under WORK_DIR, fuzzes for D360_FUZZ_SECONDS (30 by default) with one
# job, and fails on any crash, leak, undefined behaviour, time-out or
# out-of-memory. A failing input is kept as WORK_DIR/artifacts/crash-… and
# printed in base64: add it to tests/fuzz/corpus-*/ as a regression seed once
# fixed. FUZZER "none" means clang or its libFuzzer runtime is missing: skip.
set -uo pipefail

name=$1 fuzzer=$2 work=$3 dict=$4
shift 4
seconds=${D360_FUZZ_SECONDS:-30}

echo "1..1"
if [[ $fuzzer == none || ! -x $fuzzer ]]; then
  echo "ok 1 - $name # SKIP clang with libFuzzer (clang, libclang-rt-14-dev) not found"
  exit 0
fi

corpus=$work/corpus
artifacts=$work/artifacts
log=$work/fuzz.log
rm -rf "$corpus" "$artifacts"
mkdir -p "$corpus" "$artifacts"
for seeds in "$@"; do
  cp -- "$seeds"/* "$corpus"/
done

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:symbolize=1:allocator_may_return_null=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export G_SLICE=always-malloc G_DEBUG=gc-friendly LC_ALL=C.UTF-8

# libFuzzer stops itself after max_total_time; timeout is only a safety net.
timeout --kill-after=10 $((seconds + 120)) "$fuzzer" \
  -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
  -timeout=10 -print_final_stats=1 -dict="$dict" \
  -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1
status=$?

runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 runs in \2 s/p' "$log" | tail -n 1)
found=$(find "$artifacts" -type f | head -n 1)
if [[ $status -eq 0 && -z $found ]]; then
  echo "ok 1 - $name: ${runs:-no runs?}, $(ls "$corpus" | wc -l) inputs in the corpus"
  exit 0
fi

echo "not ok 1 - $name failed (exit $status)"
grep -E -A40 '^(==[0-9]+==ERROR|ERROR|SUMMARY|\*\*$|.*runtime error)' "$log" | head -n 120 | sed 's/^/# /'
if [[ -n $found ]]; then
  echo "# input: $found"
  echo "# reproduce: $fuzzer $found"
  base64 -w 76 "$found" | sed 's/^/#   /'
fi
exit 1
