/** Trigger node types whose names do not end in `Trigger`. */
const TRIGGERS_BY_NAME = new Set([
  'n8n-nodes-base.webhook',
  'n8n-nodes-base.cron',
  'n8n-nodes-base.interval',
  'n8n-nodes-base.start',
  'n8n-nodes-base.emailReadImap',
  'n8n-nodes-base.n8nTrigger',
  'n8n-nodes-base.errorTrigger',
]);

/** Does a node of this type start executions (and so sit at the root of a workflow)? */
export function isTriggerType(type: string): boolean {
  return type.endsWith('Trigger') || TRIGGERS_BY_NAME.has(type);
}
