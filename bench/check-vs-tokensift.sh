#!/usr/bin/env bash
# promptlint check, end to end, on 200 prompt files; and tokensift on the same files when it is installed.
#
# The 200 files are made from the repository's own prompt files (prompts-samples/Contoso.Helpdesk: Prompty, GitHub
# Models, Semantic Kernel YAML and skprompt.txt with its config.json, Markdown, a tool list), copied round-robin under
# numbered names into a scratch folder; or pass a folder of your own as the first argument.
#
# promptlint: $PROMPTLINT (a command), else INSTALLED=1 (below), else 'promptlint' on PATH, else built here from
#             src/PromptLint.Cli (Release, framework-dependent; AOT=1 publishes the native build instead).
# INSTALLED=1: both tools as users install them: packs PromptLint.Tool (the pointer package, 'any' and this machine's
#             native package; the native link needs clang or gcc, see eng/install-aot-prereqs.sh) to a local feed, or
#             takes FEED=folder VERSION=x.y.z of an earlier pack, then 'dotnet tool install PromptLint.Tool' (the native
#             tool the SDK picks here) and 'dotnet tool install PromptLint.Tool.any' (the framework-dependent fallback)
#             into scratch tool paths, and measures the two alternately, run by run.
# tokensift:  $TOKENSIFT (a command, e.g. "node /path/to/tokensift/dist/cli.js"), else 'tokensift' on PATH; it is not
#             on the npm registry and this script never fetches or builds it. Without it the script says so, prints
#             promptlint's own numbers and exits 0: it never fails CI on the peer.
#
# Each tool: the median wall time of RUNS runs (default 5) over the 200 files with JSON output ("files in, findings
# out"), and its start-up: the median over one small file. The tools take turns within each run, so load that comes
# and goes on a shared machine falls on all of them alike. Prints the ratio tokensift / promptlint.
#
# ALSO=command adds one more promptlint to the same rounds (an installed older version, for "no slower than before").
#
# Usage: bash bench/check-vs-tokensift.sh [FOLDER] ; RUNS=9 INSTALLED=1 bash bench/check-vs-tokensift.sh ;
#        RUNS=9 AOT=1 TOKENSIFT="node ~/tokensift/dist/cli.js" bash bench/check-vs-tokensift.sh
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

# --- the tools ---------------------------------------------------------------------------------------------------
labels=()
commands=()
if [ -n "${PROMPTLINT:-}" ]; then
  labels+=("promptlint"); commands+=("$PROMPTLINT")
elif [ "${INSTALLED:-}" = "1" ]; then
  project="$root/src/PromptLint.Cli/PromptLint.Cli.csproj"
  rid="$(dotnet --info 2>/dev/null | awk '/^ *RID:/ { print $2; exit }')"
  if [ -n "${FEED:-}" ]; then
    feed="$(cd "$FEED" && pwd)"; version="${VERSION:?set VERSION with FEED}"
  else
    feed="$work/feed"; version="0.0.0-bench.$(date -u +%Y%m%d%H%M%S)"
    echo "packing PromptLint.Tool $version (pointer, any, $rid: the native link takes minutes) ..."
    for r in "" any "$rid"; do
      dotnet pack "$project" -c Release ${r:+-r "$r"} -o "$feed" -p:Version="$version" -v q -nologo >/dev/null \
        || { echo "PromptLint.Tool ${r:-pointer} did not pack"; exit 1; }
    done
  fi
  dotnet tool install PromptLint.Tool --tool-path "$work/native" --version "$version" --add-source "$feed" >/dev/null \
    || { echo "PromptLint.Tool did not install"; exit 1; }
  dotnet tool install PromptLint.Tool.any --tool-path "$work/any" --version "$version" --add-source "$feed" >/dev/null \
    || { echo "PromptLint.Tool.any did not install"; exit 1; }
  kind="$(readlink -f "$work/native/promptlint")"
  if [ -f "$(dirname "$kind")/promptlint.dll" ]; then kind="framework-dependent (no native package for $rid)"; else kind="native $rid"; fi
  labels+=("PromptLint.Tool ($kind)" "PromptLint.Tool.any (framework-dependent)")
  commands+=("$work/native/promptlint" "$work/any/promptlint")
  # Installed tools keep nothing of the machine's global NuGet cache once installed; the cached copies are removed.
  trap 'rm -rf "$work" "${NUGET_PACKAGES:-$HOME/.nuget/packages}/promptlint.tool"*"/$version"' EXIT
elif command -v promptlint >/dev/null 2>&1; then
  labels+=("promptlint"); commands+=("promptlint")
elif [ "${AOT:-}" = "1" ]; then
  echo "publishing promptlint (native AOT) ..."
  dotnet publish "$root/src/PromptLint.Cli/PromptLint.Cli.csproj" -c Release -r "$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')" -o "$work/tool" -v q -nologo >/dev/null || { echo "promptlint did not publish"; exit 1; }
  labels+=("promptlint (native AOT, published)"); commands+=("$work/tool/promptlint")
