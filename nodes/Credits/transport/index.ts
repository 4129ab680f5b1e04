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
// Types only (erased from the build): the community package keeps zero runtime dependencies.
import type {
	LedgerAnswer,
	LedgerBody,
	LedgerErrorBody,
	LedgerMethod,
	LedgerOk,
	LedgerPath,
	LedgerQuery,
	LedgerReply,
	LedgerRouteKey,
	LedgerRouteOf,
} from '../../../ledger/src/http/contract';

export type { LedgerBody, LedgerOk, LedgerQuery } from '../../../ledger/src/http/contract';

/** The contexts that may call the ledger. */
export type LedgerContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/**
 * One answer of the ledger: its status and JSON body (4xx/5xx are answers too, not exceptions). The body is any
 * answer the contract gives for route `K`; `expectOk` narrows it to the success answer.
 */
export interface LedgerResponse<K extends LedgerRouteKey = LedgerRouteKey> {
	statusCode: number;
	body: LedgerAnswer<K>;
}

/** The answer of a charge the plan refused (402), as `POST /v1/usage` and settling give it. */
export type LedgerRefusal = LedgerReply<'POST /v1/usage', 402>['outcome'];

export const CREDENTIAL_NAME = 'creditsApi';

/**
 * Calls the ledger's HTTP API with the Credits API credential (`Authorization: Bearer` is added by
 * the credential). Returns every HTTP answer, so callers can treat 402 as an outcome; throws a
 * `NodeApiError` naming the item when there is no credential or the ledger cannot be reached.
 * Typed by the ledger's contract: a path it lacks, a body field it does not take or an answer field
 * it does not give fails to compile. The context comes first (not `.call(this)`), which would lose
 * the route's type.
 */
export async function ledgerRequest<M extends LedgerMethod, P extends LedgerPath<M>>(
	ctx: LedgerContext,
	method: M,
	path: P,
	body?: LedgerBody<LedgerRouteOf<M, P>>,
	qs?: LedgerQuery<LedgerRouteOf<M, P>>,
	itemIndex = 0,
): Promise<LedgerResponse<LedgerRouteOf<M, P>>> {
	let baseUrl: string;
	try {
		const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
		baseUrl = String(credentials.url ?? '').replace(/\/+$/, '');
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `No Credits API credential: ${(error as Error).message}`, {
			itemIndex,
			description: 'Select or create a "Credits API" credential with the ledger URL and an API key',
		});
	}
	if (!/^https?:\/\//.test(baseUrl)) {
		throw new NodeOperationError(ctx.getNode(), `The Credits API credential has no valid ledger URL ("${baseUrl}")`, { itemIndex });
	}
	const options: IHttpRequestOptions = {
		method: method as IHttpRequestMethods,
		url: `${baseUrl}${path}`,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (body !== undefined) options.body = body as IDataObject;
	if (qs !== undefined) options.qs = qs as IDataObject;
	let response: { statusCode?: number; body?: unknown };
	try {
		response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, options)) as typeof response;
	} catch (error) {
		// Not the raw error: n8n would replace our message with a generic one for ECONNREFUSED.
		const cause = { message: (error as Error).message, code: 'LEDGER_UNREACHABLE' } as JsonObject;
		throw new NodeApiError(ctx.getNode(), cause, {
			itemIndex,
			message: `The ledger at ${baseUrl} cannot be reached`,
			description: (error as Error).message,
		});
	}
	const parsed = typeof response.body === 'string' ? safeJson(response.body) : response.body;
	// The ledger's answer as the contract describes it (a body that is not JSON is wrapped as `{ value }`).
	return { statusCode: response.statusCode ?? 0, body: (isObject(parsed) ? parsed : { value: parsed }) as LedgerAnswer<LedgerRouteOf<M, P>> };
}

/** The ledger's error message in a body `{ error: { code, message, field } }`. */
export function ledgerErrorText(response: { statusCode: number; body: object }): string {
	const error = 'error' in response.body ? (response.body as LedgerErrorBody).error : undefined;
	if (!error) return `HTTP ${response.statusCode}`;
	const field = error.field ? ` (field ${String(error.field)})` : '';
	return `${String(error.message ?? error.code ?? 'error')}${field}`;
}

/**
 * Returns the body of a 2xx answer; otherwise throws a `NodeApiError` that says what the ledger
 * answered and for which item (401 wrong key, 403 role, 4xx the ledger's message).
 */
export function expectOk<K extends LedgerRouteKey>(ctx: LedgerContext, response: LedgerResponse<K>, what: string, itemIndex = 0): LedgerOk<K> {
	if (response.statusCode >= 200 && response.statusCode < 300) return response.body as LedgerOk<K>;
	const reason =
		response.statusCode === 401
			? 'the API key was refused (401): check the Credits API credential'
			: response.statusCode === 403
				? `the API key's role may not do this (403): ${ledgerErrorText(response)}`
				: `${ledgerErrorText(response)} (HTTP ${response.statusCode})`;
	throw new NodeApiError(ctx.getNode(), response.body as JsonObject, {
		itemIndex,
		httpCode: String(response.statusCode),
		message: `${what} failed for item ${itemIndex}: ${reason}`,
	});
}

/** What the plan refused in a 402 answer (`renewsAt`, `available`), or undefined for any other answer. */
export function refusalOf(response: { statusCode: number; body: object }): LedgerRefusal | undefined {
	if (response.statusCode !== 402 || !('outcome' in response.body)) return undefined;
	return (response.body as LedgerReply<'POST /v1/usage', 402>).outcome;
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
