#!/usr/bin/env bash
# The real Node.js clients the tests drive against the host (Segment's @segment/analytics-node,
# the CloudEvents SDK), installed at the versions pinned in tests/peers/node/package-lock.json.
#
#   scripts/node-peers.sh install   installs Node.js and npm with apt if they are missing, runs
#                                   `npm ci` in tests/peers/node when its node_modules is missing or
#                                   was installed from another lock file, and prints the folder's
#                                   absolute path (and nothing else) on stdout. When everything is
#                                   in place it only compares one checksum: well under a second.
#
# Test processes may call it at the same time: one installs, the others wait and then find it done.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/tests/peers/node"
stamp="$project/node_modules/.triggerflow-lock.sha256"
tmp_root="${TMPDIR:-/tmp}"

die() { echo "node-peers.sh: $*" >&2; exit 1; }

install_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  [ "$(id -u)" = 0 ] || die "node and npm are not installed and installing them needs root (apt-get install -y nodejs npm)"
  command -v apt-get >/dev/null || die "node and npm are not installed and apt-get is not available to install them"
  echo "node-peers.sh: installing nodejs and npm with apt" >&2
  apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >&2 || die "apt-get install -y nodejs npm failed"
  command -v node >/dev/null && command -v npm >/dev/null || die "node or npm is still missing after apt-get install"
}

lock_sum() { sha256sum "$project/package-lock.json" | cut -d' ' -f1; }

installed() { [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(lock_sum)" ]; }

install() {
  [ -f "$project/package-lock.json" ] || die "$project/package-lock.json is missing; it pins the peers' versions"
  if installed; then
    echo "$project"
    return 0
  fi

  exec 9>"$tmp_root/triggerflow-node-peers.lock"
  flock 9
  if ! installed; then
    install_node
    local major
    major="$(node -p 'process.versions.node.split(".")[0]')"
    [ "$major" -ge 20 ] || die "node $(node --version) is too old: @segment/analytics-node needs node 20 or later"
    echo "node-peers.sh: npm ci in $project" >&2
    # npm ci installs exactly the lock file's versions and removes anything else in node_modules.
    (cd "$project" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed in $project"
    lock_sum >"$stamp"
  fi
  flock -u 9
  echo "$project"
}

case "${1:-}" in
  install) install ;;
  *) die "usage: node-peers.sh install" ;;
esac
