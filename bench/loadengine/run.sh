#!/usr/bin/env bash
# Load engine benchmark: PerfFleet's engine beside wrk, wrk2, hey and h2load against the same nginx
# (one worker process pinned to core 0, a small static file), every generator pinned to core 1,
# one run after the other in this script:
#  - closed loop, 32 connections: wrk -t1, PerfFleet ("max"), hey, h2load --h1;
#  - open model at 5,000/s and 20,000/s: wrk2 -t1 -R (when WRK2=/path/to/wrk2's wrk is given;
#    wrk2 is not packaged, build it from its source) and PerfFleet: intended-time p50/p99 (from
#    the intended send time, coordinated-omission-corrected in both) and PerfFleet's own generator
#    lateness;
#  - HTTP/2 closed loop (h2c): h2load -t1 -c$H2_CONNECTIONS -m$H2_STREAMS and PerfFleet with the same
#    connections and streams in flight.
# Prints the ratios side by side; the figures go to docs/BENCHMARKS.md ("Load engine").
# Traffic stays on loopback, on free ports, and every run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${BENCH_DURATION:-10}"
CONNECTIONS=32
RATES="${BENCH_RATES:-5000 20000}"
H2_CONNECTIONS="${H2_CONNECTIONS:-4}"
H2_STREAMS="${H2_STREAMS:-16}"
WRK2="${WRK2:-}"
for tool in nginx wrk h2load taskset python3 curl; do
  command -v "$tool" >/dev/null || { echo "bench/loadengine: $tool is not installed" >&2; exit 1; }
done

work="$(mktemp -d /tmp/pf-bench-loadengine.XXXXXX)"
nginx_pid=""
cleanup() { [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port="$(free_port)"
h2_port="$(free_port)"
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
  server {
    listen 127.0.0.1:$h2_port http2; # h2c with prior knowledge, as h2load and PerfFleet speak it
    root $work/html;
    location / { index index.html; }
  }
}
CONF
taskset -c 0 nginx -c "$work/nginx.conf" -p "$work" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/index.html" >/dev/null 2>&1 && break; sleep 0.1; done
url="http://127.0.0.1:$port/index.html"
h2_url="http://127.0.0.1:$h2_port/index.html"

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

hey_rps=""
if command -v hey >/dev/null; then
  echo "== hey -c $CONNECTIONS -z ${DURATION}s"
  hey_out="$(gen env GOMAXPROCS=1 hey -c "$CONNECTIONS" -z "${DURATION}s" "$url")"; echo "$hey_out" | grep -E 'Requests/sec|Average|Total:'
  hey_rps="$(echo "$hey_out" | rate_of)"
else
  echo "== hey skipped: not installed (Debian package hey)"
fi

echo "== h2load --h1 -t1 -c$CONNECTIONS -D $DURATION"
h2_out="$(gen h2load --h1 -t1 -c"$CONNECTIONS" -D "$DURATION" "$url" 2>&1 || true)"; echo "$h2_out" | grep -E 'finished in|requests:|rror' || echo "$h2_out"
h2_rps="$(echo "$h2_out" | grep -Eo '[0-9.]+ req/s' | head -1 | grep -Eo '^[0-9.]+')"

# wrk2 prints its percentile spectrum in ms, us or s; the engine prints ms.
ms_of() { python3 -c '
import re, sys
m = re.match(r"([0-9.]+)(us|ms|s|m)$", sys.argv[1])
print(float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)] if m else "")' "$1"; }
wrk2_pct() { ms_of "$(echo "$1" | awk -v p="$2" '$1 == p { print $2; exit }')"; }
field() { echo "$1" | grep "^$2" | sed 's/^[^:]*: //' | cut -d' ' -f"$3"; }
ratio() { python3 -c "import sys; a, b = sys.argv[1:]; print(f'{float(a)/float(b):.2f}' if a and b and float(b) else 'n/a')" "${1:-}" "${2:-}"; }

