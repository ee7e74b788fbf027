#!/usr/bin/env bash
# Installs what a native AOT build of the promptlint tool needs on Debian/Ubuntu (the linux-x64 and linux-arm64
# packages of PromptLint.Tool: 'dotnet pack src/PromptLint.Cli -r linux-x64'): Debian's clang-14 (compiler and linker
# driver) and zlib1g-dev (the runtime links libz). Does nothing when a clang and zlib's headers are already there.
# src/PromptLint.Cli/NativeCompiler.targets points the build at clang-14 when no plain 'clang' is on PATH.
# Needs apt-get and root (or sudo). Called by the end-to-end tests before they pack the native tool (PackageFeed.cs).
set -euo pipefail
if [ "$(uname -s)" != "Linux" ]; then
  exit 0
fi
if { command -v clang >/dev/null 2>&1 || command -v clang-14 >/dev/null 2>&1; } && [ -f /usr/include/zlib.h ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends clang-14 zlib1g-dev >/dev/null
clang-14 --version | head -1
