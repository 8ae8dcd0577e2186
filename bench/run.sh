#!/usr/bin/env bash
# TCP Lab's benchmarks (issue 7), printed as one table; the figures and the method are in
# docs/performance.md. Not part of the default build or test run. Takes about 12 minutes.
#   bench/run.sh            everything
#   QUICK=1 bench/run.sh    shorter wrk runs and 100,000 instead of 1,000,000 new sessions
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/bench
mkdir -p "$out"
rm -f "$out/results.txt"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing wrk…"; apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "bench/run.sh needs wrk: sudo apt-get install -y wrk" >&2; exit 1
  fi
fi
for tool in curl jcmd; do command -v $tool >/dev/null || { echo "bench/run.sh needs $tool" >&2; exit 1; }; done

dur=${QUICK:+5s}; dur=${dur:-15s}
soak=${QUICK:+10s}; soak=${soak:-60s}
million=${QUICK:+100000}; million=${million:-1000000}
result() { echo "$1=$2" >> "$out/results.txt"; echo "  $1 = $2"; }

echo "== building the jar"
mvn -q -B -ntp -DskipTests package

echo "== in-process benchmarks (memory per session, replay, page weight, time to an interactive lab, a lesson on a throttled phone)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
mvn -B -ntp test -Pbench -Dtest='SiteBench,LadderBench,HostLabBench,HostBench,PhoneBench,DrillBench,HardeningBench' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep '^BENCH' || true

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

echo "== start-up: java -jar → first 200 (median of 5)"
times=()
for i in 1 2 3 4 5; do
  port=$(free_port)
  t0=$(now_ms)
  HOST=127.0.0.1 PORT=$port TCPLAB_SECRET=bench-secret-not-for-production java -jar target/tcplab.jar >/dev/null 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" = 200 ]; do sleep 0.005; done
  times+=($(( $(now_ms) - t0 )))
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
result startup.runsMs "$(IFS=,; echo "${times[*]}")"
result startup.medianMs "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)"

echo "== the server under load"
port=$(free_port)
base="http://127.0.0.1:$port"
HOST=127.0.0.1 PORT=$port TCPLAB_SECRET=bench-secret-not-for-production java -jar target/tcplab.jar > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz")" = 200 ]; do sleep 0.05; done

