#!/usr/bin/env bash
# Prints the version this commit packs as (MinVer, from git tags: eng/Versioning.props), e.g. 0.2.0 on a commit
# tagged v0.2.0, 0.2.1-alpha.0.3 three commits later. With --core, only MAJOR.MINOR.PATCH: scripts that pack under
# a version of their own (eng/lint-samples.sh, bench/) build it from that, so nothing assumes a fixed number.
# The end-to-end tests ask MSBuild the same question (tests/PromptLint.EndToEnd.Tests/RepositoryVersion.cs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(dotnet msbuild "$root/src/PromptLint.Package/PromptLint.Package.csproj" -restore -t:MinVer \
  -getProperty:PackageVersion -nologo -v:quiet | tr -d '\r' | tail -n 1)"
if [ -z "$version" ]; then
  echo "eng/version.sh: MSBuild printed no version" >&2
  exit 1
fi
if [ "${1:-}" = "--core" ]; then
  version="${version%%[-+]*}"
fi
echo "$version"
