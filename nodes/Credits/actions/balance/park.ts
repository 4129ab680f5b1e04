import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { resumeToken, withResumeToken } from '../../helpers/resumeToken';
import { CREDENTIAL_NAME, ledgerRequest } from '../../transport';

/**
 * Parks the execution under `pause`: tells the ledger its resume URL and what its items need, then waits with
 * n8n's wait until `renewsAt`. The ledger calls the URL as soon as credits cover the need (a top-up, a grant, a
 * plan change); otherwise n8n's own timer resumes it at the renewal. A ledger that cannot take the park leaves
 * the renewal, which is said on the items. Returns whether the ledger took it.
 */
export async function parkUntilCredits(ctx: IExecuteFunctions, renewsAt: string, needMillicredits: number): Promise<boolean> {
	const date = new Date(renewsAt);
	if (Number.isNaN(date.getTime())) throw new NodeOperationError(ctx.getNode(), `The ledger gave no valid renewal time ("${renewsAt}")`);
	const executionId = ctx.getExecutionId();
	const resumeUrl = String(ctx.evaluateExpression('{{ $execution.resumeUrl }}', 0) ?? '');
	let taken = false;
	if (executionId && /^https?:\/\//.test(resumeUrl)) {
		const { apiKey } = await ctx.getCredentials(CREDENTIAL_NAME);
		const node = ctx.getNode();
		const res = await ledgerRequest(ctx, 'POST', '/v1/parked', {
			executionId,
			parkKey: `${node.name}:${String(ctx.evaluateExpression('{{ $runIndex }}', 0))}`,
			resumeUrl: withResumeToken(resumeUrl, resumeToken(String(apiKey), executionId)),
			needMillicredits,
			renewsAt,
			workflowId: ctx.getWorkflow().id ?? null,
			nodeName: node.name,
		}).catch((error: Error) => ({ statusCode: 0, body: { error: { message: error.message } } }));
		taken = res.statusCode === 200 || res.statusCode === 201;
		if (!taken) ctx.logger.warn(`Credits Guard: the ledger did not take the park (${res.statusCode}); the execution resumes at the renewal, ${renewsAt}`);
	}
	await ctx.putExecutionToWait(date);
	return taken;
}