declare -A open_pf open_wrk2
for rate in $RATES; do
  if [ -n "$WRK2" ]; then
    echo "== wrk2 -t1 -c$CONNECTIONS -R$rate -d${DURATION}s (first 10 s of wrk2's run are its calibration; it measures from then)"
    w2_out="$(gen "$WRK2" -t1 -c"$CONNECTIONS" -R"$rate" -d"$((DURATION + 10))s" -L "$url" 2>&1 || true)"
    echo "$w2_out" | grep -E '^ +(50|99)\.000%|Requests/sec|Socket errors' || echo "$w2_out"
    open_wrk2[$rate]="$(wrk2_pct "$w2_out" 50.000%) $(wrk2_pct "$w2_out" 99.000%) $(echo "$w2_out" | rate_of)"
  else
    echo "== wrk2 skipped at $rate/s: set WRK2=/path/to/wrk2's wrk (built from giltene/wrk2)"
    open_wrk2[$rate]="  "
  fi
  echo "== perffleet at a fixed $rate req/s"
  fixed_out="$(gen "${engine[@]}" "$url" "$CONNECTIONS" "${DURATION}s" "$rate" 2s || true)"; echo "$fixed_out"
  open_pf[$rate]="$(field "$fixed_out" 'Latency intended' 1) $(field "$fixed_out" 'Latency intended' 2) $(echo "$fixed_out" | rate_of) $(field "$fixed_out" 'Generator lateness' 1) $(field "$fixed_out" 'Generator lateness' 2) $(field "$fixed_out" 'Generator lateness' 3)"
done

echo "== h2load -t1 -c$H2_CONNECTIONS -m$H2_STREAMS -D $DURATION (HTTP/2, h2c)"
h2c_out="$(gen h2load -t1 -c"$H2_CONNECTIONS" -m"$H2_STREAMS" -D "$DURATION" "$h2_url" 2>&1 || true)"; echo "$h2c_out" | grep -E 'finished in|requests:|rror' || echo "$h2c_out"
h2c_rps="$(echo "$h2c_out" | grep -Eo '[0-9.]+ req/s' | head -1 | grep -Eo '^[0-9.]+')"
h2_inflight=$((H2_CONNECTIONS * H2_STREAMS))
echo "== perffleet HTTP/2 (closed loop, $H2_CONNECTIONS connections, $h2_inflight streams in flight)"
pf_h2_out="$(gen "${engine[@]}" "$h2_url" "$H2_CONNECTIONS" "${DURATION}s" max 2s http2 "$h2_inflight" || true)"; echo "$pf_h2_out"
pf_h2_rps="$(echo "$pf_h2_out" | rate_of)"

echo
echo "== summary: closed loop (requests/s, $CONNECTIONS connections, ${DURATION}s)"
printf '%-24s %10s\n' "wrk -t1" "$wrk_rps" "h2load --h1 -t1" "$h2_rps" "hey" "$hey_rps" "perffleet (max)" "$pf_rps"
echo "perffleet / wrk -t1:  $(ratio "$pf_rps" "$wrk_rps")   (goal >= 1.0)"
echo "perffleet / h2load:   $(ratio "$pf_rps" "$h2_rps")"
echo "perffleet / hey:      $(ratio "$pf_rps" "$hey_rps")"
echo
echo "== summary: HTTP/2 closed loop ($H2_CONNECTIONS connections, $H2_STREAMS streams each)"
printf '%-24s %10s\n' "h2load -t1" "$h2c_rps" "perffleet (max, http2)" "$pf_h2_rps"
echo "perffleet / h2load:   $(ratio "$pf_h2_rps" "$h2c_rps")   (goal >= 0.8)"
echo
echo "== summary: open model, intended-time latency (ms), $CONNECTIONS connections; PerfFleet's generator lateness (us)"
printf '%-8s | %-21s | %-21s | %-13s | %-19s | %s\n' "rate/s" "wrk2 p50 / p99" "perffleet p50 / p99" "pf / wrk2" "achieved pf / wrk2" "generator lateness p50 / p99 / max"
for rate in $RATES; do
  read -r w50 w99 wrps <<<"${open_wrk2[$rate]}"
  read -r p50 p99 prps l50 l99 lmax <<<"${open_pf[$rate]}"
  printf '%-8s | %-21s | %-21s | %-13s | %-19s | %s\n' "$rate" "${w50:-n/a} / ${w99:-n/a}" "$p50 / $p99" "$(ratio "$p50" "$w50") / $(ratio "$p99" "$w99")" "${prps:-?} / ${wrps:-n/a}" "$l50 / $l99 / $lmax"
done
echo "(goals: perffleet / wrk2 <= 1.0 at p50 and p99; generator lateness p99 < 100 us at 20,000/s on a quiet machine)"
