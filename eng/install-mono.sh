#!/usr/bin/env bash
# Installs Mono for the .NET Framework host check (tests/PromptLint.EndToEnd.Tests/NetFrameworkHostTests.cs): Debian's
# mono-devel, which brings the runtime and the .NET Framework facades (netstandard.dll) that the Roslyn compiler and
# workspace assemblies for .NET Framework need. Does nothing when they are already there. Needs apt-get and root (or sudo).
set -euo pipefail
if command -v mono >/dev/null 2>&1 && [ -f /usr/lib/mono/4.5/Facades/netstandard.dll ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends mono-devel >/dev/null
mono --version | head -1
