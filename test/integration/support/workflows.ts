import type { IConnections, INode } from 'n8n-workflow';
import type { WorkflowJson } from '../../support/n8n-engine';

export const CREDITS = 'n8n-nodes-credits.credits';
export const METERED = 'n8n-nodes-credits.meteredSubworkflow';
export const TRIGGER = 'n8n-nodes-credits.creditsTrigger';
const CREDENTIALS = { creditsApi: { id: '1', name: 'Credits ledger' } };

/** A node of our package (with the Credits API credential) or a core node. */
export function node(name: string, type: string, parameters: INode['parameters'] = {}, typeVersion = 1): INode {
	const ours = type.startsWith('n8n-nodes-credits.');
	return { id: name, name, type, typeVersion, position: [0, 0], parameters, ...(ours ? { credentials: CREDENTIALS } : {}) };
}

export const trigger = () => node('Start', 'n8n-nodes-base.manualTrigger');
export const code = (name: string, jsCode: string) => node(name, 'n8n-nodes-base.code', { jsCode }, 2);
export const noOp = (name: string) => node(name, 'n8n-nodes-base.noOp');

/** Connections from `[from, to, fromOutput?]` triples on `main`. */
export function connect(...links: Array<[string, string, number?]>): IConnections {
	const connections: IConnections = {};
	for (const [from, to, output = 0] of links) {
		const outputs = ((connections[from] ??= { main: [] }).main ??= []);
		while (outputs.length <= output) outputs.push([]);
		outputs[output]!.push({ node: to, type: 'main', index: 0 });
	}
	return connections;
}

export function workflow(name: string, nodes: INode[], connections: IConnections): WorkflowJson {
	return { id: `wf-${name}`, name, nodes, connections, settings: { executionOrder: 'v1' } };
}
