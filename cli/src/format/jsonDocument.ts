/**
 * A command's JSON result as every command prints it: two-space indented with one trailing newline, so `jq`, diffs
 * and the tests read every command's output alike.
 */
export function jsonDocument(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** One JSON value on one line: the JSON Lines record a command that reports more than once (`sync --watch`) prints. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value) + '\n';
}
