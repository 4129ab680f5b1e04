// The n8n external hook of n8n Credits, compiled by `npm run build` into dist/. Point n8n at this file:
//   EXTERNAL_HOOK_FILES=/path/to/n8n-credits/bin/n8n-hook.js N8N_CREDITS_URL=… N8N_CREDITS_API_KEY=… n8n start
// n8n reads every export as `{ resource: { operation: [functions] } }`: this file exports only `workflow`.
// n8n refuses to start when a hook file throws, so a missing build turns metering off instead.
let workflow = { preExecute: [], postExecute: [] };
try {
  workflow = require('../dist/ledger/src/hook/index.js').workflow;
} catch (err) {
  console.log(`n8n Credits hook: metering is OFF — the compiled hook cannot be loaded (${err && err.message}); run \`npm run build\` in the n8n-credits package. n8n runs workflows as usual; nothing is charged.`);
}
module.exports = { workflow };
