#!/usr/bin/env node
// The `n8n-credits` command. In a checkout (src/ beside bin/) it runs the TypeScript through tsx, so
// `npx n8n-credits` works right after `npm ci` with no build step; the packed package ships only bin/ and dist/
// (`npm run build`) and runs the compiled JavaScript.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const source = join(__dirname, '../src/main.ts');
if (existsSync(source)) {
  // tsx reads the nearest tsconfig.json to the working folder unless told otherwise: use the CLI's own.
  process.env.TSX_TSCONFIG_PATH ??= join(__dirname, '../tsconfig.build.json');
  require('tsx/cjs');
  require(source);
} else {
  require('../dist/cli/src/main.js');
}
