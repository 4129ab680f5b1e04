// Bundles the extension for Node (dist/extension.js) and for the browser (dist/web/extension.js).
// jsonc-parser ships a UMD main that esbuild cannot follow: prefer its ES module build
// (--main-fields=module,main), or the extension fails to activate.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  entryPoints: [join(root, 'src/extension.ts')],
  bundle: true,
  format: 'cjs',
  external: ['vscode'],
  mainFields: ['module', 'main'],
  sourcemap: true,
  minify: process.env.MINIFY !== '0',
  logLevel: 'warning',
  target: 'es2022',
};
await build({ ...common, platform: 'node', outfile: join(root, 'dist/extension.js') });
await build({ ...common, platform: 'browser', outfile: join(root, 'dist/web/extension.js'), define: { global: 'globalThis' } });
console.log('bundled dist/extension.js and dist/web/extension.js');
