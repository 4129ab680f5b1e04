import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token a parked execution's resume URL carries: an HMAC of the execution id under the credential's API key.
 * n8n's resume URLs name the execution by its number, so without it anyone could resume a paused execution for
 * free; with it only the ledger, which was given the URL, can. Nothing is stored: the webhook recomputes it.
 */
export function resumeToken(apiKey: string, executionId: string): string {
	return createHmac('sha256', apiKey).update(`n8n-credits resume ${executionId}`).digest('hex').slice(0, 40);
}

export function isResumeToken(apiKey: string, executionId: string, token: unknown): boolean {
	if (typeof token !== 'string') return false;
	const want = Buffer.from(resumeToken(apiKey, executionId));
	const got = Buffer.from(token);
	return got.length === want.length && timingSafeEqual(got, want);
}

/** `url` with the token as the `credits` query parameter (n8n passes query parameters on to the webhook). */
export function withResumeToken(url: string, token: string): string {
	return `${url}${url.includes('?') ? '&' : '?'}credits=${token}`;
}
