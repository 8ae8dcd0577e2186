#!/usr/bin/env bash
# Starts TCP Lab on http://localhost:7070 (PORT and HOST override) in development mode:
# lessons, templates and static files are read from this checkout on every request.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v mvn >/dev/null || { echo "TCP Lab needs Maven and Java 17: apt-get install -y maven openjdk-17-jdk" >&2; exit 1; }
export TCPLAB_DEV="${TCPLAB_DEV:-1}"
# Maven is quiet (-q) and the first build takes about half a minute: say what is happening.
if [ -d target/classes/tcplab ]; then
  echo "Compiling what changed and starting TCP Lab (a few seconds)…"
else
  echo "First start: Maven fetches what it lacks and compiles TCP Lab (about 30 s), then starts it…"
fi
exec mvn -q -B -ntp compile exec:java
