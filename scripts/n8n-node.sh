#!/usr/bin/env bash
# Runs n8n's node CLI (`n8n-node build`, `n8n-node lint`) on the community package at the repository
# root. The CLI lives in tools/n8n-node (installed here on first use) because its AI dependencies do not
# resolve beside the root's. The root's eslint.config.mjs stays the starter's, untouched; ESLint's
# config-lookup-from-file flag lets folders that are not part of the community package (ledger/, cli/,
# test/, …) carry their own eslint.config.mjs.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
tools="$root/tools/n8n-node"
if [ ! -x "$tools/node_modules/.bin/n8n-node" ]; then
  # `npm install`, not `npm ci`: the lockfile pins every version, but npm 11 leaves the optional platform
  # bindings of unrs-resolver out of it and `npm ci` then refuses it as out of sync. `--no-save` keeps the
  # tracked lockfile as it is (the tests run this and must write no tracked file).
  # A dropped registry connection (ECONNABORTED) once failed a whole CI run here: try the install three times.
  for attempt in 1 2 3; do
    if npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error; then break; fi
    if [ "$attempt" = 3 ]; then echo "n8n-node tools: npm install failed 3 times" >&2; exit 1; fi
    echo "n8n-node tools: npm install failed (attempt $attempt of 3); trying again in 5 s" >&2
    sleep 5
  done
fi
# eslint.config.mjs imports @n8n/node-cli/eslint, and n8n-node runs `npm exec -- eslint` from the root.
mkdir -p "$root/node_modules/@n8n" "$root/node_modules/.bin"
ln -sfn "$tools/node_modules/@n8n/node-cli" "$root/node_modules/@n8n/node-cli"
ln -sfn "$tools/node_modules/eslint/bin/eslint.js" "$root/node_modules/.bin/eslint"
export ESLINT_FLAGS=unstable_config_lookup_from_file
cd "$root"
exec "$tools/node_modules/.bin/n8n-node" "$@"
