#!/usr/bin/env bash
# The PromptLint GitHub Action (action.yml at the repository root runs this script; docs/ci/github-action.md).
# Installs PromptLint.Tool, runs 'promptlint check' twice over the same files (--format github: one annotation per
# finding on standard output; --format markdown: report.md for the job summary and the pull-request comment), sets
# the step's outputs and, when asked, posts or updates one pull-request comment.
#
# Inputs arrive as environment variables (a composite action does not set INPUT_* itself); action.yml maps them:
#   PROMPTLINT_PATHS            files, folders or globs, separated by spaces or new lines (default: the workspace)
#   PROMPTLINT_SEVERITY         --severity overrides, ID=LEVEL separated by commas or spaces
#   PROMPTLINT_FAIL_ON          error (default) | warning | never
#   PROMPTLINT_UPDATE_BASELINE  true: write promptlint.baseline.json (--update-baseline) instead of gating
#   PROMPTLINT_VERSION          PromptLint.Tool version to install (default: the newest release)
#   PROMPTLINT_ARGS             more 'promptlint check' options, split on spaces (--model gpt-4o-mini --threshold 10)
#   PROMPTLINT_COMMENT          true: post or update the pull-request comment
#   PROMPTLINT_PR_NUMBER        the pull request's number (empty outside pull_request events: no comment)
#   PROMPTLINT_TOKEN            the token for the comment (the job's GITHUB_TOKEN, pull-requests: write)
# and the runner's own variables: GITHUB_WORKSPACE, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP,
# GITHUB_API_URL, GITHUB_REPOSITORY.
#
# Exit code: 0 when the verdict is pass; 1 when findings reach the fail level; 2 on bad input or a failed install.
set -uo pipefail

marker='<!-- promptlint-action -->'
workspace="${GITHUB_WORKSPACE:-$PWD}"
temp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
work="$(mktemp -d "$temp/promptlint.XXXXXX")"
fail_on="${PROMPTLINT_FAIL_ON:-error}"

fail() { echo "::error title=PromptLint action::$1"; exit 2; }
output() { if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >> "$GITHUB_OUTPUT"; fi; }

case "$fail_on" in
  error|warning|never) ;;
  *) fail "fail-on is '$fail_on'; use error, warning or never." ;;
esac
command -v dotnet > /dev/null || fail "dotnet is not on PATH. Add actions/setup-dotnet (10.0.x) before this action, or set its dotnet-version input."

# 1. The tool, in a folder of its own: a global install or a tool manifest of the repository is left alone. Restore
#    reads the repository's nuget.config (run from the workspace), so a private feed works as in a build.
tools="$work/tool"
install=(tool install PromptLint.Tool --tool-path "$tools")
if [ -n "${PROMPTLINT_VERSION:-}" ]; then
  install+=(--version "$PROMPTLINT_VERSION")
fi
if ! (cd "$workspace" && dotnet "${install[@]}") > "$work/install.log" 2>&1; then
  cat "$work/install.log"
  fail "dotnet ${install[*]} failed (log above). Check the version input and the package sources."
fi
promptlint="$tools/promptlint"
echo "PromptLint: $("$promptlint" --version 2>/dev/null | head -n 1)"

# 2. The options both runs share. Word splitting of the inputs is deliberate: they are lists. (Empty arrays are
#    expanded as ${a[@]+"${a[@]}"}: macOS's bash 3.2 treats "${a[@]}" of an empty array as unset under set -u.)
read -r -a paths <<< "$(printf '%s' "${PROMPTLINT_PATHS:-}" | tr '\n\r' '  ')"
read -r -a extra <<< "$(printf '%s' "${PROMPTLINT_ARGS:-}" | tr '\n\r' '  ')"
common=()
for severity in $(printf '%s' "${PROMPTLINT_SEVERITY:-}" | tr ',\n\r' '   '); do
  common+=(--severity "$severity")
done
common+=(${extra[@]+"${extra[@]}"})
gate=()
if [ "${PROMPTLINT_UPDATE_BASELINE:-false}" = "true" ]; then
  gate+=(--update-baseline)
fi
if [ "$fail_on" = "warning" ]; then
  gate+=(--max-warnings 0)
fi

# 3. Annotations. Paths in them are relative to the workspace, as GitHub expects, so the tool runs there.
cd "$workspace" || fail "GITHUB_WORKSPACE '$workspace' does not exist."
"$promptlint" check ${paths[@]+"${paths[@]}"} ${common[@]+"${common[@]}"} ${gate[@]+"${gate[@]}"} --format github > "$work/annotations.txt"
code=$?
cat "$work/annotations.txt"
if [ "$code" -ge 2 ]; then
  fail "promptlint check stopped on bad input (exit $code; its message is above)."
