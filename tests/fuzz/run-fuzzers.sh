#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-fuzz/ and runs each for a while.
#   tests/fuzz/run-fuzzers.sh [--seconds N] [--jobs J] [target ...]     (default: 20 s, every target)
# Each target grows its corpus in build-fuzz/corpus/<target>/ from its seeds; a crash, leak,
# timeout or out-of-memory input is copied to tests/fuzz/regressions/<target>/ (replayed by CTest
# from then on) and makes the script fail. Prints executions and coverage per target.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=20
jobs=1
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
command -v clang++ >/dev/null || { echo "run-fuzzers: clang++ not found (packaging/install-deps.sh installs it)" >&2; exit 2; }
build=build-fuzz
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DKIRCHHOFF_FUZZ=ON -DKIRCHHOFF_TRAINING=OFF \
      -DKIRCHHOFF_BUILD_GUI=OFF -DBUILD_TESTING=OFF >/dev/null
[ ${#targets[@]} -eq 0 ] && mapfile -t targets < <(cut -d' ' -f1 "$build/fuzz-targets.txt")
cmake --build "$build" --parallel "$(nproc)" --target kirchhoff-fuzz-seed-corpora $(printf 'fuzz_%s ' "${targets[@]}")

export OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
printf '%-14s %12s %8s %8s %s\n' target executions cov ft result
for t in "${targets[@]}"; do
  read -r -a seeds < <(grep "^$t " "$build/fuzz-targets.txt" | cut -d' ' -f2-)
  corpus="$build/corpus/$t"; findings="$build/findings/$t"; log="$build/logs/$t.log"
  rm -rf "$findings"
  mkdir -p "$corpus" "$findings" "$(dirname "$log")"
  for s in "${seeds[@]}"; do
    if [ -d "$s" ]; then find "$s" -maxdepth 1 -type f ! -name README.md -exec cp -n {} "$corpus/" \; ; elif [ -f "$s" ]; then cp -n "$s" "$corpus/"; fi
  done
  rc=0
  # -rss_limit_mb bounds what one input may make a reader allocate; -timeout what it may take.
  parallel=()
  [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")   # each job logs to fuzz-<n>.log here
  "$build/tests/fuzz/fuzz_$t" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$findings/" "${parallel[@]}" >"$log" 2>&1 || rc=$?
  if [ "$jobs" -gt 1 ]; then cat fuzz-*.log >>"$log" 2>/dev/null || true; rm -f fuzz-*.log; fi
  # A crashing run may end before its statistics: count what is there.
  execs=$( (grep -h 'stat::number_of_executed_units' "$log" || true) | awk '{s+=$2} END {print s+0}')
  last=$( (grep -h -E '^#[0-9]+' "$log" || true) | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last"); ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  result=ok
  if [ "$rc" -ne 0 ] || [ -n "$(ls -A "$findings")" ]; then
    result="FINDING (see $log)"
    failed=1
    mkdir -p "tests/fuzz/regressions/$t"
    cp "$findings"/* "tests/fuzz/regressions/$t/" 2>/dev/null || true
  fi
  printf '%-14s %12s %8s %8s %s\n' "$t" "$execs" "${cov:-?}" "${ft:-?}" "$result"
done
exit $failed
