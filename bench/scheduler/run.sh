#!/usr/bin/env bash
# Scheduler benchmark: 3 coordinators on one PostgreSQL, 1,000 scheduled tests, 100 simulated
# workers (one process) that accept and finish at once, then leader kills. Prints the figures
# recorded in docs/BENCHMARKS.md ("Scheduler"). Knobs: CONFIGURATION, BENCH_TESTS, BENCH_WORKERS, BENCH_KILLS,
# BENCH_RUN_MS (how long a worker holds a test; 0 = finish at once), BENCH_ARRIVALS (steady rates in
# tests/s measured after the burst, "100,400"), BENCH_ARRIVAL_SECONDS (10), BENCH_XMIN_HOLD_SECONDS (60;
# 0: no second burst with a snapshot held open elsewhere), BENCH_SKIP_BUILD.
# BENCH_BEFORE=<another checkout of PerfFleet> runs the same benchmark first on that checkout's
# coordinator and simulated worker (built here in the same configuration), then on this one, and
# prints the figures side by side with their ratio (e.g. a worktree of the commit before a change).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
config=${CONFIGURATION:-Release}
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  dotnet build "$root/Coordinator/PerfFleet.Coordinator.csproj" -c "$config" -v q -nologo
  dotnet build "$root/Tests/PerfFleet.SimulatedWorker/PerfFleet.SimulatedWorker.csproj" -c "$config" -v q -nologo
  dotnet build "$root/bench/scheduler/SchedulerBench/SchedulerBench.csproj" -c "$config" -v q -nologo
  if [ -n "${BENCH_BEFORE:-}" ]; then
    dotnet build "$BENCH_BEFORE/Coordinator/PerfFleet.Coordinator.csproj" -c "$config" -v q -nologo
    dotnet build "$BENCH_BEFORE/Tests/PerfFleet.SimulatedWorker/PerfFleet.SimulatedWorker.csproj" -c "$config" -v q -nologo
  fi
fi

# A PostgreSQL of our own on a free loopback port, removed on exit whatever happens.
work=$(mktemp -d /tmp/perffleet-bench-scheduler.XXXXXX)
chown postgres "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() {
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
runuser -u postgres -- "$pgbin/initdb" -D "$work/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off" start >/dev/null
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"

# One run of the driver against one checkout's coordinator and simulated worker, on a fresh database.
run_one() {
  local label=$1 tree=$2
  "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE perffleet_bench_$label"
  echo "== $label: $(git -C "$tree" log -1 --format='%h %s' 2>/dev/null | cut -c1-80)"
  dotnet "$root/bench/scheduler/SchedulerBench/bin/$config/net10.0/SchedulerBench.dll" \
    --connection-string "Host=127.0.0.1;Port=$port;Username=postgres;Database=perffleet_bench_$label;Maximum Pool Size=50" \
    --coordinator-dll "$tree/Coordinator/bin/$config/net10.0/perffleet-coordinator.dll" \
    --worker-dll "$tree/Tests/PerfFleet.SimulatedWorker/bin/$config/net10.0/perffleet-simulated-worker.dll" \
    --tests "${BENCH_TESTS:-1000}" --workers "${BENCH_WORKERS:-100}" --kills "${BENCH_KILLS:-20}" --run-ms "${BENCH_RUN_MS:-0}" \
    --arrivals "${BENCH_ARRIVALS-100,400}" --arrival-seconds "${BENCH_ARRIVAL_SECONDS:-10}" \
    --xmin-hold-seconds "${BENCH_XMIN_HOLD_SECONDS:-60}" \
    | tee "$work/$label.txt"
}

if [ -z "${BENCH_BEFORE:-}" ]; then
  run_one current "$root"
  exit 0
fi

run_one before "$BENCH_BEFORE"
run_one current "$root"
figure() { { grep -m1 "^$2" "$work/$1.txt" || true; } | grep -oE -- '-?[0-9]+(\.[0-9]+)?' | sed -n "${3:-1}p" || true; }
echo
echo "| measure | before | current | current / before |"
echo "|---|---:|---:|---:|"
for row in "coordinator CPU per heartbeat (ms)|coordinator CPU per heartbeat:|1" "coordinator CPU per busy heartbeat (ms)|coordinator CPU per busy heartbeat|1" "coordinator CPU per test (ms)|coordinator CPU per test|1" \
           "unary admin calls/s|unary admin calls per second|1" "dispatches/s|dispatches per second|1" \
           "schedule->accepted p50 (ms)|schedule->accepted latency|2" "schedule->accepted p99 (ms)|schedule->accepted latency|4" \
           "steady 100/s: schedule->accepted p50 (ms)|steady 100 |5" "steady 100/s: schedule->accepted p99 (ms)|steady 100 |7" \
           "steady 400/s: schedule->accepted p50 (ms)|steady 400 |5" "steady 400/s: schedule->accepted p99 (ms)|steady 400 |7"; do
  IFS='|' read -r name prefix index <<<"$row"
  before=$(figure before "$prefix" "$index"); current=$(figure current "$prefix" "$index")
  ratio=$(awk -v a="$before" -v b="$current" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }')
  echo "| $name | ${before:--} | ${current:--} | $ratio |"
done
