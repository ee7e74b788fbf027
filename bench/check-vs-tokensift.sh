#!/usr/bin/env bash
# promptlint check, end to end, on 200 prompt files; and tokensift on the same files when it is installed.
#
# The 200 files are made from the repository's own prompt files (prompts-samples/Contoso.Helpdesk: Prompty, GitHub
# Models, Semantic Kernel YAML and skprompt.txt with its config.json, Markdown, a tool list), copied round-robin under
# numbered names into a scratch folder; or pass a folder of your own as the first argument.
#
# promptlint: $PROMPTLINT (a command), else 'promptlint' on PATH, else built here from src/PromptLint.Cli (Release;
#             AOT=1 publishes the native build instead, which needs clang).
# tokensift:  $TOKENSIFT (a command, e.g. "node /path/to/tokensift/dist/cli.js"), else 'tokensift' on PATH; it is not
#             on the npm registry and this script never fetches or builds it. Without it the script says so, prints
#             promptlint's own numbers and exits 0: it never fails CI on the peer.
#
# Each tool: the median wall time of RUNS runs (default 5) over the 200 files with JSON output ("files in, findings
# out"), and its start-up: the median over one small file. Prints the ratio tokensift / promptlint.
#
# Usage: bash bench/check-vs-tokensift.sh [FOLDER] ; RUNS=9 AOT=1 TOKENSIFT="node ~/tokensift/dist/cli.js" bash bench/check-vs-tokensift.sh
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- the files -------------------------------------------------------------------------------------------------
if [ $# -ge 1 ]; then
  corpus="$(cd "$1" && pwd)"
else
  corpus="$work/corpus"
  sample="$root/prompts-samples/Contoso.Helpdesk"
  mkdir -p "$corpus/Prompts"
  mapfile -t sources < <(cd "$sample" && find Prompts Tools -type f | sort)
  i=0
  while [ "$i" -lt 200 ]; do
    n="$(printf '%03d' "$i")"
    pick=$(( i % (${#sources[@]} + 1) ))
    if [ "$pick" -eq "${#sources[@]}" ]; then
      # Semantic Kernel keeps a prompt as skprompt.txt with its config.json beside it.
      mkdir -p "$corpus/Plugins/Writer/Reply$n"
      cp "$sample/Plugins/Writer/ReplyDraft/skprompt.txt" "$corpus/Plugins/Writer/Reply$n/skprompt.txt"
      cp "$sample/Plugins/Writer/ReplyDraft/config.json" "$corpus/Plugins/Writer/Reply$n/config.json"
    else
      src="${sources[$pick]}"
      name="$(basename "$src")"
      cp "$sample/$src" "$corpus/Prompts/$n-$name"
    fi
    i=$((i + 1))
  done
fi

# The prompt files (not the skprompt.txt companions), the list both tools get.
mapfile -t files < <(cd "$corpus" && find . -type f ! -name config.json ! -name '.*' | sed 's|^\./||' | sort)
echo "corpus: $corpus (${#files[@]} prompt files)"
mkdir -p "$work/one" && cp "$corpus/${files[0]}" "$work/one/"
one="$work/one/$(basename "${files[0]}")"

# --- the tools -------------------------------------------------------------------------------------------------
if [ -n "${PROMPTLINT:-}" ]; then
  promptlint="$PROMPTLINT"
elif command -v promptlint >/dev/null 2>&1; then
  promptlint="promptlint"
elif [ "${AOT:-}" = "1" ]; then
  # The native build (needs clang; see bench/README.md): what the numbers there call "native AOT".
  echo "publishing promptlint (native AOT) ..."
  dotnet publish "$root/src/PromptLint.Cli/PromptLint.Cli.csproj" -c Release -r linux-x64 -p:PromptLintAot=true -o "$work/tool" -v q -nologo >/dev/null || { echo "promptlint did not publish"; exit 1; }
  promptlint="$work/tool/promptlint"
else
  echo "building promptlint (Release) ..."
  dotnet build "$root/src/PromptLint.Cli/PromptLint.Cli.csproj" -c Release -o "$work/tool" -v q -nologo >/dev/null || { echo "promptlint did not build"; exit 1; }
  promptlint="$work/tool/promptlint"
fi

tokensift="${TOKENSIFT:-}"
if [ -z "$tokensift" ] && command -v tokensift >/dev/null 2>&1; then tokensift="tokensift"; fi

# Median wall and CPU (user + sys) milliseconds of a command run $runs times, after one unmeasured run that warms the
# disk cache: "WALL CPU". CPU time is the steadier number on a busy machine; wall time is what a user waits.
measure() {
  "$@" >/dev/null 2>&1
  local TIMEFORMAT='%R %U %S' samples
  samples=$(for _ in $(seq 1 "$runs"); do { time "$@" >/dev/null 2>&1; } 2>&1; done)
  local wall cpu
  wall=$(echo "$samples" | awk '{ print int($1 * 1000) }' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  cpu=$(echo "$samples" | awk '{ print int(($2 + $3) * 1000) }' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  echo "$wall $cpu"
}

cd "$corpus" || exit 1
# shellcheck disable=SC2086
read -r pl_all pl_all_cpu < <(measure $promptlint check . --format json)
# shellcheck disable=SC2086
read -r pl_one pl_one_cpu < <(measure $promptlint check "$one" --format json)
# shellcheck disable=SC2086
pl_findings=$($promptlint check . --format json 2>/dev/null | grep -c '"id": "PL' || true)
echo "promptlint: ${pl_all} ms wall, ${pl_all_cpu} ms CPU for ${#files[@]} files; start-up (one file): ${pl_one} ms wall, ${pl_one_cpu} ms CPU; ${pl_findings} findings"

if [ -z "$tokensift" ]; then
  echo "tokensift: not installed (set TOKENSIFT or put tokensift on PATH); skipped. It is not on the npm registry: see bench/README.md."
  exit 0
fi

# shellcheck disable=SC2086
read -r ts_all ts_all_cpu < <(measure $tokensift check "${files[@]}" --model gpt-4o --format json)
# shellcheck disable=SC2086
read -r ts_one ts_one_cpu < <(measure $tokensift check "$one" --model gpt-4o --format json)
# Counted from a file: tokensift can exit before a pipe has taken all of its output.
# shellcheck disable=SC2086
$tokensift check "${files[@]}" --model gpt-4o --format json > "$work/tokensift.json" 2>/dev/null
ts_findings=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.results.reduce((n, f) => n + f.findings.length, 0))' "$work/tokensift.json" 2>/dev/null || echo "?")
echo "tokensift:  ${ts_all} ms wall, ${ts_all_cpu} ms CPU for ${#files[@]} files; start-up (one file): ${ts_one} ms wall, ${ts_one_cpu} ms CPU; ${ts_findings} findings"
awk -v a="$ts_all" -v b="$pl_all" -v c="$ts_all_cpu" -v d="$pl_all_cpu" -v e="$ts_one" -v f="$pl_one" \
  'BEGIN { printf "ratio tokensift / promptlint, end to end: %.2fx wall, %.2fx CPU; start-up: %.2fx wall\n", a / (b > 0 ? b : 1), c / (d > 0 ? d : 1), e / (f > 0 ? f : 1) }'
exit 0
