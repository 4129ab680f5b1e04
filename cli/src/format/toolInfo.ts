import { CLI_VERSION } from '../version';

/** The tool as SARIF's `tool.driver` names it. */
export const CLI_VERSION_INFO = {
  name: 'n8n-credits',
  version: CLI_VERSION,
  informationUri: 'https://github.com/n8n-credits/n8n-credits',
} as const;
