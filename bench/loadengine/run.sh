#!/usr/bin/env bash
# Load engine benchmark: PerfFleet's engine beside wrk, hey and h2load against the same nginx
# (one worker process pinned to core 0, a small static file), the generator pinned to core 1,
# 32 connections, one run after the other. Then PerfFleet at a fixed 20,000 req/s: achieved rate
# and generator CPU. Prints the ratios; the figures go to docs/BENCHMARKS.md ("Load engine").
# Traffic stays on loopback, on a free port, and every run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${BENCH_DURATION:-10}"
CONNECTIONS=32
FIXED_RATE=20000
for tool in nginx wrk hey h2load taskset python3; do
  command -v "$tool" >/dev/null || { echo "bench/loadengine: $tool is not installed" >&2; exit 1; }
done

work="$(mktemp -d /tmp/pf-bench-loadengine.XXXXXX)"
nginx_pid=""
cleanup() { [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p "$work/html" "$work/logs"
printf 'hello, perffleet\n' > "$work/html/index.html"
chmod -R a+rX "$work" # nginx's worker runs as an unprivileged user
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
error_log $work/logs/error.log warn;
pid $work/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 60s;
  server {
    listen 127.0.0.1:$port;
    root $work/html;
    location / { index index.html; }
  }
}
CONF
taskset -c 0 nginx -c "$work/nginx.conf" -p "$work" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/index.html" >/dev/null 2>&1 && break; sleep 0.1; done
url="http://127.0.0.1:$port/index.html"

echo "== building the engine driver (Release)"
dotnet build -c Release bench/loadengine/LoadEngineBench/LoadEngineBench.csproj -o "$work/bin" -v q -nologo >/dev/null
engine=(env DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_TieredCompilation=1 dotnet "$work/bin/LoadEngineBench.dll")

gen() { taskset -c 1 "$@"; }
rate_of() { grep -Eo 'Requests/sec:[[:space:]]*[0-9.]+' | grep -Eo '[0-9.]+$' | head -1; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== target: nginx $(nginx -v 2>&1 | cut -d/ -f2), 1 worker on core 0; generators on core 1; $CONNECTIONS connections, ${DURATION}s each"

echo "== wrk -t1 -c$CONNECTIONS -d${DURATION}s"
wrk_out="$(gen wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" "$url")"; echo "$wrk_out"
wrk_rps="$(echo "$wrk_out" | rate_of)"

echo "== perffleet (closed loop, $CONNECTIONS connections)"
pf_out="$(gen "${engine[@]}" "$url" "$CONNECTIONS" "${DURATION}s" max 2s || true)"; echo "$pf_out"
pf_rps="$(echo "$pf_out" | rate_of)"

echo "== hey -c $CONNECTIONS -z ${DURATION}s"
hey_out="$(gen env GOMAXPROCS=1 hey -c "$CONNECTIONS" -z "${DURATION}s" "$url")"; echo "$hey_out" | grep -E 'Requests/sec|Average|Total:'
hey_rps="$(echo "$hey_out" | rate_of)"

echo "== h2load --h1 -t1 -c$CONNECTIONS -D $DURATION"
h2_out="$(gen h2load --h1 -t1 -c"$CONNECTIONS" -D "$DURATION" "$url" 2>&1 || true)"; echo "$h2_out" | grep -E 'finished in|requests:|rror' || echo "$h2_out"
h2_rps="$(echo "$h2_out" | grep -Eo '[0-9.]+ req/s' | head -1 | grep -Eo '^[0-9.]+')"

echo "== perffleet at a fixed $FIXED_RATE req/s"
fixed_out="$(gen "${engine[@]}" "$url" "$CONNECTIONS" "${DURATION}s" "$FIXED_RATE" 2s || true)"; echo "$fixed_out"
fixed_rps="$(echo "$fixed_out" | rate_of)"

ratio() { python3 -c "print(f'{float($1)/float($2):.2f}')"; }
echo
echo "== summary (requests/s, $CONNECTIONS connections, ${DURATION}s)"
printf '%-24s %10s\n' "wrk -t1" "$wrk_rps" "h2load --h1 -t1" "$h2_rps" "hey" "$hey_rps" "perffleet (max)" "$pf_rps"
echo "perffleet / wrk:    $(ratio "$pf_rps" "$wrk_rps")   (goal >= 0.80)"
echo "perffleet / h2load: $(ratio "$pf_rps" "$h2_rps")"
echo "perffleet / hey:    $(ratio "$pf_rps" "$hey_rps")"
echo "perffleet at $FIXED_RATE req/s: achieved $fixed_rps req/s ($(ratio "$fixed_rps" "$FIXED_RATE") of requested); $(echo "$fixed_out" | grep 'Generator CPU')"
