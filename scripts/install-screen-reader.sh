#!/usr/bin/env bash
# Install what the screen reader walks (accessibility_tests/screen_reader/) need, and nothing
# else, from Debian's packages: Orca and the AT-SPI stack it listens through, a virtual X
# display, xdotool to press keys, and a D-Bus session bus. Chromium, its driver and the CJK
# fonts come from scripts/install-browser.sh. Idempotent: does nothing when all are present.
set -euo pipefail

missing=()
[ -x /usr/bin/Xvfb ] || missing+=(xvfb)
[ -x /usr/bin/xdotool ] || missing+=(xdotool)
[ -x /usr/bin/dbus-daemon ] || missing+=(dbus)
[ -x /usr/libexec/at-spi-bus-launcher ] || missing+=(at-spi2-core)
[ -f /usr/lib/python3/dist-packages/orca/orca.py ] || missing+=(orca)
[ -f /usr/lib/python3/dist-packages/pyatspi/__init__.py ] || missing+=(python3-pyatspi)

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-screen-reader: orca, xvfb, xdotool, dbus, at-spi2-core and pyatspi present"
    exit 0
fi
echo "install-screen-reader: missing: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "install-screen-reader: not root; install them with:" >&2
    echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi
apt-get update
# Without recommends: Orca's speech synthesiser and sound are not used (it writes what it
# would say to a file).
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
