import type { IDataObject } from 'n8n-workflow';

/** Tokens found in an item, and the shape they were found in. */
export interface ItemTokenUsage {
	input: number;
	output: number;
	/** `n8n` (`tokenUsage {promptTokens, completionTokens}`), `openai` or `anthropic` (`usage`). */
	shape: 'n8n' | 'openai' | 'anthropic';
	/** The model named beside the usage, when there is one. */
	model?: string;
}

/**
 * Finds AI token usage in an item's JSON (or the object at `path`, dotted): n8n's `tokenUsage`
 * (`{promptTokens, completionTokens}`, also under `response`), OpenAI's `usage {prompt_tokens,
 * completion_tokens}` and Anthropic's `usage {input_tokens, output_tokens}`. Undefined when none is
 * there; a count that is not a whole number ≥ 0 makes the shape not match.
 */
export function findTokenUsage(json: IDataObject, path = ''): ItemTokenUsage | undefined {
	const root = path ? at(json, path) : json;
	if (!isObject(root)) return undefined;
	for (const candidate of [root, root.response, root.message]) {
		if (!isObject(candidate)) continue;
		const found = readShapes(candidate);
		if (found) return found;
	}
	return readShapes({ usage: root }) ?? readShapes({ tokenUsage: root });
}

function readShapes(object: IDataObject): ItemTokenUsage | undefined {
	const model = typeof object.model === 'string' ? object.model : undefined;
	const n8n = object.tokenUsage ?? object.tokenUsageEstimate;
	if (isObject(n8n) && count(n8n.promptTokens) !== undefined && count(n8n.completionTokens) !== undefined) {
		return withModel({ input: count(n8n.promptTokens)!, output: count(n8n.completionTokens)!, shape: 'n8n' }, model);
	}
	const usage = object.usage;
	if (!isObject(usage)) return undefined;
	if (count(usage.prompt_tokens) !== undefined && count(usage.completion_tokens) !== undefined) {
		return withModel({ input: count(usage.prompt_tokens)!, output: count(usage.completion_tokens)!, shape: 'openai' }, model);
	}
	if (count(usage.input_tokens) !== undefined && count(usage.output_tokens) !== undefined) {
		return withModel({ input: count(usage.input_tokens)!, output: count(usage.output_tokens)!, shape: 'anthropic' }, model);
	}
	return undefined;
}

function withModel(usage: ItemTokenUsage, model: string | undefined): ItemTokenUsage {
	return model ? { ...usage, model } : usage;
}

function at(json: IDataObject, path: string): unknown {
	let value: unknown = json;
	for (const part of path.split('.').filter(Boolean)) {
		if (!isObject(value)) return undefined;
		value = value[part];
	}
	return value;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
