#!/usr/bin/env bash
# Build overhead of PromptLint: the generated 500-file, 200-prompt project (plus 50 prompt files) built with and
# without the packed package, clean (--no-incremental) and no-change incremental, the compiler server warm,
# RUNS alternating runs each, medians and ratios printed. Usage: bash bench/build-overhead.sh [RUNS]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
version="0.1.0-bench"
work="$(mktemp -d)"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
trap 'rm -rf "$work"; rm -rf "$packages/promptlint/$version"' EXIT

echo "==> packing PromptLint $version"
dotnet pack "$root/src/PromptLint.Package/PromptLint.Package.csproj" -c Release -o "$work/feed" -p:Version="$version" -nologo -tl:off -v:quiet
rm -rf "$packages/promptlint/$version"
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="bench" value="$work/feed" /></packageSources></configuration>
XML

echo "==> generating the project twice"
dotnet run -c Release --project "$root/bench/PromptLint.Benchmarks" -- generate "$work/without" >/dev/null
dotnet run -c Release --project "$root/bench/PromptLint.Benchmarks" -- generate "$work/with" "$version" >/dev/null
for variant in without with; do
  cp "$work/nuget.config" "$work/$variant/"
  dotnet restore "$work/$variant" -nologo -v:quiet
  dotnet build "$work/$variant" --no-restore -nologo -v:quiet -tl:off >/dev/null   # warm the compiler server and caches
done

ms() { local start end; start=$(date +%s%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

declare -A clean incremental
for i in $(seq "$runs"); do
  for variant in without with; do
    clean[$variant]+="$(ms dotnet build "$work/$variant" --no-restore --no-incremental -nologo -v:quiet -tl:off) "
    incremental[$variant]+="$(ms dotnet build "$work/$variant" --no-restore -nologo -v:quiet -tl:off) "
  done
  echo "    run $i/$runs done"
done

# Memory PromptLint adds to the compiler server: one fresh server per variant, two builds each, then its resident set.
rss() { ps -eo rss,args | awk '/VBCSCompiler/ && !/awk/ { s += $1 } END { print int(s / 1024) }'; }
declare -A memory
for variant in without with; do
  dotnet build-server shutdown >/dev/null 2>&1 || true
  dotnet build "$work/$variant" --no-restore --no-incremental -nologo -v:quiet -tl:off >/dev/null 2>&1 || true
  dotnet build "$work/$variant" --no-restore --no-incremental -nologo -v:quiet -tl:off >/dev/null 2>&1 || true
  memory[$variant]=$(rss)
done

echo
printf '%-12s %12s %12s %8s\n' "build" "without (ms)" "with (ms)" "ratio"
for kind in clean incremental; do
  declare -n times="$kind"
  a=$(echo ${times[without]} | tr ' ' '\n' | median)
  b=$(echo ${times[with]} | tr ' ' '\n' | median)
  printf '%-12s %12s %12s %8s\n' "$kind" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')"
done
printf '%-12s %12s %12s %8s\n' "server MB" "${memory[without]}" "${memory[with]}" "+$(( ${memory[with]} - ${memory[without]} ))"
