#!/usr/bin/env node
// The `n8n-credits` command, compiled by `npm run build` into dist/.
require('../dist/cli/src/main.js');
