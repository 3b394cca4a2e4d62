#!/usr/bin/env bash
# Scheduler benchmark: 3 coordinators on one PostgreSQL, 1,000 scheduled tests, 100 simulated
# workers (one process) that accept and finish at once, then leader kills. Prints the figures
# recorded in docs/BENCHMARKS.md ("Scheduler"). Knobs: CONFIGURATION, BENCH_TESTS, BENCH_WORKERS, BENCH_KILLS,
# BENCH_RUN_MS (how long a worker holds a test; 0 = finish at once), BENCH_SKIP_BUILD.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
config=${CONFIGURATION:-Release}
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  dotnet build "$root/Coordinator/PerfFleet.Coordinator.csproj" -c "$config" -v q -nologo
  dotnet build "$root/Tests/PerfFleet.SimulatedWorker/PerfFleet.SimulatedWorker.csproj" -c "$config" -v q -nologo
  dotnet build "$root/bench/scheduler/SchedulerBench/SchedulerBench.csproj" -c "$config" -v q -nologo
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
"$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE perffleet_bench"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$root/bench/scheduler/SchedulerBench/bin/$config/net10.0/SchedulerBench.dll" \
  --connection-string "Host=127.0.0.1;Port=$port;Username=postgres;Database=perffleet_bench;Maximum Pool Size=50" \
  --coordinator-dll "$root/Coordinator/bin/$config/net10.0/perffleet-coordinator.dll" \
  --worker-dll "$root/Tests/PerfFleet.SimulatedWorker/bin/$config/net10.0/perffleet-simulated-worker.dll" \
  --tests "${BENCH_TESTS:-1000}" --workers "${BENCH_WORKERS:-100}" --kills "${BENCH_KILLS:-20}" --run-ms "${BENCH_RUN_MS:-0}"
