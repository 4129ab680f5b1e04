import { formatCount } from '../helpers/formatCount';
import { formatCredits } from '../../money/millicredits';
import { roundMillicredits } from '../../money/round';
import type { LintRule } from '../types';

/** A schedule that fires very often multiplies even a cheap workflow into a large monthly bill. */
export const highFrequencySchedule: LintRule = {
  meta: {
    id: 'high-frequency-schedule',
    description: 'Schedule or polling trigger that runs more often than a threshold.',
    docs: 'docs/rules/high-frequency-schedule.md',
    rationale: "Every run costs at least its trigger's workflow once; polling every minute for data that changes hourly pays 60 times for the same result.",
    fix: "Run less often, switch to an event (webhook) trigger, or make each run cheap by checking for changes before the paid steps.",
    defaultSeverity: 'warning',
    options: {
      maxRunsPerMonth: { type: 'integer', minimum: 1, default: 8640, description: 'Report triggers scheduled to run more often than this per month (8640 = every 5 minutes).' },
    },
    messages: {
      frequent: 'trigger "{node}" runs {runs} times a month ({basis}), more than {max}; at {perExecution} credits per execution that is {monthly} credits a month',
    },
  },
  check(context) {
    const max = context.options.maxRunsPerMonth as number;
    const { monthly, perExecution } = context.analysis;
    for (const trigger of monthly.triggers) {
      // Only triggers whose frequency the workflow states; webhook volumes are assumptions.
      if (trigger.source !== 'schedule' && trigger.source !== 'parameter') continue;
      // A run that costs nothing costs nothing however often it happens.
      if (trigger.runsPerMonth <= max || perExecution.expected === 0) continue;
      context.report({
        messageId: 'frequent',
        node: trigger.node,
        data: {
          node: trigger.node,
          runs: formatCount(trigger.runsPerMonth),
          basis: trigger.basis,
          max,
          perExecution: formatCredits(perExecution.expected),
          monthly: formatCredits(roundMillicredits(trigger.runsPerMonth * perExecution.expected, 'half-up')),
        },
      });
    }
  },
};
