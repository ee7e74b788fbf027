#!/usr/bin/env bash
# Every test, in two steps: the fast ones first (unit, analyzer, task, CLI, meter), so a developer gets their answer
# in minutes; then the end-to-end tests (trait Category=EndToEnd: pack the packages to a local feed, install the
# tool, build throw-away consumers). Both steps always run; the exit code is non-zero when either failed.
# Extra arguments go to both 'dotnet test' calls (e.g. -v q).
set -uo pipefail
cd "$(dirname "$0")/.."

dotnet build PromptLint.sln -nologo -v q || exit $?

dotnet test PromptLint.sln --no-build --filter "Category!=EndToEnd" "$@"
fast=$?
echo "=== fast tests: exit $fast; end-to-end tests next ==="
dotnet test PromptLint.sln --no-build --filter "Category=EndToEnd" "$@"
slow=$?
echo "=== end-to-end tests: exit $slow ==="

[ "$fast" -eq 0 ] && [ "$slow" -eq 0 ]
