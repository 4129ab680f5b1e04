import type { IConnections, IDataObject, IWorkflowBase } from 'n8n-workflow';

/**
 * The child's workflow and run data with every node renamed `<prefix><name>`, so that the ledger
 * records the child's node runs under the parent execution (keys `parentExecution:<prefix><node>:…`)
 * without clashing with the parent's own nodes or with another run of the metering node.
 */
export function nestUnderParent(workflow: IWorkflowBase, runData: IDataObject, prefix: string): { workflow: IWorkflowBase; runData: IDataObject } {
	const rename = (name: string) => `${prefix}${name}`;
	const connections: IConnections = {};
	for (const [source, byType] of Object.entries(workflow.connections ?? {})) {
		connections[rename(source)] = Object.fromEntries(
			Object.entries(byType).map(([type, outputs]) => [
				type,
				(outputs ?? []).map((targets) => (targets ?? []).map((target) => ({ ...target, node: rename(target.node) }))),
			]),
		);
	}
	const nodes = workflow.nodes.map((node) => ({ ...node, name: rename(node.name) }));
	const resultData = (runData.resultData ?? {}) as IDataObject;
	const runs = (resultData.runData ?? {}) as IDataObject;
	const renamedRuns = Object.fromEntries(Object.entries(runs).map(([name, taskData]) => [rename(name), taskData]));
	const lastNodeExecuted = typeof resultData.lastNodeExecuted === 'string' ? rename(resultData.lastNodeExecuted) : resultData.lastNodeExecuted;
	return {
		workflow: { ...workflow, nodes, connections },
		runData: { ...runData, resultData: { ...resultData, runData: renamedRuns, lastNodeExecuted } },
	};
}
