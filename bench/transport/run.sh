#!/usr/bin/env bash
# Transport benchmark: one PerfFleet gRPC server on loopback; PerfFleet's client and @grpc/grpc-js's
# client take turns calling it over ONE HTTP/2 connection each. Measures unary calls/s and
# server-streamed messages/s, and prints the ratio PerfFleet / grpc-js.
# Run through ./build.sh --target=Bench --bench=transport. Bounded: DURATION seconds per run (default 10).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/transport"
interop="$root/Tests/PerfFleet.Contracts.Tests/Interop"
duration="${DURATION:-10}"
unary_concurrency="${UNARY_CONCURRENCY:-32}"
stream_concurrency="${STREAM_CONCURRENCY:-1}"
work="$(mktemp -d)"
server_pid=""
js_server_pid=""

cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [[ -n "$js_server_pid" ]]; then kill "$js_server_pid" 2>/dev/null || true; wait "$js_server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

command -v node >/dev/null || { echo "node is not on PATH: the grpc-js side of the benchmark needs Node.js" >&2; exit 1; }
if [[ ! -d "$interop/node_modules/@grpc/grpc-js" ]]; then
  (cd "$interop" && npm ci --no-audit --no-fund >/dev/null)
fi

dotnet build -c Release "$here/TransportBench/TransportBench.csproj" -o "$work/bin" -v quiet -nologo >/dev/null
bench=("dotnet" "$work/bin/TransportBench.dll")

"${bench[@]}" server >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q '^LISTENING ' "$work/server.out" 2>/dev/null && break
  sleep 0.2
done
port="$(sed -n 's/^LISTENING \([0-9]*\)$/\1/p' "$work/server.out")"
[[ -n "$port" ]] || { echo "server did not start:"; cat "$work/server.out"; exit 1; } >&2

# Reference: the grpc-js server (Interop/server.js) called by the grpc-js client, to show what node itself
# reaches on this machine (unary only: server.js writes a stream without flow control, which says nothing useful). server.js stops when its stdin closes: feed it from a bounded sleep.
sleep $((duration * 5 + 120)) | node "$interop/server.js" >"$work/js-server.out" 2>&1 &
js_server_pid=$!
for _ in $(seq 1 100); do
  grep -q '^LISTENING ' "$work/js-server.out" 2>/dev/null && break
  sleep 0.2
done
js_port="$(sed -n 's/^LISTENING \([0-9]*\)$/\1/p' "$work/js-server.out")"
[[ -n "$js_port" ]] || { echo "grpc-js server did not start:"; cat "$work/js-server.out"; exit 1; } >&2

run() { # client mode concurrency [port] -> perSecond
  local line target="${4:-$port}"
  if [[ "$1" == perffleet ]]; then
    line="$(timeout $((duration + 60)) "${bench[@]}" client "$target" "$2" "$duration" "$3")"
  else
    line="$(timeout $((duration + 60)) node "$here/grpcjs-client.js" "$target" "$2" "$duration" "$3")"
  fi
  echo "$line" >&2
  sed -n 's/.*"perSecond":\([0-9.]*\).*/\1/p' <<<"$line"
}

echo "transport benchmark: server = PerfFleet (Kestrel h2c) on 127.0.0.1:$port, ${duration}s per run, one connection per client" >&2
pf_unary="$(run perffleet unary "$unary_concurrency")"
js_unary="$(run grpc-js unary "$unary_concurrency")"
pf_stream="$(run perffleet stream "$stream_concurrency")"
js_stream="$(run grpc-js stream "$stream_concurrency")"
ref_unary="$(run grpc-js unary "$unary_concurrency" "$js_port")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
printf '\n| measure | PerfFleet client | @grpc/grpc-js client | ratio | reference: grpc-js client -> grpc-js server |\n|---|---:|---:|---:|---:|\n'
printf '| unary calls/s (%s in flight) | %s | %s | %s | %s |\n' "$unary_concurrency" "$pf_unary" "$js_unary" "$(ratio "$pf_unary" "$js_unary")" "$ref_unary"
printf '| server-streamed messages/s (%s stream) | %s | %s | %s | %s |\n' "$stream_concurrency" "$pf_stream" "$js_stream" "$(ratio "$pf_stream" "$js_stream")" "-"
