#!/usr/bin/env bash
# The whole test suite, from a fresh clone: builds everything (packages from NuGet) and runs every
# test project. Extra arguments go to `dotnet test`
# (for example: ./test.sh --filter "FullyQualifiedName~AppHost").
set -euo pipefail
cd "$(dirname "$0")"

need() { command -v "$1" >/dev/null 2>&1 || { echo "test.sh: '$1' is required ($2)" >&2; exit 2; }; }
need dotnet "install the .NET 10 SDK"
need npm "install Node.js 20+ with npm; the AWS adapter tests run emulators from npm"
need java "install Java 17+; the AWS adapter tests run DynamoDB Local"
need python3 "install Python 3; the PySpark driver's tests run it"

# The AWS adapters are tested against emulators from npm (fauxqs, DynamoDB Local): see tests/emulators.
emulators=tests/emulators
if [ ! -f "$emulators/node_modules/.package-lock.json" ] || [ "$emulators/package-lock.json" -nt "$emulators/node_modules/.package-lock.json" ]; then
  npm ci --prefix "$emulators" --no-audit --no-fund --ignore-scripts --loglevel=error
fi

# Debian packages some tests run for real: headless Chromium (the browser test, over the DevTools protocol)
# and redis-server (the membership table of the several-silo cluster test).
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing="$missing redis-server"
if [ -n "$missing" ]; then
  echo "test.sh: installing$missing" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Pipeline.sln -c Debug -nologo -clp:ErrorsOnly
dotnet test Pipeline.sln -c Debug --no-build -nologo "$@"
