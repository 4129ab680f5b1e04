// ESLint settings for the repository's areas other than the community package (ledger/, cli/, shared-pricing/,
// vscode-extension/, test/, bench/, scripts/). Each of those folders has an `eslint.config.mjs` that exports
// `repoConfig()`; they take effect when ESLint looks configs up from each file
// (ESLINT_FLAGS=unstable_config_lookup_from_file, set by scripts/n8n-node.sh for `npm run lint:nodes`), while
// nodes/ and credentials/ keep the root eslint.config.mjs, which must stay exactly as n8n's starter ships it for
// `n8n-node lint` in strict mode.
import { createRequire } from 'node:module';

// The same @eslint/js and typescript-eslint the starter's config (@n8n/node-cli/eslint) is built on, resolved
// from wherever @n8n/node-cli is installed (tools/n8n-node, linked into node_modules by scripts/n8n-node.sh).
const fromNodeCli = createRequire(createRequire(import.meta.url).resolve('@n8n/node-cli/eslint'));
const js = fromNodeCli('@eslint/js');
const tseslint = fromNodeCli('typescript-eslint');

/** Node.js globals for plain JavaScript files (TypeScript files are checked by the compiler instead). */
const nodeGlobals = Object.fromEntries(
	['require', 'module', 'exports', 'process', 'console', '__dirname', '__filename', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'fetch', 'structuredClone'].map((name) => [name, 'readonly']),
);

/**
 * typescript-eslint's recommended rules for `*.ts` and ESLint's for JavaScript. Rules that only restate what
 * the TypeScript compiler (strict) already checks, or that fight deliberate house patterns, are warnings.
 * @param {{ ignores?: string[], rules?: Record<string, unknown> }} [options] extra ignore patterns (relative to
 *   the folder) and rule settings of the folder, each with its reason where it is set
 */
export function repoConfig({ ignores = [], rules = {} } = {}) {
	return tseslint.config(
		{ ignores: ['**/dist/**', '**/.cache/**', '**/node_modules/**', ...ignores] },
		{
			files: ['**/*.{js,cjs,mjs}'],
			extends: [js.configs.recommended],
			languageOptions: { globals: nodeGlobals },
		},
		{
			files: ['**/*.ts'],
			extends: [js.configs.recommended, tseslint.configs.recommended],
			rules: {
				// Unused names are compile errors where they matter (noUnusedLocals in the package build); `_x` marks intent.
				'@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
				// Tests and drivers type JSON from servers loosely on purpose.
				'@typescript-eslint/no-explicit-any': 'warn',
				'@typescript-eslint/no-require-imports': 'warn',
				// `if (x) (a.push(…), b.push(…));` is used deliberately to keep paired pushes on one line.
				'@typescript-eslint/no-unused-expressions': ['warn', { allowShortCircuit: true, allowTernary: true }],
				...rules,
			},
		},
	);
}
