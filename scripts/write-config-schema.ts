// Writes vscode-extension/schemas/n8n-credits.schema.json from the loaders' rules (creditsConfigSchema).
// Run after changing an assumption, a lint rule or its options: `npm run schema:config`; a test fails until then.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { creditsConfigSchema } from '../shared-pricing/src/lint/creditsConfigSchema';

const out = join(__dirname, '..', 'vscode-extension', 'schemas', 'n8n-credits.schema.json');
writeFileSync(out, JSON.stringify(creditsConfigSchema(), null, 2) + '\n');
console.log(`wrote ${out}`);