else
  echo "building promptlint (Release) ..."
  dotnet build "$root/src/PromptLint.Cli/PromptLint.Cli.csproj" -c Release -o "$work/tool" -v q -nologo >/dev/null || { echo "promptlint did not build"; exit 1; }
  labels+=("promptlint (framework-dependent, built)"); commands+=("$work/tool/promptlint")
fi

# ALSO=command: one more promptlint to time in the same rounds (e.g. the tool installed from an older version).
if [ -n "${ALSO:-}" ]; then
  labels+=("also: $ALSO"); commands+=("$ALSO")
fi

tokensift="${TOKENSIFT:-}"
if [ -z "$tokensift" ] && command -v tokensift >/dev/null 2>&1; then tokensift="tokensift"; fi

# Every measured command, one per line: "label<TAB>command". Each run times every one of them once, in turn.
jobs=()
for i in "${!commands[@]}"; do
  jobs+=("${labels[$i]}|all|${commands[$i]} check . --format json")
  jobs+=("${labels[$i]}|one|${commands[$i]} check $one --format json")
done
if [ -n "$tokensift" ]; then
  jobs+=("tokensift|all|$tokensift check ${files[*]} --model gpt-4o --format json")
  jobs+=("tokensift|one|$tokensift check $one --model gpt-4o --format json")
fi

cd "$corpus" || exit 1
# One unmeasured run of each warms the disk cache; then $runs rounds, each timing every job once: wall and CPU
# (user + sys) milliseconds, "JOB WALL CPU" per line.
samples="$work/samples"
: > "$samples"
for job in "${jobs[@]}"; do
  # shellcheck disable=SC2086
  ${job##*|} >/dev/null 2>&1
done
for _ in $(seq 1 "$runs"); do
  for j in "${!jobs[@]}"; do
    TIMEFORMAT='%R %U %S'
    # shellcheck disable=SC2086
    t=$( { time ${jobs[$j]##*|} >/dev/null 2>&1; } 2>&1 )
    echo "$j $t" | awk '{ printf "%s %d %d\n", $1, $2 * 1000, ($3 + $4) * 1000 }' >> "$samples"
  done
done
median() { awk -v j="$1" -v c="$2" '$1 == j { print $c }' "$samples" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

declare -A wall cpu
for j in "${!jobs[@]}"; do
  key="${jobs[$j]%|*}"
  wall[$key]=$(median "$j" 2)
  cpu[$key]=$(median "$j" 3)
done

for label in "${labels[@]}"; do
  cmd=""
  for i in "${!labels[@]}"; do [ "${labels[$i]}" = "$label" ] && cmd="${commands[$i]}"; done
  # shellcheck disable=SC2086
  findings=$($cmd check . --format json 2>/dev/null | grep -c '"id": "PL' || true)
  echo "$label: ${wall[$label|all]} ms wall, ${cpu[$label|all]} ms CPU for ${#files[@]} files; start-up (one file): ${wall[$label|one]} ms wall, ${cpu[$label|one]} ms CPU; $findings findings"
done
for label in "${labels[@]:1}"; do
  awk -v l="$label" -v f="${labels[0]}" -v a="${wall[$label|all]}" -v b="${wall[${labels[0]}|all]}" -v c="${wall[$label|one]}" -v d="${wall[${labels[0]}|one]}" \
    'BEGIN { printf "ratio %s / %s: %.2fx wall on 200 files, %.2fx wall on one file\n", l, f, a / (b > 0 ? b : 1), c / (d > 0 ? d : 1) }'
done

if [ -z "$tokensift" ]; then
  echo "tokensift: not installed (set TOKENSIFT or put tokensift on PATH); skipped. It is not on the npm registry: see bench/README.md."
  exit 0
fi

# Counted from a file: tokensift can exit before a pipe has taken all of its output.
# shellcheck disable=SC2086
$tokensift check "${files[@]}" --model gpt-4o --format json > "$work/tokensift.json" 2>/dev/null
ts_findings=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.results.reduce((n, f) => n + f.findings.length, 0))' "$work/tokensift.json" 2>/dev/null || echo "?")
echo "tokensift:  ${wall[tokensift|all]} ms wall, ${cpu[tokensift|all]} ms CPU for ${#files[@]} files; start-up (one file): ${wall[tokensift|one]} ms wall, ${cpu[tokensift|one]} ms CPU; ${ts_findings} findings"
for label in "${labels[@]}"; do
  awk -v l="$label" -v a="${wall[tokensift|all]}" -v b="${wall[$label|all]}" -v c="${cpu[tokensift|all]}" -v d="${cpu[$label|all]}" -v e="${wall[tokensift|one]}" -v f="${wall[$label|one]}" \
    'BEGIN { printf "ratio tokensift / %s, end to end: %.2fx wall, %.2fx CPU; start-up: %.2fx wall\n", l, a / (b > 0 ? b : 1), c / (d > 0 ? d : 1), e / (f > 0 ? f : 1) }'
done
exit 0
