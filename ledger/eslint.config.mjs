import { repoConfig } from '../eslint.repo.mjs';

export default repoConfig();
