#!/usr/bin/env node
/** Entry of the `n8n-credits` command (`npm run cli -- …` in development, `bin/n8n-credits.js` when built). */
import { processIo } from './io';
import { run } from './program';

void run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
