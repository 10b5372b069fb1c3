#!/usr/bin/env bash
# Checks every rule in rules/ and compiles them into plans under .triggerflow/plans.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
./triggerflow check rules/
./triggerflow compile rules/ --out .triggerflow/plans
