import { repoConfig } from '../eslint.repo.mjs';

export default repoConfig({
	rules: {
		// Fault-injection inputs are unsafe numbers on purpose (9_007_199_254_740_993, 1e308).
		'no-loss-of-precision': 'off',
		// Expected CLI output is matched with its column alignment.
		'no-regex-spaces': 'off',
	},
});
