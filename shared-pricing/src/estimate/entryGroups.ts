import { messages } from '../errors';
import { isTriggerType } from '../price-book/isTriggerType';
import { isStickyNote } from './isStickyNote';
import type { WorkflowModel } from './model';
import type { Finding } from './types';

/**
 * The ways an execution can start: one group per enabled trigger. A sub-workflow call enters
 * only through Execute Workflow Trigger nodes when there are any. A workflow without a trigger
 * starts at its nodes without inputs, all in one group, with a finding.
 */
export function entryGroups(model: WorkflowModel, subEntry: boolean, findings: Finding[]): { groups: number[][]; noTrigger: boolean } {
  const { graph } = model;
  const triggers: number[] = [];
  graph.nodes.forEach((node, i) => {
    if (!node.disabled && isTriggerType(node.type) && graph.parentOf[i] === -1) triggers.push(i);
  });
  if (subEntry) {
    const callable = triggers.filter((i) => graph.nodes[i]?.type === 'n8n-nodes-base.executeWorkflowTrigger');
    if (callable.length > 0) return { groups: callable.map((i) => [i]), noTrigger: false };
  }
  if (triggers.length > 0) return { groups: triggers.map((i) => [i]), noTrigger: false };
  const roots: number[] = [];
  graph.nodes.forEach((node, i) => {
    if (isStickyNote(node.type) || graph.parentOf[i] !== -1 || (graph.in[i]?.length ?? 0) > 0) return;
    roots.push(i);
  });
  if (roots.length > 0 && !subEntry) findings.push({ ruleId: 'estimate/no-trigger', severity: 'info', range: graph.nodes[roots[0] as number]?.range ?? { offset: 0, length: 0, line: 1 }, message: messages.noTrigger() });
  return { groups: roots.length > 0 ? [roots] : [], noTrigger: true };
}
