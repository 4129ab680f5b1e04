import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** The contexts that may call the ledger. */
export type LedgerContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** One answer of the ledger: its status and JSON body (4xx/5xx are answers too, not exceptions). */
export interface LedgerResponse {
	statusCode: number;
	body: IDataObject;
}

export const CREDENTIAL_NAME = 'creditsApi';

/**
 * Calls the ledger's HTTP API with the Credits API credential (`Authorization: Bearer` is added by
 * the credential). Returns every HTTP answer, so callers can treat 402 as an outcome; throws a
 * `NodeApiError` naming the item when there is no credential or the ledger cannot be reached.
 */
export async function ledgerRequest(
	this: LedgerContext,
	method: IHttpRequestMethods,
	path: string,
	body?: IDataObject,
	qs?: IDataObject,
	itemIndex = 0,
): Promise<LedgerResponse> {
	let baseUrl: string;
	try {
		const credentials = await this.getCredentials(CREDENTIAL_NAME);
		baseUrl = String(credentials.url ?? '').replace(/\/+$/, '');
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `No Credits API credential: ${(error as Error).message}`, {
			itemIndex,
			description: 'Select or create a "Credits API" credential with the ledger URL and an API key',
		});
	}
	if (!/^https?:\/\//.test(baseUrl)) {
		throw new NodeOperationError(this.getNode(), `The Credits API credential has no valid ledger URL ("${baseUrl}")`, { itemIndex });
	}
	const options: IHttpRequestOptions = {
		method,
		url: `${baseUrl}${path}`,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (body !== undefined) options.body = body;
	if (qs !== undefined) options.qs = qs;
	let response: { statusCode?: number; body?: unknown };
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, options)) as typeof response;
	} catch (error) {
		// Not the raw error: n8n would replace our message with a generic one for ECONNREFUSED.
		const cause = { message: (error as Error).message, code: 'LEDGER_UNREACHABLE' } as JsonObject;
		throw new NodeApiError(this.getNode(), cause, {
			itemIndex,
			message: `The ledger at ${baseUrl} cannot be reached`,
			description: (error as Error).message,
		});
	}
	const parsed = typeof response.body === 'string' ? safeJson(response.body) : response.body;
	return { statusCode: response.statusCode ?? 0, body: (isObject(parsed) ? parsed : { value: parsed }) as IDataObject };
}

/** The ledger's error message in a body `{ error: { code, message, field } }`. */
export function ledgerErrorText(response: LedgerResponse): string {
	const error = response.body.error as IDataObject | undefined;
	if (!error) return `HTTP ${response.statusCode}`;
	const field = error.field ? ` (field ${String(error.field)})` : '';
	return `${String(error.message ?? error.code ?? 'error')}${field}`;
}

/**
 * Returns the body of a 2xx answer; otherwise throws a `NodeApiError` that says what the ledger
 * answered and for which item (401 wrong key, 403 role, 4xx the ledger's message).
 */
export function expectOk(this: LedgerContext, response: LedgerResponse, what: string, itemIndex = 0): IDataObject {
	if (response.statusCode >= 200 && response.statusCode < 300) return response.body;
	const reason =
		response.statusCode === 401
			? 'the API key was refused (401): check the Credits API credential'
			: response.statusCode === 403
				? `the API key's role may not do this (403): ${ledgerErrorText(response)}`
				: `${ledgerErrorText(response)} (HTTP ${response.statusCode})`;
	throw new NodeApiError(this.getNode(), response.body as JsonObject, {
		itemIndex,
		httpCode: String(response.statusCode),
		message: `${what} failed for item ${itemIndex}: ${reason}`,
	});
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
