/** Thrown for a flag or variable that cannot be used; the message names it. */
export class ConfigError extends Error {
  constructor(readonly setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** An integer setting from `min` to `max`; a `ConfigError` naming `setting` otherwise. */
export function integer(setting: string, value: string | number, min: number, max: number): number {
  const n = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new ConfigError(setting, `expected an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

/** The environment variable of a flag: `--analysis-timeout` is `N8N_CREDITS_ANALYSIS_TIMEOUT`. */
export function envName(flag: string): string {
  return `N8N_CREDITS_${flag.toUpperCase().replace(/-/g, '_')}`;
}

/** A setting from its flag, else its variable, else `fallback`; errors name whichever was used. */
export function integerSetting(flag: string, fromFlag: string | number | undefined, env: Record<string, string | undefined>, fallback: number, min: number, max: number): number {
  if (fromFlag !== undefined) return integer(`--${flag}`, fromFlag, min, max);
  const fromEnv = env[envName(flag)];
  return fromEnv !== undefined ? integer(envName(flag), fromEnv, min, max) : fallback;
}
