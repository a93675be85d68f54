#!/usr/bin/env bash
# Builds the solution and runs every test. The tests read MovieLens and ReDial from ../shared/data
# beside the repository (or from $CHATBOT_SHARED_DATA).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/ensure-libstdcxx.sh"
dotnet test "$root/ChatBot.sln" -c Release "$@"
