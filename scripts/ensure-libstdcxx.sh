#!/usr/bin/env bash
# Makes sure the C++ runtime satisfies TorchSharp 0.107's native library,
# which needs GLIBCXX_3.4.32 (libstdc++ from GCC 13 or newer). Debian 12
# ships 3.4.30, so on Debian 12 this adds a Debian 13 (trixie) apt source
# pinned at priority 100 (never preferred for other packages) and installs
# libstdc++6 from it. That upgrade also pulls in trixie's libc6.
set -euo pipefail

required="GLIBCXX_3.4.32"

find_libstdcxx() {
  local candidate
  for candidate in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
    if [[ -e "$candidate" ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

has_required_version() {
  local library
  library="$(find_libstdcxx)" || return 1
  grep -aq "$required" "$library"
}

if has_required_version; then
  echo "libstdc++ already provides $required."
  exit 0
fi

if [[ ! -r /etc/os-release ]] || ! grep -q '^ID=debian' /etc/os-release; then
  echo "error: TorchSharp needs libstdc++ with $required, and this script can only install it on Debian." >&2
  echo "Install GCC 13's libstdc++ (or newer) with your distribution's package manager, then run this again." >&2
  exit 1
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "error: TorchSharp needs libstdc++ with $required, and installing it needs root." >&2
  echo "Run 'sudo $0' once, then run the command again." >&2
  exit 1
fi

echo "libstdc++ lacks $required; installing libstdc++6 from Debian 13 (trixie), pinned at priority 100."
cat > /etc/apt/sources.list.d/chatbot-trixie.sources <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
cat > /etc/apt/preferences.d/chatbot-trixie <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q -t trixie libstdc++6

if ! has_required_version; then
  echo "error: libstdc++6 from trixie was installed but still lacks $required." >&2
  exit 1
fi
echo "libstdc++ now provides $required."
