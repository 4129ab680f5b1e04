import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { isResumeToken } from '../../helpers/resumeToken';
import { CREDENTIAL_NAME } from '../../transport';

/**
 * The resume webhook of a Guard-parked execution (`$execution.resumeUrl`, called by the ledger once credits cover
 * it). Only a call carrying the execution's token resumes it: anyone else gets 403 and it keeps waiting. The
 * parked items go on through Enough, as they would have had the credits been there.
 */
export async function resumeParked(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const { apiKey } = await this.getCredentials(CREDENTIAL_NAME);
	const executionId = String(this.evaluateExpression('{{ $execution.id }}', 0) ?? '');
	const token = (this.getQueryData() as IDataObject).credits;
	if (!executionId || !isResumeToken(String(apiKey), executionId, token)) {
		this.getResponseObject().status(403).json({ message: 'n8n Credits: this execution waits for credits and resumes only when the ledger says so' });
		return { noWebhookResponse: true };
	}
	// The node's input while it waits: the items the Guard parked.
	const parked = (this.evaluateExpression('{{ $input.all() }}', 0) ?? []) as INodeExecutionData[];
	const resumedAt = new Date().toISOString();
	const items = parked.map((item, index) => ({ ...item, json: { ...item.json, guard: { resumed: 'credits-arrived', resumedAt } }, pairedItem: { item: index } }));
	return { workflowData: [items], webhookResponse: { resumed: true, items: items.length } };
}
