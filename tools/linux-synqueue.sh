#!/usr/bin/env bash
# Ask the real kernel about the SYN queue, as lesson 10 tells it: a listener with backlog B that
# never accepts, and N SYNs from spoofed 203.0.113.x addresses that never answer the SYN-ACK
# (the client namespace does not own them, so it drops the SYN-ACKs). Prints how many request
# sockets (SYN-RECV) the server keeps and the counters; with WATCH=1 it then samples ss every
# half second until the request sockets are gone (the SYN-ACK retries, 63 s by default).
# Two network namespaces joined by a veth, only the addresses inside them; everything is removed
# on exit. Needs root, ip, ss, nstat, python3. Not part of any test run.
#   tools/linux-synqueue.sh [BACKLOG] [SYNS] [SYNCOOKIES] [WATCH]      (defaults 4 10 0 0)
set -euo pipefail
backlog=${1:-4}; syns=${2:-10}; cookies=${3:-0}; watch=${4:-0}
(( syns >= 1 && syns <= 250 )) || { echo "SYNS: 1 to 250" >&2; exit 2; }
srv=tcplab-sq-srv-$$; cli=tcplab-sq-cli-$$
cleanup() { ip netns pids "$srv" 2>/dev/null | xargs -r kill 2>/dev/null || true
            ip netns del "$srv" 2>/dev/null || true; ip netns del "$cli" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$srv"; ip netns add "$cli"
ip link add vsq-s$$ type veth peer name vsq-c$$
ip link set vsq-s$$ netns "$srv"; ip link set vsq-c$$ netns "$cli"
ip -n "$srv" addr add 198.51.100.20/24 dev vsq-s$$; ip -n "$cli" addr add 198.51.100.10/24 dev vsq-c$$
for ns in "$srv" "$cli"; do ip -n "$ns" link set lo up; done
ip -n "$srv" link set vsq-s$$ up; ip -n "$cli" link set vsq-c$$ up
# the SYN-ACKs to the spoofed sources go to the client namespace, which does not own them
ip -n "$srv" route add 203.0.113.0/24 via 198.51.100.10
ip netns exec "$srv" sysctl -qw net.ipv4.tcp_syncookies="$cookies"
ip netns exec "$srv" nstat -n >/dev/null
timeout 100 ip netns exec "$srv" python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('198.51.100.20', 80)); s.listen($backlog); time.sleep(95)" &
sleep 1
# N bare SYNs (no options) from 203.0.113.1 … .N port 7777, through a raw socket
ip netns exec "$cli" python3 - "$syns" <<'PY'
import socket, struct, sys
def checksum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return ~s & 0xffff
raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
dst = socket.inet_aton('198.51.100.20')
for i in range(int(sys.argv[1])):
    src = socket.inet_aton('203.0.113.%d' % (1 + i))
    tcp = struct.pack('!HHIIBBHHH', 7777, 80, 1000 + i, 0, 5 << 4, 0x02, 64240, 0, 0)
    c = checksum(src + dst + struct.pack('!BBH', 0, 6, len(tcp)) + tcp)
    tcp = tcp[:16] + struct.pack('!H', c) + tcp[18:]
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), i, 0, 64, 6, 0, src, dst)
    raw.sendto(ip + tcp, ('198.51.100.20', 0))
PY
sleep 0.5
echo "== kernel $(uname -r), backlog $backlog, $syns spoofed SYNs, tcp_syncookies=$cookies"
echo "== server: request sockets (SYN-RECV): $(ip netns exec "$srv" ss -tan state syn-recv | tail -n +2 | wc -l)"
ip netns exec "$srv" nstat -az TcpExtListenDrops TcpExtTCPReqQFullDrop TcpExtTCPReqQFullDoCookies TcpExtSyncookiesSent | tail -n +2
if [ "$watch" = 1 ]; then
  start=$(date +%s%N)
  for _ in $(seq 1 180); do
    lines=$(ip netns exec "$srv" ss -tano state syn-recv | tail -n +2)
    t=$(( ($(date +%s%N) - start) / 1000000 ))
    [ -z "$lines" ] && { echo "== request sockets gone ${t} ms after the first sample"; break; }
    first=$(head -1 <<<"$lines")
    echo "${t} ms: $(wc -l <<<"$lines") request sockets, the first ${first##* }"
    sleep 0.5
  done
fi