cookies="$out/cookies.txt"
# 256 fresh sessions, each with the handshake playground lab connected (version 1), one cookie a
# line: bench/actions.lua counts versions from there, so every wrk run of it gets new ones.
new_learners() {
  python3 - "$port" > "$cookies" <<'PY'
import http.client, sys
conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
for _ in range(256):
    conn.request("POST", "/en/play/handshake", "do=connect&version=0",
                 {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"})
    answer = conn.getresponse(); answer.read()
    cookie = answer.getheader("Set-Cookie", "")
    if answer.status == 200 and cookie.startswith("tcplab="): print(cookie.split(";")[0])
PY
  [ "$(wc -l < "$cookies")" = 256 ] || { echo "could not create 256 sessions" >&2; exit 1; }
}
new_learners

# The static file nearest in size to a lab action's answer (both sent uncompressed: wrk asks for no gzip).
action_size=$(curl -s -H 'HX-Request: true' -H "Cookie: $(head -1 "$cookies")" -d 'do=next&version=1' \
  "$base/en/play/handshake" | wc -c)
curl -s -H 'HX-Request: true' -H "Cookie: $(head -1 "$cookies")" -d 'do=back&version=2' "$base/en/play/handshake" >/dev/null
page=$(curl -s "$base/en/lessons/three-way-handshake")
static=""; best=999999999
for url in $(grep -oE '(href|src)="/(static|webjars)/[^"]+"' <<<"$page" | sed -E 's/^[a-z]+="//; s/"$//'); do
  size=$(curl -s "$base$url" | wc -c); diff=$(( size > action_size ? size - action_size : action_size - size ))
  if [ $diff -lt $best ]; then best=$diff; static=$url; static_size=$size; fi
done
result action.bytes "$action_size"
result static.file "$static ($static_size bytes)"

# The server's own CPU time (user + system), in clock ticks: per request, it does not depend on
# how much of the two cores wrk takes.
tick=$(getconf CLK_TCK)
server_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
wrk_run() { # name, connections, duration, wrk args…
  local name=$1 c=$2 d=$3; shift 3
  local t0 t1 n
  t0=$(server_ticks)
  wrk -t"$c" -c"$c" -d"$d" --latency "$@" > "$out/wrk-$name.txt" 2>&1
  t1=$(server_ticks)
  n=$(awk '/requests in/ {print $1}' "$out/wrk-$name.txt")
  result "$name.serverCpuUsPerRequest" "$(awk -v t=$((t1 - t0)) -v hz="$tick" -v n="$n" 'BEGIN {printf "%.0f", t * 1e6 / hz / n}')"
  local rps p50 p99 bad
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out/wrk-$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$out/wrk-$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$out/wrk-$name.txt")
  bad=$(awk '/Non-2xx or 3xx/ {print $5}' "$out/wrk-$name.txt"); bad=${bad:-0}
  result "$name.rps" "$rps"; result "$name.p50" "$p50"; result "$name.p99" "$p99"; result "$name.non2xx" "$bad"
  [ "$bad" = 0 ] || echo "  !! $name: $bad answers were not 2xx" >&2
}
# Warm up first: the figures are for a server that has been running. The JIT keeps compiling
# the action path for a minute or two (its compiler threads took up to a third of the server's
# CPU in the first measured runs), so warm-up rounds go on until the compiler threads use under
# 2 % of the server's CPU in a round.
jit_ticks() { cat /proc/$server/task/*/stat 2>/dev/null | grep -E '\(C[12] Compiler' | awk '{s += $14 + $15} END {print s + 0}'; }
for round in $(seq 12); do
  t0=$(server_ticks); j0=$(jit_ticks)
  for c in 64 256; do
    new_learners; COOKIES="$cookies" wrk -t$c -c$c -d5s -s bench/actions.lua "$base" >/dev/null 2>&1
    wrk -t$c -c$c -d3s "$base$static" >/dev/null 2>&1
  done
  share=$(( ($(jit_ticks) - j0) * 100 / ($(server_ticks) - t0 + 1) ))
  echo "  warm-up round $round: the JIT took $share % of the server's CPU"
  [ "$share" -lt 2 ] && break
done
result warmup.rounds "$round"
ratio() { # name, numerator key, denominator key
  local a b
  a=$(awk -F= -v k="$2" '$1==k {print $2}' "$out/results.txt"); b=$(awk -F= -v k="$3" '$1==k {print $2}' "$out/results.txt")
  result "$1" "$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a/b}')"
}
for c in 64 256; do
  new_learners; COOKIES="$cookies" wrk_run "actions.c$c" $c $dur -s bench/actions.lua "$base"
  wrk_run "static.c$c" $c $dur "$base$static"
  ratio "ratio.c$c" "actions.c$c.rps" "static.c$c.rps"
  ratio "serverCpuRatio.c$c" "static.c$c.serverCpuUsPerRequest" "actions.c$c.serverCpuUsPerRequest"
done

echo "== soak: 256 learners for $soak"
new_learners; COOKIES="$cookies" wrk_run "soak" 256 $soak -s bench/actions.lua "$base"
result soak.logErrors "$(grep -cE 'ERROR|WARN|Exception' "$out/server.log" || true)"

echo "== $million requests that each start a new session"
total=0
while [ "$total" -lt "$million" ]; do
  wrk -t2 -c64 -d20s -s bench/new-sessions.lua "$base/en/lessons/three-way-handshake/labs/1" > "$out/wrk-new.txt" 2>&1
  n=$(awk '/requests in/ {print $1}' "$out/wrk-new.txt"); total=$(( total + n ))
  bad=$(awk '/Non-2xx or 3xx/ {print $5}' "$out/wrk-new.txt"); [ -z "$bad" ] || { echo "non-2xx answers: $bad" >&2; }
  jcmd "$server" GC.run >/dev/null
  used=$(jcmd "$server" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
  echo "  $total new sessions, heap after GC ${used} KB"
  echo "$total $used" >> "$out/heap-by-sessions.txt"
done
result newSessions.total "$total"
result newSessions.heapAfterGcMB "$(( used / 1024 ))"
result newSessions.health "$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz")"
result newSessions.logErrors "$(grep -cE 'ERROR|WARN|Exception' "$out/server.log" || true)"

echo
echo "== TCP Lab benchmarks ($(nproc) cores, $(date -u +%Y-%m-%d))"
printf '%-40s %s\n' figure value
printf '%-40s %s\n' ------ -----
sed 's/=/\t/' "$out/results.txt" | awk -F'\t' '{printf "%-40s %s\n", $1, $2}'