fi

# 4. The footprint report (after any baseline update, so it compares against the baseline just written).
report="$work/report.md"
"$promptlint" check ${paths[@]+"${paths[@]}"} ${common[@]+"${common[@]}"} --format markdown -o "$report" > /dev/null 2> "$work/report.log"
if [ ! -s "$report" ]; then
  cat "$work/report.log"
  printf '## PromptLint footprint\n\nNo prompt files were found in: %s\n' "${PROMPTLINT_PATHS:-.}" > "$report"
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  { cat "$report"; echo; } >> "$GITHUB_STEP_SUMMARY"
fi

errors=$(grep -c '^::error ' "$work/annotations.txt")
warnings=$(grep -c '^::warning ' "$work/annotations.txt")
notices=$(grep -c '^::notice ' "$work/annotations.txt")
verdict=pass
if [ "$code" -ne 0 ] && [ "$fail_on" != "never" ]; then
  verdict=fail
fi
output findings "$((errors + warnings + notices))"
output errors "$errors"
output warnings "$warnings"
output notices "$notices"
output verdict "$verdict"
output exit-code "$code"
output report "$report"
echo "PromptLint: $errors errors, $warnings warnings, $notices notices; fail-on $fail_on: $verdict"

# 5. One pull-request comment, found again by its first line and edited on every run.
post_comment() {
  local api="${GITHUB_API_URL:-https://api.github.com}" repo="${GITHUB_REPOSITORY:-}" pr="${PROMPTLINT_PR_NUMBER:-}"
  if [ -z "$pr" ]; then
    echo "PromptLint: not a pull request, so no comment."
    return 0
  fi
  if [ -z "$repo" ] || [ -z "${PROMPTLINT_TOKEN:-}" ]; then
    echo "::warning title=PromptLint comment::No comment: GITHUB_REPOSITORY or the token is missing."
    return 0
  fi
  command -v jq > /dev/null || { echo "::warning title=PromptLint comment::No comment: jq is not on PATH."; return 0; }
  command -v curl > /dev/null || { echo "::warning title=PromptLint comment::No comment: curl is not on PATH."; return 0; }

  local body="$work/comment.md"
  { echo "$marker"; cat "$report"; } > "$body"
  # GitHub refuses a comment body over 65,536 characters.
  if [ "$(wc -c < "$body")" -gt 65000 ]; then
    printf '%s\n## PromptLint footprint\n\nThe report is too long for a comment; it is on the job summary: %s\n' \
      "$marker" "${GITHUB_SERVER_URL:-https://github.com}/$repo/actions/runs/${GITHUB_RUN_ID:-}" > "$body"
  fi
  jq -Rs '{body: .}' < "$body" > "$work/comment.json"

  local headers=(-H "Authorization: Bearer $PROMPTLINT_TOKEN" -H "Accept: application/vnd.github+json" -H "X-GitHub-Api-Version: 2022-11-28")
  local id="" page=1 comments
  while [ -z "$id" ]; do
    comments="$(curl -sS --fail-with-body "${headers[@]}" "$api/repos/$repo/issues/$pr/comments?per_page=100&page=$page")" \
      || { echo "::warning title=PromptLint comment::Listing the comments failed: $comments"; return 0; }
    [ "$(jq 'length' <<< "$comments")" -gt 0 ] || break
    id="$(jq -r --arg marker "$marker" '[.[] | select((.body // "") | startswith($marker))][0].id // empty' <<< "$comments")"
    page=$((page + 1))
  done

  local response
  if [ -n "$id" ]; then
    response="$(curl -sS --fail-with-body -X PATCH "${headers[@]}" --data @"$work/comment.json" "$api/repos/$repo/issues/comments/$id")" \
      || { echo "::warning title=PromptLint comment::Updating comment $id failed (a pull request from a fork gets a read-only token): $response"; return 0; }
    echo "PromptLint: updated comment $id."
  else
    response="$(curl -sS --fail-with-body -X POST "${headers[@]}" --data @"$work/comment.json" "$api/repos/$repo/issues/$pr/comments")" \
      || { echo "::warning title=PromptLint comment::Posting the comment failed (a pull request from a fork gets a read-only token): $response"; return 0; }
    id="$(jq -r '.id // empty' <<< "$response")"
    echo "PromptLint: posted comment $id."
  fi
  output comment-id "$id"
}
if [ "${PROMPTLINT_COMMENT:-false}" = "true" ]; then
  post_comment
fi

[ "$verdict" = "pass" ]
