#!/usr/bin/env bash
# Installs the real n8n app (n8n@2.0.3, the newest that runs on Node 20) into a cache folder,
# outside the project's own dependencies. Idempotent: does nothing when it is already there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${N8N_CREDITS_E2E_CACHE:-$here/../.cache}/n8n-2.0.3"
if [ -x "$cache/node_modules/.bin/n8n" ]; then echo "$cache"; exit 0; fi
mkdir -p "$cache"
cat > "$cache/package.json" <<'JSON'
{
  "name": "n8n-credits-e2e-n8n",
  "private": true,
  "dependencies": { "n8n": "2.0.3" },
  "overrides": { "xlsx": "0.18.5" }
}
JSON
echo "installing n8n@2.0.3 into $cache (a few minutes)…" >&2
(cd "$cache" && npm install --no-audit --no-fund --loglevel=error >&2)
echo "$cache"
