#!/usr/bin/env bash
# Build overhead of PromptLint, through the packed package, as a user builds.
#
# Two projects, each generated twice (without and with PromptLint):
#   code   the 500-file project: 200 files with C# prompts, 300 plain ones, 50 .prompty files
#   files  200 prompt files (Prompty, GitHub Models, SK YAML, Markdown, text, tool lists) and no C# of its own
# Both compiler modes, passed explicitly (this machine's environment sets UseSharedCompilation=false):
#   server     -p:UseSharedCompilation=true  (the compiler server, warmed by one build per variant first)
#   no server  -p:UseSharedCompilation=false (every build starts csc, loads and JITs PromptLint again)
# For each project and mode, RUNS rounds that alternate the variants: a clean build (--no-incremental) and a
# no-change incremental build. Prints medians, ratios and the added milliseconds, the CPU seconds the builds used
# (the build's process tree, plus the compiler server's own CPU in server mode: steadier than wall time on a shared
# machine), then the split of PromptLint's own time from one build with -p:PromptLintTimings=true.
#
# Usage: bash bench/build-overhead.sh [RUNS]     (default 7; ~25 minutes on the 2-core build machine)
#        PROJECTS="code" MODES="server" bash bench/build-overhead.sh 3    (a subset, while working on one number)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
projects="${PROJECTS:-code files}"
modes="${MODES:-server noserver}"
version="0.1.0-bench.$(date +%s)"
work="$(mktemp -d)"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() { dotnet build-server shutdown >/dev/null 2>&1 || true; rm -rf "$work" "$packages/promptlint/$version"; }
trap cleanup EXIT

echo "==> packing PromptLint $version"
dotnet pack "$root/src/PromptLint.Package/PromptLint.Package.csproj" -c Release -o "$work/feed" -p:Version="$version" -nologo -tl:off -v:quiet >/dev/null
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="bench" value="$work/feed" /></packageSources></configuration>
XML

echo "==> generating the projects"
dotnet build -c Release "$root/bench/PromptLint.Benchmarks" -nologo -tl:off -v:quiet >/dev/null
generate() { dotnet run -c Release --no-build --project "$root/bench/PromptLint.Benchmarks" -- "$@" >/dev/null; }
generate generate "$work/code/without"; generate generate "$work/code/with" "$version"
generate generate-files "$work/files/without"; generate generate-files "$work/files/with" "$version"
for project in code files; do
  for variant in without with; do
    cp "$work/nuget.config" "$work/$project/$variant/"
    dotnet restore "$work/$project/$variant" -nologo -v:quiet >/dev/null
  done
done

# One build: "<wall ms> <cpu ms>". CPU is user+sys of the build's process tree (csc included without the server)
# plus, with the server, what VBCSCompiler spent meanwhile.
server_cpu() {
  local total=0 pid
  for pid in $(pgrep -f VBCSCompiler || true); do
    [ -r "/proc/$pid/stat" ] || continue
    total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat") ))
  done
  echo $(( total * 1000 / $(getconf CLK_TCK) ))
}
build() {
  local dir="$1" shared="$2"; shift 2
  local before after start end times
  before=$(server_cpu)
  start=$(date +%s%N)
  /usr/bin/time -o "$work/time.txt" -f "%U %S" dotnet build "$dir" --no-restore -nologo -v:quiet -tl:off "-p:UseSharedCompilation=$shared" "$@" >/dev/null 2>&1
  times=$(tail -n 1 "$work/time.txt")
  end=$(date +%s%N)
  after=$(server_cpu)
  echo "$(( (end - start) / 1000000 )) $(awk -v t="$times" -v s=$(( after - before )) 'BEGIN { split(t, a, " "); printf "%d", (a[1] + a[2]) * 1000 + s }')"
}
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

declare -A wall cpu
for project in $projects; do
  for mode in $modes; do
    shared=$([ "$mode" = server ] && echo true || echo false)
    echo "==> $project, $mode: warm-up"
    dotnet build-server shutdown >/dev/null 2>&1 || true
    for variant in without with; do build "$work/$project/$variant" "$shared" >/dev/null; done
    for i in $(seq "$runs"); do
      for variant in without with; do
        read -r w c < <(build "$work/$project/$variant" "$shared" --no-incremental)
        wall[$project,$mode,clean,$variant]+="$w "; cpu[$project,$mode,clean,$variant]+="$c "
        read -r w c < <(build "$work/$project/$variant" "$shared")
        wall[$project,$mode,incremental,$variant]+="$w "; cpu[$project,$mode,incremental,$variant]+="$c "
      done
      echo "    round $i/$runs"
    done
  done
done

echo
printf '%-6s %-9s %-12s %10s %10s %7s %9s | %9s %9s %9s\n' project mode build "without ms" "with ms" ratio "added ms" "cpu w/o" "cpu with" "cpu add"
for project in $projects; do
  for mode in $modes; do
    for kind in clean incremental; do
      a=$(echo ${wall[$project,$mode,$kind,without]} | tr ' ' '\n' | median)
      b=$(echo ${wall[$project,$mode,$kind,with]} | tr ' ' '\n' | median)
      ca=$(echo ${cpu[$project,$mode,$kind,without]} | tr ' ' '\n' | median)
      cb=$(echo ${cpu[$project,$mode,$kind,with]} | tr ' ' '\n' | median)
      printf '%-6s %-9s %-12s %10s %10s %7s %9s | %9s %9s %9s\n' "$project" "$mode" "$kind" "$a" "$b" \
        "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')" "$(( b - a ))" "$ca" "$cb" "$(( cb - ca ))"
    done
  done
done

echo
echo "==> where PromptLint's time goes (one clean build per mode, -p:PromptLintTimings=true; ms summed over the compiler's threads)"
for project in $projects; do
  for mode in $modes; do
    shared=$([ "$mode" = server ] && echo true || echo false)
    [ "$mode" = server ] && build "$work/$project/with" true --no-incremental >/dev/null
    out=$(dotnet build "$work/$project/with" --no-restore --no-incremental -nologo -tl:off "-p:UseSharedCompilation=$shared" -p:PromptLintTimings=true -clp:PerformanceSummary 2>&1 || true)
    timings=$(echo "$out" | sed -n 's/.*PromptLint timings ([^)]*): //p' | head -n 1 || true)
    task=$(echo "$out" | awk '/Task Performance Summary/ { on = 1 } on && /PromptLintReport/ { print $1; exit }' || true)
    echo "$project $mode: $timings, task ${task:-?} ms"
  done
done
