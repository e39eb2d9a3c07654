#!/usr/bin/env bash
# The browser the end-to-end tests drive: Debian's Chromium (Playwright cannot download its own here).
# Present: nothing to do. Missing: installs Debian's `chromium` package with apt-get when it can (as
# root, or with password-less sudo); otherwise says exactly what to install and fails.
set -euo pipefail
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0

# The package installs /usr/bin/chromium; another path set in CHROMIUM is the caller's to provide.
if [ "$CHROMIUM" = /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    AS_ROOT=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    AS_ROOT=(sudo -n)
  fi
  if [ -n "${AS_ROOT+set}" ]; then
    echo "The end-to-end tests need Chromium: installing Debian's chromium package (apt-get)" >&2
    "${AS_ROOT[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${AS_ROOT[@]}" apt-get install -y -qq chromium >/dev/null
    [ -x "$CHROMIUM" ] && exit 0
  fi
fi

cat >&2 <<MESSAGE
The end-to-end tests need Chromium at $CHROMIUM, and it is not there.
Install Debian's (or Ubuntu's) chromium package as root:
    apt-get update && apt-get install -y chromium
or point CHROMIUM at a Chromium or Chrome binary: make test CHROMIUM=/path/to/chromium
MESSAGE
exit 1
