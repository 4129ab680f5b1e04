import type { LedgerEntry } from '../store/types';

type EntryFields = 'key' | 'workspaceId' | 'millicredits' | 'reversesKey' | 'recordedAt' | 'occurredAt' | 'memberId' | 'workflowId' | 'workflowName'
  | 'executionId' | 'nodeName' | 'nodeType' | 'runIndex' | 'kind' | 'model';

/**
 * One exported usage line: a charge or settlement (`usage`), or a reversal of one (`reversal`, negative, naming
 * the key it reverses). `key` is the entry's idempotency key, unique within its workspace.
 */
export interface UsageRecord extends Pick<LedgerEntry, EntryFields> {
  type: 'usage' | 'reversal';
  tokensIn: number | null;
  tokensOut: number | null;
}

/** The columns of the CSV export, in order (the JSON Lines export has the same fields). */
export const USAGE_COLUMNS: ReadonlyArray<keyof UsageRecord> = [
  'key', 'workspaceId', 'type', 'millicredits', 'reversesKey', 'recordedAt', 'occurredAt', 'memberId', 'workflowId', 'workflowName',
  'executionId', 'nodeName', 'nodeType', 'runIndex', 'kind', 'model', 'tokensIn', 'tokensOut',
];

export function usageRecordOf(e: LedgerEntry): UsageRecord {
  return {
    key: e.key, workspaceId: e.workspaceId, type: e.type === 'reversal' ? 'reversal' : 'usage', millicredits: e.millicredits, reversesKey: e.reversesKey,
    recordedAt: e.recordedAt, occurredAt: e.occurredAt, memberId: e.memberId, workflowId: e.workflowId, workflowName: e.workflowName,
    executionId: e.executionId, nodeName: e.nodeName, nodeType: e.nodeType, runIndex: e.runIndex, kind: e.kind, model: e.model,
    tokensIn: e.tokens?.input ?? null, tokensOut: e.tokens?.output ?? null,
  };
}
