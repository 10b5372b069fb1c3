#!/usr/bin/env bash
# Builds the whole solution and runs every test; exits non-zero when any test fails.
# Extra arguments go to `dotnet test` (for example `--filter FullyQualifiedName~Cli`).
# Tests that need a server (Redis) install and start their own through scripts/redis.sh.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet test TriggerFlow.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# One closing line for every test project together, in the plain form CI tools read.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
