#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages voicecoach needs, when permitted; else names them.
set -u
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
((${#missing[@]} == 0)) && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "voicecoach needs these system packages (no apt-get here): ${missing[*]}" >&2
  echo "Install them with your package manager, then run make again." >&2
  exit 0
fi
if [[ $(id -u) -eq 0 ]]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else
  echo "voicecoach needs: ${missing[*]}" >&2
  echo "Run: sudo apt-get install -y ${missing[*]}" >&2
  exit 0
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null || true
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || { echo "apt-get could not install: ${missing[*]}" >&2; exit 1; }
