import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let source: string | null = null;

/**
 * Chart.js's browser build (UMD, its colour helper bundled in), read from the installed package once: the page
 * loads it from the ledger itself, so it works offline and the CSP stays `script-src 'self'` (no CDN).
 */
export function chartJsSource(): string {
  // The package's exports name no UMD file; its CommonJS entry sits in the same dist folder.
  source ??= readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  return source;
}
