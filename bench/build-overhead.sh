#!/usr/bin/env bash
# Build overhead of PromptLint, through the packed package, as a user builds.
#
# Two projects, each generated twice (without and with PromptLint):
#   code   the 500-file project: 200 files with C# prompts, 300 plain ones, 50 .prompty files
#   files  200 prompt files (Prompty, GitHub Models, SK YAML, Markdown, text, tool lists) and no C# of its own
#   app    a consumer that looks like a real application (bench/generate-app.sh): 32 C# files with real SDK calls and
#          references (M.E.AI, OpenAI, Azure OpenAI, Semantic Kernel, Anthropic, MCP) and 8 prompt files
# Both compiler modes, passed explicitly (this machine's environment sets UseSharedCompilation=false):
#   server     -p:UseSharedCompilation=true  (the compiler server, warmed first by WARMUP builds of each variant:
#              its JIT tiers up over several builds, and a server that has not yet done so measures its own warm-up)
#   no server  -p:UseSharedCompilation=false (every build starts csc, loads and JITs PromptLint again)
# For each project and mode, RUNS rounds that alternate the variants: a clean build (--no-incremental, with
# PromptLint's report folder deleted first, so the report is written from scratch as on a fresh clone) and a no-change
# incremental build. Prints per build kind the median wall times, the median of the per-round ratios (a round's two
# builds run back to back, so the ratio is robust to the machine slowing down or speeding up between rounds), the
# added milliseconds, and the median CPU seconds (user+sys of the build's process tree; without the server that
# includes csc). Then the split of PromptLint's own time: the cold load of a fresh process (cold-count), and the
# phases PromptLint measures itself in one build with -p:PromptLintTimings=true, plus the report task's time.
#
# Usage: bash bench/build-overhead.sh [RUNS]     (default 9; ~35 minutes on the 2-core build machine)
#        PROJECTS="code" MODES="server" bash bench/build-overhead.sh 5    (a subset, while working on one number)
#        WITH_PROPS="-p:PromptLintReadyToRun=false" ...   (extra switches for the builds with PromptLint: here the
#        analyzer as IL, without the precompiled images the package hands a .NET 10 compiler on this platform)
set -euo pipefail
WITH_PROPS="${WITH_PROPS:-}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-9}"
projects="${PROJECTS:-code files app}"
modes="${MODES:-server noserver}"
warmup="${WARMUP:-5}"
version="$(bash "$root/eng/version.sh" --core)-bench.$(date +%s)"
# Builds write many small files: a memory file system keeps disk latency out of the numbers where there is one.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then work="$(mktemp -d -p /dev/shm)"; else work="$(mktemp -d)"; fi
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() { dotnet build-server shutdown >/dev/null 2>&1 || true; rm -rf "$work" "$packages/promptlint/$version"; }
trap cleanup EXIT

echo "==> packing PromptLint $version"
dotnet pack "$root/src/PromptLint.Package/PromptLint.Package.csproj" -c Release -o "$work/feed" -p:Version="$version" -p:PromptLintReadyToRunRuntimes=host -nologo -tl:off -v:quiet >/dev/null
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="bench" value="$work/feed" /></packageSources></configuration>
XML

echo "==> generating the projects"
dotnet build -c Release "$root/bench/PromptLint.Benchmarks" -nologo -tl:off -v:quiet >/dev/null
bench() { dotnet run -c Release --no-build --project "$root/bench/PromptLint.Benchmarks" -- "$@"; }
bench generate "$work/code/without" >/dev/null; bench generate "$work/code/with" "$version" >/dev/null
bench generate-files "$work/files/without" >/dev/null; bench generate-files "$work/files/with" "$version" >/dev/null
bash "$root/bench/generate-app.sh" "$work/app/without"; bash "$root/bench/generate-app.sh" "$work/app/with" "$version"
for project in $projects; do
  for variant in without with; do
    cp "$work/nuget.config" "$work/$project/$variant/"
    dotnet restore "$work/$project/$variant" -nologo -v:quiet >/dev/null
  done
done

