#!/usr/bin/env bash
# Runs the bot. With no Discord or Telegram token configured it chats on the console.
# Arguments are passed to the host, for example:
#   scripts/run.sh --Catalog:MovieLensPath=/path/to/ml-latest-small --Data:Directory=./data
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/ensure-libstdcxx.sh" >&2
exec dotnet run --project "$root/src/ChatBot.Host" -c Release -- "$@"
