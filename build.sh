#!/usr/bin/env bash
# Restores the local .NET tools (Cake, dotnet-ef) and runs build.cake with the given arguments:
#   ./build.sh --target=Demo     the main job on the embedded defaults
#   ./build.sh --target=Test     every test project; ends with "tests: N passed, M failed"
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet tool restore >/dev/null
exec dotnet cake build.cake "$@"
