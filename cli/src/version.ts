/** The version printed by `--version` and written into SARIF (the `n8n-credits` package's). */
export const CLI_VERSION = '0.1.0';
