#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Outreach needs that are not there yet.
#   packaging/debian-deps.sh run    Qt's libraries for a real window (X11/xcb) and offscreen
#   packaging/debian-deps.sh test   the same, plus PostgreSQL for the server tests
# Uses apt-get as root, or sudo without a password prompt; otherwise prints what to install.
set -euo pipefail
mode=${1:-run}
pkgs=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
      libxkbcommon0 fonts-dejavu-core
      libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
      libxcb-shape0 libxkbcommon-x11-0 libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6)
if [ "$mode" = test ]; then
  pkgs+=(postgresql xvfb)
fi
command -v dpkg-query >/dev/null || { echo "Not a Debian-like system: install Qt 6's runtime libraries and PostgreSQL yourself." >&2; exit 0; }
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 0
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || true
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
