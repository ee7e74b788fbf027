#!/usr/bin/env bash
# Rewrites the blocks derived from the list of rules: docs/rules/README.md's rule table, docs/configuration.md's
# table of rule settings and AnalyzerReleases.Unshipped.md's rows (tests/PromptLint.Core.Tests/Rules/DerivedDocsTests.cs).
# Run it after adding a rule or a setting; the test fails while they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
PROMPTLINT_UPDATE_DOCS=1 dotnet test tests/PromptLint.Core.Tests --filter "FullyQualifiedName~DerivedDocsTests" -nologo -v q
