import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import * as balance from './balance';
import * as report from './report';
import * as reservation from './reservation';
import * as topUp from './topUp';
import * as usage from './usage';

type Operation = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> };

const operations: Record<string, Record<string, Operation>> = {
	usage: { record: usage.record },
	balance: { get: balance.get, guard: balance.guard },
	reservation: { reserve: reservation.reserve, settle: reservation.settle, release: reservation.release },
	topUp: { add: topUp.add },
	report: { get: report.get },
};

/** Calls the operation chosen by the `resource` and `operation` parameters. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const chosen = operations[resource]?.[operation];
	if (!chosen) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	return await chosen.execute.call(this);
}
