#!/usr/bin/env bash
# Verdict benchmark: synthetic 10-metric runs (independent, AR(1) 0.8 and 0.95, PromQL-like
# windows; run-to-run offsets of 1-3 %) through the real RunComparer: the old single-run rule
# beside the paired, history and window rules. A/A false alarms and +5 % / +10 % detection per
# run, with Wilson 95 % intervals and the cost of a verdict. Prints the tables recorded in
# docs/BENCHMARKS.md ("Verdicts"). Knobs: CONFIGURATION, BENCH_TRIALS (1000), BENCH_PAIRS (20),
# BENCH_LATENCY_THRESHOLD (3), BENCH_SWEEP (10,15,20,25), BENCH_SKIP_BUILD. The last table: per-endpoint
# verdicts (one endpoint of five changed).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
config=${CONFIGURATION:-Release}

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  dotnet build "$root/bench/verdicts/VerdictsBench/VerdictsBench.csproj" -c "$config" -v q -nologo
fi

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$root/bench/verdicts/VerdictsBench/bin/$config/net10.0/VerdictsBench.dll" \
  --trials "${BENCH_TRIALS:-1000}" --pairs "${BENCH_PAIRS:-20}" \
  --latency-threshold "${BENCH_LATENCY_THRESHOLD:-3}" --sweep "${BENCH_SWEEP:-10,15,20,25}"
