#!/usr/bin/env bash
# Install what the accessibility audit (accessibility_tests/) needs, and nothing else:
#   - Debian's chromium + chromium-driver (Selenium uses /usr/bin/chromedriver directly,
#     it never downloads a browser or driver),
#   - Noto CJK fonts so Chinese and Korean pages render (and contrast is measured) with real glyphs,
#   - axe-core from package-lock.json into node_modules/.
# Idempotent: does nothing when everything is already present and up to date.
set -euo pipefail

cd "$(dirname "$0")/.."

have_fonts() {
    if command -v fc-list >/dev/null 2>&1 && fc-list | grep -qi "Noto Sans CJK"; then
        return 0
    fi
    dpkg -s fonts-noto-cjk >/dev/null 2>&1
}

missing=()
[ -x /usr/bin/chromium ] || missing+=("/usr/bin/chromium")
[ -x /usr/bin/chromedriver ] || missing+=("/usr/bin/chromedriver")
have_fonts || missing+=("Noto Sans CJK fonts")

if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-browser: missing: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-browser: not root; install them with:" >&2
        echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver fonts-noto-cjk" >&2
        exit 1
    fi
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver fonts-noto-cjk
else
    echo "install-browser: chromium, chromedriver and Noto CJK fonts present"
fi

# npm writes node_modules/.package-lock.json at the end of every install, so it dates the install.
locked_version() {
    sed -n '/"node_modules\/axe-core": {/,/}/s/.*"version": "\([^"]*\)".*/\1/p' package-lock.json | head -n 1
}
installed_version() {
    sed -n 's/^  "version": "\([^"]*\)".*/\1/p' node_modules/axe-core/package.json 2>/dev/null | head -n 1
}
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/.package-lock.json ] \
        || [ package-lock.json -nt node_modules/.package-lock.json ] \
        || [ "$(locked_version)" != "$(installed_version)" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "install-browser: npm is needed to install axe-core (package-lock.json)" >&2
        exit 1
    fi
    npm ci --no-audit --no-fund
else
    echo "install-browser: node_modules/axe-core is up to date"
fi
