#!/usr/bin/env bash
# Change-point benchmark: 1,000 synthetic histories of 50 baselines with one 10 % step at a
# random position, and 1,000 flat histories of 200 baselines, through the coordinator's detector.
# Prints the found-at-the-right-commit rate (Wilson 95 % interval), false steps per 200 baselines
# and the time per detection; the figures go to docs/BENCHMARKS.md ("Change points").
# Knobs: CONFIGURATION, BENCH_TRIALS, BENCH_FLAT_TRIALS, BENCH_SEED, BENCH_SKIP_BUILD.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
config=${CONFIGURATION:-Release}
project="$root/bench/changepoints/ChangePointsBench/ChangePointsBench.csproj"

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  dotnet build "$project" -c "$config" -v q -nologo
fi

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$root/bench/changepoints/ChangePointsBench/bin/$config/net10.0/ChangePointsBench.dll" \
  --trials "${BENCH_TRIALS:-1000}" --flat-trials "${BENCH_FLAT_TRIALS:-1000}" --seed "${BENCH_SEED:-13}"
