/**
 * Fills `{placeholders}` in a rule message from `data`. A placeholder without data stays as
 * written, so a missing value is visible in the message rather than silently blank.
 */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
