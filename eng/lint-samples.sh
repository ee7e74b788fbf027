#!/usr/bin/env bash
# The README's main command: packs PromptLint from this repository's source and builds every sample project
# under prompts-samples/ against it, the way a user's build runs it. Shows PromptLint's diagnostics and
# where each footprint report was written. Extra arguments go to 'dotnet build'
# (e.g. -p:PromptLintUpdateBaseline=true).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The version this commit packs as (git tags, eng/version.sh) with a -local suffix: restore takes these copies only
# from artifacts/packages. The samples read it from artifacts/packages/version.txt when built on their own.
version="$(bash "$root/eng/version.sh" --core)-local"
feed="$root/artifacts/packages"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"

echo "==> Packing PromptLint $version from source into artifacts/packages"
# The analyzer precompiled for this machine's platform only (PromptLintReadyToRunRuntimes; a release packs four).
dotnet pack "$root/src/PromptLint.Package/PromptLint.Package.csproj" -c Release -o "$feed" \
  -p:Version="$version" -p:PromptLintReadyToRunRuntimes=host -nologo -tl:off -v:quiet
printf '%s\n' "$version" > "$feed/version.txt"
# PromptLint.Meter depends on PromptLint.Counting and PromptLint.Contracts (not on PromptLint.Core); no sample uses
# PromptLint.Meter.Redis, so it is not packed here.
for library in PromptLint.Contracts PromptLint.Counting PromptLint.Meter; do
  dotnet pack "$root/src/$library/$library.csproj" -c Release -o "$feed" -p:Version="$version" -nologo -tl:off -v:quiet
done

# The version stays fixed, so drop NuGet's cached copies: restore must take the packages just packed.
rm -rf "$packages/promptlint/$version" "$packages/promptlint.meter/$version" "$packages/promptlint.core/$version" "$packages/promptlint.counting/$version" "$packages/promptlint.contracts/$version"

status=0
for project in "$root"/prompts-samples/*/*.csproj; do
  name="$(basename "$(dirname "$project")")"
  echo
  echo "==> Linting prompts-samples/$name"
  dotnet restore "$project" --force -p:PromptLintVersion="$version" -nologo -v:quiet
  if ! dotnet build "$project" --no-restore -p:PromptLintVersion="$version" -nologo -tl:off -v:minimal "$@"; then
    status=1
  fi
  report="$(dirname "$project")/obj/promptlint/report.md"
  if [ -f "$report" ]; then
    echo "--- footprint report: ${report#"$root"/} (report.json beside it)"
    cat "$report"
  fi
done

# The same prompt files without a build: 'promptlint check' (docs/cli.md) prints the findings the builds above printed.
echo
echo "==> promptlint check prompts-samples (no build)"
check=0
(cd "$root" && dotnet run --project src/PromptLint.Cli/PromptLint.Cli.csproj -c Release -- check prompts-samples) || check=$?
if [ "$check" -ge 2 ]; then
  status=1
fi
exit $status