# One build: "<wall ms> <cpu ms>" (CPU: user+sys of the build's process tree, csc included without the server).
build() {
  local dir="$1" shared="$2"; shift 2
  /usr/bin/time -o "$work/time.txt" -f "%e %U %S" dotnet build "$dir" --no-restore -nologo -v:quiet -tl:off "-p:UseSharedCompilation=$shared" "$@" >/dev/null 2>&1
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$work/time.txt"
}
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

: > "$work/results.txt"
for project in $projects; do
  for mode in $modes; do
    shared=$([ "$mode" = server ] && echo true || echo false)
    rounds=$([ "$mode" = server ] && echo "$warmup" || echo 1)
    echo "==> $project, $mode: warm-up ($rounds per variant)"
    dotnet build-server shutdown >/dev/null 2>&1 || true
    for i in $(seq "$rounds"); do
      for variant in without with; do build "$work/$project/$variant" "$shared" --no-incremental >/dev/null; done
    done
    for i in $(seq "$runs"); do
      for kind in clean incremental; do
        args=(); [ "$kind" = clean ] && args=(--no-incremental)
        [ "$kind" = clean ] && rm -rf "$work/$project/with/obj/promptlint"
        read -r wa ca < <(build "$work/$project/without" "$shared" "${args[@]}")
        read -r wb cb < <(build "$work/$project/with" "$shared" "${args[@]}" $WITH_PROPS)
        echo "$project $mode $kind $wa $wb $ca $cb" >> "$work/results.txt"
      done
      echo "    round $i/$runs"
    done
  done
done

echo
printf '%-6s %-9s %-12s %10s %10s %7s %9s | %9s %9s\n' project mode build "without ms" "with ms" ratio "added ms" "cpu w/o" "cpu with"
for project in $projects; do
  for mode in $modes; do
    for kind in clean incremental; do
      rows=$(awk -v p="$project" -v m="$mode" -v k="$kind" '$1 == p && $2 == m && $3 == k' "$work/results.txt")
      a=$(echo "$rows" | awk '{ print $4 }' | median); b=$(echo "$rows" | awk '{ print $5 }' | median)
      ratio=$(echo "$rows" | awk '{ printf "%.4f\n", $5 / $4 }' | median)
      ca=$(echo "$rows" | awk '{ print $6 }' | median); cb=$(echo "$rows" | awk '{ print $7 }' | median)
      printf '%-6s %-9s %-12s %10.0f %10.0f %7.3f %9.0f | %9.0f %9.0f\n' "$project" "$mode" "$kind" "$a" "$b" "$ratio" "$(awk -v a="$a" -v b="$b" 'BEGIN { print b - a }')" "$ca" "$cb"
    done
  done
done

echo
echo "==> where PromptLint's time goes"
echo "cold load (fresh process: vocabulary and first count; a compiler without the server pays it once per build):"
for i in 1 2 3; do bench cold-count | sed 's/^/    /'; done
echo "phases (one clean build, -p:PromptLintTimings=true; analyzer ms summed over the compiler's threads, task ms from MSBuild):"
for project in $projects; do
  for mode in $modes; do
    shared=$([ "$mode" = server ] && echo true || echo false)
    if [ "$mode" = server ]; then for i in $(seq "$warmup"); do build "$work/$project/with" true --no-incremental >/dev/null; done; fi
    rm -rf "$work/$project/with/obj/promptlint"
    out=$(dotnet build "$work/$project/with" --no-restore --no-incremental -nologo -tl:off "-p:UseSharedCompilation=$shared" -p:PromptLintTimings=true -clp:PerformanceSummary 2>&1 || true)
    timings=$(echo "$out" | sed -n 's/.*PromptLint timings ([^)]*): //p' | head -n 1 || true)
    task=$(echo "$out" | awk '/Task Performance Summary/ { on = 1 } on && /PromptLintReport/ { print $1; exit }' || true)
    targets=$(echo "$out" | awk '/Target Performance Summary/ { on = 1 } /Task Performance Summary/ { on = 0 } on && /PromptLint/ { s += $1 } END { print s + 0 }' || true)
    echo "    $project $mode: $timings; task ${task:-?} ms; PromptLint targets ${targets} ms"
  done
done
