/**
 * Masks for secrets shown to people: enough to recognise which one is set, never enough to use it. A webhook URL
 * counts as a secret — receivers (Slack, n8n's own webhooks, …) put their token in the path or the query.
 */

const DOTS = '••••';

/** `••••` and the last four characters (only the dots for a value of eight characters or less). */
export function maskSecret(value: string): string {
  return value.length > 8 ? DOTS + value.slice(-4) : DOTS;
}

/**
 * `https://hooks.example.com/••••abcd`: scheme and host stay (where alerts go is not secret), any user and password
 * are dropped, and the path, query and fragment are masked. A value that is not a URL is masked whole.
 */
export function maskUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return maskSecret(value);
  }
  const rest = (url.pathname + url.search + url.hash).replace(/^\/+/, '');
  return `${url.protocol}//${url.host}/${rest === '' ? '' : maskSecret(rest)}`;
}

/** Whether a value sent back is one of these masks (the page's alert form returns the masked URL unchanged). */
export function isMasked(value: string): boolean {
  return value.includes(DOTS);
}

/** A delivery's target as people see it: an e-mail address as is, a webhook URL masked. */
export function maskTarget(channel: string, target: string): string {
  return channel === 'webhook' ? maskUrl(target) : target;
}
