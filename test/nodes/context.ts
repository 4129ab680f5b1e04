import sinon from 'sinon';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INode, INodeExecutionData } from 'n8n-workflow';

/** One fake ledger answer. */
export interface FakeAnswer {
	statusCode: number;
	body: IDataObject;
}

/** Answers by `METHOD /path` (query ignored); a function gets the request body. An Error is thrown as a network error. */
export type FakeRoutes = Record<string, FakeAnswer | Error | ((body: IDataObject, options: IHttpRequestOptions) => FakeAnswer)>;

export interface ContextOptions {
	items?: IDataObject[];
	/** Parameter values; a function is called with the item index. */
	params: Record<string, unknown | ((itemIndex: number) => unknown)>;
	routes?: FakeRoutes;
	credentials?: IDataObject | null;
	continueOnFail?: boolean;
	mode?: string;
	executionId?: string;
	runIndex?: number;
	nodeName?: string;
	/** What `$execution.resumeUrl` evaluates to. */
	resumeUrl?: string;
}

export interface FakeContext {
	ctx: IExecuteFunctions;
	http: sinon.SinonStub;
	/** `METHOD /path` of every request, in order. */
	calls(): string[];
	/** Bodies sent to `METHOD /path`. */
	bodies(route: string): IDataObject[];
	putExecutionToWait: sinon.SinonStub;
	warnings: sinon.SinonStub;
}

/** A sinon-stubbed `IExecuteFunctions` for one node execution against a fake ledger. */
export function fakeContext(options: ContextOptions): FakeContext {
	const node: INode = {
		id: 'n1',
		name: options.nodeName ?? 'Credits',
		type: 'n8n-nodes-credits.credits',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const http = sinon.stub().callsFake(async (_type: string, request: IHttpRequestOptions) => {
		const path = new URL(request.url).pathname;
		const route = options.routes?.[`${request.method ?? 'GET'} ${path}`];
		if (route === undefined) return { statusCode: 404, body: { error: { code: 'not_found', message: `no route ${path}` } } };
		if (route instanceof Error) throw route;
		return typeof route === 'function' ? route((request.body ?? {}) as IDataObject, request) : route;
	});
	const putExecutionToWait = sinon.stub().resolves();
	const warnings = sinon.stub();
	// The expressions the nodes evaluate, as n8n would for this execution.
	const expressions: Record<string, unknown> = {
		'{{ $execution.resumeUrl }}': options.resumeUrl ?? `http://127.0.0.1:5678/webhook-waiting/${options.executionId ?? 'exec-1'}`,
		'{{ $runIndex }}': options.runIndex ?? 0,
	};
	const ctx = {
		getInputData: () => items,
		getNode: () => node,
		getNodeParameter: (name: string, itemIndex: number, ...fallback: unknown[]) => {
			const value = options.params[name];
			if (value === undefined) {
				if (fallback.length > 0) return fallback[0];
				throw new Error(`Could not get parameter "${name}"`);
			}
			return typeof value === 'function' ? (value as (i: number) => unknown)(itemIndex) : value;
		},
		getCredentials: async () => {
			if (options.credentials === null) throw new Error('Node "Credits" does not have any credentials set');
			return options.credentials ?? { url: 'http://127.0.0.1:5680', apiKey: 'n8c_test' };
		},
		continueOnFail: () => options.continueOnFail === true,
		getMode: () => options.mode ?? 'trigger',
		getExecutionId: () => options.executionId ?? 'exec-1',
		getWorkflow: () => ({ id: 'wf-1', name: 'Workflow One', active: false }),
		getWorkflowDataProxy: () => ({ $runIndex: options.runIndex ?? 0 }),
		putExecutionToWait,
		evaluateExpression: (expression: string) => expressions[expression],
		logger: { warn: warnings, info: sinon.stub(), debug: sinon.stub(), error: sinon.stub() },
		helpers: { httpRequestWithAuthentication: http },
	} as unknown as IExecuteFunctions;
	return {
		ctx,
		http,
		putExecutionToWait,
		warnings,
		calls: () => http.getCalls().map((c) => `${(c.args[1] as IHttpRequestOptions).method} ${new URL((c.args[1] as IHttpRequestOptions).url).pathname}`),
		bodies: (route) =>
			http
				.getCalls()
				.filter((c) => `${(c.args[1] as IHttpRequestOptions).method} ${new URL((c.args[1] as IHttpRequestOptions).url).pathname}` === route)
				.map((c) => (c.args[1] as IHttpRequestOptions).body as IDataObject),
	};
}

/** The plan rules the ledger's quote answer carries. */
export const PLAN = { name: 'twenty', priceBook: 'twenty', exhaustion: 'stop', editorRunsFree: true, chargeFailedStep: false };

/** A quote route answering `millicredits` (or the fixed amount asked). */
export function quoteRoute(millicredits?: number, extra: IDataObject = {}) {
	return (body: IDataObject): FakeAnswer => {
		const free = body.mode === 'manual' && PLAN.editorRunsFree;
		const amount = millicredits ?? Number(body.millicredits ?? 0);
		return { statusCode: 200, body: { millicredits: free ? 0 : amount, listMillicredits: amount, free, reason: 'quoted', plan: PLAN, ...extra } };
	};
}

/** A usage route that records every new key once (201) and acknowledges repeats (200). */
export function usageRoute() {
	const seen = new Map<string, number>();
	return (body: IDataObject): FakeAnswer => {
		const key = String(body.key);
		if (seen.has(key)) return { statusCode: 200, body: { key, status: 'duplicate', millicredits: seen.get(key)! } };
		seen.set(key, Number(body.millicredits));
		return { statusCode: 201, body: { key, status: 'recorded', millicredits: Number(body.millicredits), balance: 1000 } };
	};
}

/**
 * Requires a `*.node.ts` file by its full name: beside it lies `*.node.json` (the codex file), which
 * Node's resolver would pick for the extension-less path before tsx's `.ts`.
 */
export function requireNodeFile<T>(pathFromRepoRoot: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require('node:path').join(__dirname, '..', '..', pathFromRepoRoot)) as T;
}
