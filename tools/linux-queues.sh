#!/usr/bin/env bash
# Ask the real kernel what the host labs model: a listener with backlog B that never accepts,
# N clients connecting at once. Prints ss -lnt (Recv-Q = accept queue, Send-Q = its limit), the
# sockets in SYN-RECV on the server, the clients that believe they are connected, and the
# counters. Two network namespaces joined by a veth, only the addresses inside them; everything
# is removed on exit. Needs root, ip, ss, nstat, python3. Not part of any test run.
#   tools/linux-queues.sh [BACKLOG] [CLIENTS] [SYNCOOKIES]      (defaults 2 5 1)
set -euo pipefail
backlog=${1:-2}; clients=${2:-5}; cookies=${3:-1}
srv=tcplab-srv-$$; cli=tcplab-cli-$$
cleanup() { ip netns pids "$srv" 2>/dev/null | xargs -r kill 2>/dev/null || true
            ip netns pids "$cli" 2>/dev/null | xargs -r kill 2>/dev/null || true
            ip netns del "$srv" 2>/dev/null || true; ip netns del "$cli" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$srv"; ip netns add "$cli"
ip link add veth-s$$ type veth peer name veth-c$$
ip link set veth-s$$ netns "$srv"; ip link set veth-c$$ netns "$cli"
ip -n "$srv" addr add 198.51.100.20/24 dev veth-s$$; ip -n "$cli" addr add 198.51.100.10/24 dev veth-c$$
for ns in "$srv" "$cli"; do ip -n "$ns" link set lo up; done
ip -n "$srv" link set veth-s$$ up; ip -n "$cli" link set veth-c$$ up
# 50 ms each way, as in the labs, so every SYN arrives before the first handshake completes.
ip netns exec "$cli" tc qdisc add dev veth-c$$ root netem delay 50ms 2>/dev/null || echo "(no netem: no delay)"
ip netns exec "$srv" tc qdisc add dev veth-s$$ root netem delay 50ms 2>/dev/null || true
ip netns exec "$srv" sysctl -qw net.ipv4.tcp_syncookies="$cookies"
ip netns exec "$srv" nstat -n >/dev/null
timeout 30 ip netns exec "$srv" python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('198.51.100.20', 80)); s.listen($backlog); time.sleep(25)" &
sleep 1
timeout 20 ip netns exec "$cli" python3 -c "
import socket, select, time
socks = []
for i in range($clients):
    c = socket.socket(); c.setblocking(False)
    try: c.connect(('198.51.100.20', 80))
    except BlockingIOError: pass
    socks.append(c)
time.sleep(3)
ok = [c for c in socks if c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0 and select.select([], [c], [], 0)[1]]
print('clients that believe they are connected:', len(ok), 'of', len(socks))
time.sleep(12)" &
sleep 3.5
echo "== kernel $(uname -r), backlog $backlog, $clients clients, tcp_syncookies=$cookies"
echo "== server: ss -lnt (Recv-Q accept queue, Send-Q limit)"; ip netns exec "$srv" ss -lnt
echo "== server: sockets in SYN-RECV: $(ip netns exec "$srv" ss -tan state syn-recv | tail -n +2 | wc -l)"
echo "== server: nstat"; ip netns exec "$srv" nstat -az TcpExtListenOverflows TcpExtListenDrops TcpExtSyncookiesSent TcpExtTCPReqQFullDoCookies | tail -n +2
wait
