#!/usr/bin/env bash
# Installs what a fresh machine lacks for `npm start` and `npm test`:
#   - Node.js >= 20.18 (checked, not installed: use your platform's installer or nvm)
#   - a Java 17+ runtime (Salesforce's apex-ls checker, PMD and Graph Engine run on the JVM)
#   - Chromium (the browser tests and the screenshots; Playwright must not download its own)
#   - the npm packages, exactly as package-lock.json pins them
# System packages are installed with apt-get when it is available and we are root (or have sudo);
# otherwise the script says what to install and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.stdout.write(String(a>20||(a===20&&b>=18)))' 2>/dev/null || echo false)
if [ "$node_ok" != "true" ]; then
  say "Node.js >= 20.18 is required (found: $(node --version 2>/dev/null || echo none)). Install it, then run this again."
  exit 1
fi

missing=()
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
if [ -z "${java_major}" ] || [ "${java_major}" -lt 17 ]; then missing+=(openjdk-17-jre-headless); fi
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then missing+=(chromium); fi

if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
      if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        say "Please install as root: apt-get install ${missing[*]}"; exit 1
      fi
    fi
    say "installing ${missing[*]} with apt-get"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "Please install: ${missing[*]} (Java 17+ runtime, Chromium), then run this again."
    exit 1
  fi
fi

say "node $(node --version), java ${java_major:-$(java -version 2>&1 | head -n 1)}, $("$chromium_path" --version 2>/dev/null || echo 'chromium ?')"

# npm ci installs exactly the lock file; if the registry lacks an optional platform binary the lock names,
# npm ci can refuse the lock as out of sync: fall back to npm install, which keeps the pinned versions.
if ! npm ci --no-audit --no-fund --loglevel=error; then
  say "npm ci failed; retrying with npm install"
  npm install --no-audit --no-fund --loglevel=error
fi
say "ready: npm start (local preview) or npm test (every offline check)"
