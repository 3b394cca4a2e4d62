#!/usr/bin/env bash
# Capacity-search benchmark: a loopback target of a known limit N (pinned to core 0) and the
# search driving the real load engine against it (pinned to core 1), for each kind of limit:
#  - refuse: a token bucket answers 429 to what is above N req/s;
#  - queue:  one request served per 1/N s, so past N a queue builds and answers slow down.
# Prints every probe, the true limit, the knee, the knee's error and the number of probes; the
# figures go to docs/BENCHMARKS.md ("Capacity search"). Knobs: BENCH_LIMIT (2000), BENCH_FROM (100),
# BENCH_TO (20000), BENCH_STEP (5s), BENCH_WARMUP (1s), BENCH_MODES ("refuse queue"), BENCH_SKIP_BUILD.
# Traffic stays on loopback, on a free port, and every server is stopped on exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
config=${CONFIGURATION:-Release}
limit=${BENCH_LIMIT:-2000}
for tool in taskset; do
  command -v "$tool" >/dev/null || { echo "bench/capacity: $tool is not installed" >&2; exit 1; }
done

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  dotnet build "$root/bench/capacity/CapacityBench/CapacityBench.csproj" -c "$config" -v q -nologo >/dev/null
fi
bench=(dotnet "$root/bench/capacity/CapacityBench/bin/$config/net10.0/CapacityBench.dll")

work=$(mktemp -d /tmp/pf-bench-capacity.XXXXXX)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in ${BENCH_MODES:-refuse queue}; do
  taskset -c 0 "${bench[@]}" serve "$mode" "$limit" >"$work/$mode.out" 2>&1 &
  server_pid=$!
  url=""
  for _ in $(seq 100); do
    url=$(sed -n 's/^url: //p' "$work/$mode.out")
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || { echo "bench/capacity: the $mode target did not start" >&2; cat "$work/$mode.out" >&2; exit 1; }
  echo "== $mode above $limit req/s at $url: search ${BENCH_FROM:-100}..${BENCH_TO:-20000} req/s, SLO p99 50ms, errors 1%"
  taskset -c 1 "${bench[@]}" search "$url" "$limit" "${BENCH_FROM:-100}" "${BENCH_TO:-20000}" "${BENCH_STEP:-5s}" "${BENCH_WARMUP:-1s}" || true
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
done
