#!/usr/bin/env bash
# Install what the accessibility audit (accessibility_tests/) needs, and nothing else:
#   - Debian's chromium + chromium-driver (Selenium uses /usr/bin/chromedriver directly,
#     it never downloads a browser or driver),
#   - Noto CJK fonts so Chinese and Korean pages render (and contrast is measured) with real glyphs,
#   - a Java runtime (11 or later) for the Nu HTML Checker,
#   - axe-core and vnu-jar (the Nu HTML Checker) from package-lock.json into node_modules/.
# Idempotent: does nothing when everything is already present and up to date.
set -euo pipefail

cd "$(dirname "$0")/.."

have_fonts() {
    if command -v fc-list >/dev/null 2>&1 && fc-list | grep -qi "Noto Sans CJK"; then
        return 0
    fi
    dpkg -s fonts-noto-cjk >/dev/null 2>&1
}

have_java() {
    # vnu.jar needs Java 11 or later ("17.0.15" or, before Java 9, "1.8.0_...").
    local major
    major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
    [ -n "$major" ] && [ "$major" -ge 11 ]
}

missing=()
packages=()
[ -x /usr/bin/chromium ] || { missing+=("/usr/bin/chromium"); packages+=(chromium); }
[ -x /usr/bin/chromedriver ] || { missing+=("/usr/bin/chromedriver"); packages+=(chromium-driver); }
have_fonts || { missing+=("Noto Sans CJK fonts"); packages+=(fonts-noto-cjk); }
have_java || { missing+=("Java 11 or later"); packages+=(default-jre-headless); }

if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-browser: missing: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-browser: not root; install them with:" >&2
        echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${packages[*]}" >&2
        exit 1
    fi
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}"
else
    echo "install-browser: chromium, chromedriver, Noto CJK fonts and Java present"
fi

# npm writes node_modules/.package-lock.json at the end of every install, so it dates the install.
locked_version() {  # $1: package name
    sed -n "/\"node_modules\/$1\": {/,/}/s/.*\"version\": \"\([^\"]*\)\".*/\1/p" package-lock.json | head -n 1
}
installed_version() {  # $1: package name (vnu-jar's package.json is on one line: ask node)
    node -p "require('./node_modules/$1/package.json').version" 2>/dev/null || true
}
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] \
        || [ ! -f node_modules/.package-lock.json ] \
        || [ package-lock.json -nt node_modules/.package-lock.json ] \
        || [ "$(locked_version axe-core)" != "$(installed_version axe-core)" ] \
        || [ "$(locked_version vnu-jar)" != "$(installed_version vnu-jar)" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "install-browser: npm is needed to install axe-core and vnu-jar (package-lock.json)" >&2
        exit 1
    fi
    # --ignore-scripts: vnu-jar's postinstall would download a Java runtime when it finds
    # none; the system Java installed above is used instead, and axe-core needs no script.
    npm ci --no-audit --no-fund --ignore-scripts
else
    echo "install-browser: node_modules/axe-core and vnu-jar are up to date"
fi
