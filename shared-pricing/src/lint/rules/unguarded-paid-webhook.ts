import { formatCredits } from '../../money/millicredits';
import { creditsOption } from '../helpers/creditsOption';
import type { LintRule } from '../types';

/** Node type of the n8n Credits node; its `guard` operation checks the balance before paid work. */
export const CREDITS_NODE_TYPE = 'n8n-nodes-credits.credits';

/** Triggers that anyone who knows the URL can fire. */
const PUBLIC_TRIGGERS = new Set(['n8n-nodes-base.webhook', 'n8n-nodes-base.formTrigger', '@n8n/n8n-nodes-langchain.chatTrigger']);

/** A webhook-triggered workflow that costs credits and never checks the balance first. */
export const unguardedPaidWebhook: LintRule = {
  meta: {
    id: 'unguarded-paid-webhook',
    description: 'Webhook, form or chat triggered workflow that costs credits with no Credits guard node.',
    docs: 'docs/rules/unguarded-paid-webhook.md',
    rationale: "Anyone who can call a public trigger can spend credits; without a guard every call is paid for whether or not the caller has credits left.",
    fix: "Add a Credits node with operation Guard right after the trigger, so an execution without credits stops before the paid steps.",
    defaultSeverity: 'warning',
    options: {
      minCredits: { type: 'number', minimum: 0, default: 0, description: 'Report only when the expected cost per execution is above this many credits.' },
    },
    messages: {
      unguarded: '"{node}" lets callers start a workflow that costs {credits} credits per execution, with no Credits node doing a "guard"; add one before the paid steps',
    },
  },
  check(context) {
    const { analysis } = context;
    if (analysis.perExecution.expected <= (creditsOption(context.options.minCredits) ?? 0)) return;
    const guarded = analysis.nodes.some((n) => n.type === CREDITS_NODE_TYPE && !n.disabled && context.rawNode(n.name)?.parameters.operation === 'guard');
    if (guarded) return;
    for (const name of analysis.triggers) {
      const trigger = context.node(name);
      if (!trigger || trigger.disabled || !PUBLIC_TRIGGERS.has(trigger.type)) continue;
      context.report({ messageId: 'unguarded', node: name, data: { node: name, credits: formatCredits(analysis.perExecution.expected) } });
    }
  },
};
