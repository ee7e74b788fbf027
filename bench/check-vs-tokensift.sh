#!/usr/bin/env bash
# promptlint check, end to end, on 200 prompt files; and tokensift on the same files when it is installed.
#
# The 200 files are made from the repository's own prompt files (prompts-samples/Contoso.Helpdesk: Prompty, GitHub
# Models, Semantic Kernel YAML and skprompt.txt with its config.json, Markdown, a tool list), copied round-robin under
# numbered names into a scratch folder; or pass a folder of your own as the first argument.
#
# promptlint: $PROMPTLINT (a command), else 'promptlint' on PATH, else built here from src/PromptLint.Cli (Release).
# tokensift:  $TOKENSIFT (a command, e.g. "node /path/to/tokensift/dist/cli.js"), else 'tokensift' on PATH; it is not
#             on the npm registry and this script never fetches or builds it. Without it the script says so, prints
#             promptlint's own numbers and exits 0: it never fails CI on the peer.
#
# Each tool: the median wall time of RUNS runs (default 5) over the 200 files with JSON output ("files in, findings
# out"), and its start-up: the median over one small file. Prints the ratio tokensift / promptlint.
#
# Usage: bash bench/check-vs-tokensift.sh [FOLDER] ; RUNS=9 bash bench/check-vs-tokensift.sh
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
else
  echo "building promptlint (Release) ..."
  dotnet build "$root/src/PromptLint.Cli/PromptLint.Cli.csproj" -c Release -o "$work/tool" -v q -nologo >/dev/null || { echo "promptlint did not build"; exit 1; }
  promptlint="$work/tool/promptlint"
fi

tokensift="${TOKENSIFT:-}"
if [ -z "$tokensift" ] && command -v tokensift >/dev/null 2>&1; then tokensift="tokensift"; fi

# Median wall milliseconds of a command run $runs times (after one unmeasured run that warms the disk cache).
median_ms() {
  "$@" >/dev/null 2>&1
  for _ in $(seq 1 "$runs"); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
  done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

cd "$corpus" || exit 1
# shellcheck disable=SC2086
pl_all=$(median_ms $promptlint check . --format json)
# shellcheck disable=SC2086
pl_one=$(median_ms $promptlint check "$one" --format json)
# shellcheck disable=SC2086
pl_findings=$($promptlint check . --format json 2>/dev/null | grep -c '"id": "PL' || true)
echo "promptlint: ${pl_all} ms for ${#files[@]} files (start-up, one file: ${pl_one} ms), ${pl_findings} findings"

if [ -z "$tokensift" ]; then
  echo "tokensift: not installed (set TOKENSIFT or put tokensift on PATH); skipped. It is not on the npm registry: see bench/README.md."
  exit 0
fi

# shellcheck disable=SC2086
ts_all=$(median_ms $tokensift check "${files[@]}" --model gpt-4o --format json)
# shellcheck disable=SC2086
ts_one=$(median_ms $tokensift check "$one" --model gpt-4o --format json)
# shellcheck disable=SC2086
ts_findings=$($tokensift check "${files[@]}" --model gpt-4o --format json 2>/dev/null | grep -o '"ruleId"' | wc -l || true)
echo "tokensift:  ${ts_all} ms for ${#files[@]} files (start-up, one file: ${ts_one} ms), ${ts_findings} findings"
awk -v a="$ts_all" -v b="$pl_all" -v c="$ts_one" -v d="$pl_one" 'BEGIN { if (b > 0) printf "ratio tokensift / promptlint: %.2fx end to end, %.2fx start-up\n", a / b, (d > 0 ? c / d : 0) }'
exit 0
