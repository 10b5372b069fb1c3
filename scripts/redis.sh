#!/usr/bin/env bash
# A private, durable Redis for tests and local clusters.
#
#   scripts/redis.sh start   installs redis-server with apt if it is missing, starts an instance on a
#                            free loopback port with append-only persistence fsynced on every write,
#                            waits until it answers, and prints the port (and nothing else) on stdout.
#   scripts/redis.sh stop N  stops the instance on port N and removes its data folder.
#
# Each instance keeps its data in $TMPDIR/triggerflow-redis-N, so instances never share state.
set -euo pipefail

tmp_root="${TMPDIR:-/tmp}"

die() { echo "redis.sh: $*" >&2; exit 1; }

install_redis() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null && return 0
  [ "$(id -u)" = 0 ] || die "redis-server is not installed and installing it needs root (apt-get install -y redis-server)"
  command -v apt-get >/dev/null || die "redis-server is not installed and apt-get is not available to install it"
  # Test processes may start Redis at the same time: one installs, the others wait for it.
  exec 9>"$tmp_root/triggerflow-redis-install.lock"
  flock 9
  if ! command -v redis-server >/dev/null; then
    echo "redis.sh: installing redis-server with apt" >&2
    apt-get update -qq >&2 || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2 || die "apt-get install -y redis-server failed"
  fi
  flock -u 9
  command -v redis-server >/dev/null || die "redis-server is still missing after apt-get install"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! port_in_use "$port" && [ ! -e "$tmp_root/triggerflow-redis-$port" ]; then
      echo "$port"
      return 0
    fi
  done
  die "no free loopback port found"
}

start() {
  install_redis
  # The free port is chosen before Redis binds it, so another process can take it in between:
  # then Redis cannot listen, and a fresh port is tried rather than waiting on a server that is gone.
  for _ in 1 2 3 4 5; do
    launch && return 0
  done
  die "redis-server could not listen on any of 5 free loopback ports; see the redis.log files under $tmp_root/triggerflow-redis-*"
}

# Starts one Redis on a free port and prints the port once it answers; fails (1) when the port was taken meanwhile.
launch() {
  local port dir
  port=$(free_port)
  dir="$tmp_root/triggerflow-redis-$port"
  mkdir -p "$dir"
  # appendfsync always: a write is acknowledged only once it is fsynced, the guarantee the silo's acks rely on.
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" \
    --appendonly yes --appendfsync always --save '' \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2 \
    || die "redis-server did not start; see $dir/redis.log"
  # A hang guard, not a speed check: a busy machine (tests running in parallel) can take many seconds to start it.
  for _ in $(seq 1 600); do
    if grep -q "Failed listening" "$dir/redis.log" 2>/dev/null; then
      rm -rf "$dir"
      return 1
    fi
    if [ "$(redis-cli -p "$port" ping 2>/dev/null)" = "PONG" ]; then
      echo "$port"
      return 0
    fi
    sleep 0.1
  done
  die "redis-server on port $port did not answer within 60 s; see $dir/redis.log"
}

stop() {
  local port="${1:-}" dir
  [[ "$port" =~ ^[0-9]+$ ]] || die "usage: redis.sh stop PORT"
  dir="$tmp_root/triggerflow-redis-$port"
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  for _ in $(seq 1 50); do
    port_in_use "$port" || break
    sleep 0.1
  done
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) die "usage: redis.sh start | redis.sh stop PORT" ;;
esac
