#!/usr/bin/env bash
# Checks the Dockerfile's syntax with dockerfile-utils from the npm registry, because CI has no Docker
# engine to build the image. Installs Node.js and npm from Debian's packages when they are missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v npx >/dev/null 2>&1; then
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "lint-dockerfile: npx is missing; install Node.js and npm (apt-get install nodejs npm) and run again." >&2
    exit 1
  fi
  echo "lint-dockerfile: installing Node.js and npm from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

echo "lint-dockerfile: dockerfile-utils lint Dockerfile"
npx --yes dockerfile-utils@0.16.3 lint "$root/Dockerfile"
echo "lint-dockerfile: no problems found"
