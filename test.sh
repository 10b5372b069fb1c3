#!/usr/bin/env bash
# Builds the whole solution and runs every test; exits non-zero when any test fails.
# Extra arguments go to `dotnet test` (for example `--filter FullyQualifiedName~Cli`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
dotnet test TriggerFlow.sln --nologo "$@"
