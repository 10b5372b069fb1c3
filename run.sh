#!/usr/bin/env bash
# Builds and starts the TriggerFlow host on a fresh clone: ASP.NET Core with its embedded Orleans
# silo, in the Development environment (the public development keys of host.json), durable state in
# an embedded SQLite file under .triggerflow/, and the rules in rules/ deployed at the first start.
# Ctrl-C stops it. TRIGGERFLOW_URL changes the address (default http://127.0.0.1:5080); arguments are
# passed on to the host (--data-dir DIR, --environment NAME, --content-root DIR; --help lists them).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
url="${TRIGGERFLOW_URL:-http://127.0.0.1:5080}"
# Its own artifacts folder, so this build never fights an IDE's, ./triggerflow's or `dotnet test`'s.
build="$root/.triggerflow/build-host"
dll="$build/bin/TriggerFlow.Runtime/release/TriggerFlow.Runtime.dll"
stamp="$build/built.stamp"

needs_build() {
  [[ ! -f "$dll" || ! -f "$stamp" ]] && return 0
  local newer
  newer="$(find "$root/dsl" "$root/functions" "$root/Directory.Build.props" "$root/Directory.Packages.props" "$root/global.json" \
    \( -name bin -o -name obj \) -prune -o \
    \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) -newer "$stamp" -print -quit)"
  [[ -n "$newer" ]]
}

if needs_build; then
  echo "Building the host (about a minute the first time)..."
  mkdir -p "$build"
  log="$build/build.log"
  if ! DOTNET_NOLOGO=1 dotnet build "$root/functions/TriggerFlow.Runtime" -c Release --artifacts-path "$build" -nologo >"$log" 2>&1; then
    cat "$log" >&2
    echo "run.sh: building the host failed (log above, also in $log)" >&2
    exit 3
  fi
  touch "$stamp"
fi

# The repository root is the content root: host.json, rules/ and .triggerflow/ are found from it.
cd "$root"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# Warnings and TriggerFlow's own messages; Orleans and ASP.NET log every request at Information.
export Logging__LogLevel__Default="${Logging__LogLevel__Default:-Warning}"
export Logging__LogLevel__TriggerFlow="${Logging__LogLevel__TriggerFlow:-Information}"
# Arguments go to the host (`./run.sh --data-dir /srv/triggerflow`; `./run.sh --help` lists them).
dotnet "$dll" --urls "$url" "$@" &
host=$!
trap 'kill "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true' INT TERM EXIT

# Announce the addresses once the host is ready (silo up, storage open, rules active).
if command -v curl >/dev/null; then
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "$url/readyz" 2>/dev/null && break
    kill -0 "$host" 2>/dev/null || break
    sleep 0.5
  done
fi

if kill -0 "$host" 2>/dev/null; then
  cat <<EOF

TriggerFlow is running (Ctrl-C stops it):
  API                $url/v1/track, $url/api/rules, $url/api/customers/{id}
  API reference      $url/scalar
  OpenAPI            $url/openapi/v1.json
  Orleans dashboard  $url/dashboard/
  health             $url/healthz   readiness $url/readyz

EOF
fi

wait "$host"
