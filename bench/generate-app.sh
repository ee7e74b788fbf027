#!/usr/bin/env bash
# generate-app.sh DIR [PROMPTLINT_VERSION]: a consumer that looks like a real application, for build-overhead.sh.
#
# The 32 C# files of the real-code corpus (tests/PromptLint.Analyzers.Tests/RealCode/Corpus: Microsoft.Extensions.AI,
# OpenAI chat and Responses, Azure OpenAI, Semantic Kernel, Anthropic and MCP code in the shapes applications use,
# about 100 sends and tools) compiled as one project against the real SDK packages, plus the prompt files of
# prompts-samples/Contoso.Helpdesk (Prompty, GitHub Models, Semantic Kernel YAML and skprompt.txt, Markdown, a tool
# list). Without a version the project has no PromptLint reference (the "without" variant).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$1"; version="${2:-}"
mkdir -p "$dir"
cp -r "$root/tests/PromptLint.Analyzers.Tests/RealCode/Corpus/." "$dir/"
rm -f "$dir/expected.json" "$dir/README.md"
cp -r "$root/prompts-samples/Contoso.Helpdesk/Prompts" "$root/prompts-samples/Contoso.Helpdesk/Plugins" "$root/prompts-samples/Contoso.Helpdesk/Tools" "$dir/"
reference=""
[ -n "$version" ] && reference="<PackageReference Include=\"PromptLint\" Version=\"$version\" PrivateAssets=\"all\" />"
cat > "$dir/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <NoWarn>\$(NoWarn);OPENAI001;SKEXP0001;SKEXP0010;SKEXP0110;MEAI001;CS1998;CS8321</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.Extensions.AI" Version="10.11.0" />
    <PackageReference Include="Microsoft.Extensions.AI.OpenAI" Version="10.11.0" />
    <PackageReference Include="OpenAI" Version="2.15.0" />
    <PackageReference Include="Microsoft.SemanticKernel" Version="1.82.0" />
    <PackageReference Include="Anthropic" Version="13.14.0" />
    <PackageReference Include="ModelContextProtocol.Core" Version="2.4.0" />
    <PackageReference Include="Azure.AI.OpenAI" Version="2.9.0-beta.1" />
    <PackageReference Include="Azure.Identity" Version="1.17.0" />
    $reference
  </ItemGroup>
</Project>
XML
