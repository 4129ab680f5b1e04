import type { IDataObject } from 'n8n-workflow';
import { parseCredits } from '../../shared-pricing/src/money/parseCredits';

/** What the trigger remembers between polls (the workflow's static data). */
export interface TriggerState {
	below?: boolean;
	depleted?: boolean;
	periodStart?: string;
	/** `workflowId@day` of spikes already reported. */
	spikes?: string[];
}

export interface TriggerSettings {
	event: string;
	thresholdType: string;
	threshold: number;
	multiple: number;
	trailingDays: number;
}

/** Usage per workflow today and over the trailing days, and today's key, all in the workspace's time zone. */
export interface SpikeUsage {
	/** `YYYY-MM-DD` of today in the workspace's zone: a spike is reported once per workflow and this day. */
	day: string;
	today: IDataObject[];
	trailing: IDataObject[];
}

/**
 * Decides which events a poll emits, edge-triggered: a threshold or depletion fires when it is
 * first crossed (not again until the balance recovers), a renewal when the period start changes,
 * a spike once per workflow and day. A manual (editor) poll always shows the current state.
 */
export function checkEvent(
	settings: TriggerSettings,
	card: IDataObject,
	state: TriggerState,
	usage: SpikeUsage | undefined,
	manual: boolean,
): { events: IDataObject[]; next: TriggerState } {
	const available = Number(card.totalAvailable);
	const allocation = Number(card.allocation);
	const base = { totalAvailable: available, allocation, resetsAt: card.resetsAt, planName: card.planName };
	switch (settings.event) {
		case 'belowThreshold': {
			const percent = allocation > 0 ? (available * 100) / allocation : 0;
			// Rounded up: for a whole number of millicredits, `available < ceil(threshold)` is exactly `available < threshold`.
			const credits = settings.thresholdType === 'percent' ? undefined : parseCredits(settings.threshold, 'ceil');
			const below = credits === undefined ? percent < settings.threshold : credits.ok && available < credits.millicredits;
			const fire = below && (manual || !state.below);
			return { events: fire ? [{ event: 'belowThreshold', ...base, percentAvailable: Math.floor(percent * 10) / 10, threshold: settings.threshold, thresholdType: settings.thresholdType }] : [], next: { ...state, below } };
		}
		case 'depleted': {
			const depleted = available <= 0;
			const fire = depleted && (manual || !state.depleted);
			return { events: fire ? [{ event: 'depleted', ...base, overdraft: card.overdraft }] : [], next: { ...state, depleted } };
		}
		case 'renewed': {
			const periodStart = String(card.periodStart);
			// The first poll only learns the period; a renewal is a change after that.
			const fire = manual || (state.periodStart !== undefined && state.periodStart !== periodStart);
			return { events: fire ? [{ event: 'renewed', ...base, periodStart, previousPeriodStart: state.periodStart ?? null }] : [], next: { ...state, periodStart } };
		}
		case 'spike': {
			const events: IDataObject[] = [];
			const seen = new Set(state.spikes ?? []);
			const day = usage?.day ?? '';
			const trailing = new Map((usage?.trailing ?? []).map((row) => [String(row.key), Number(row.millicredits)]));
			for (const row of usage?.today ?? []) {
				const today = Number(row.millicredits);
				const average = (trailing.get(String(row.key)) ?? 0) / settings.trailingDays;
				const mark = `${String(row.key)}@${day}`;
				if (average > 0 && today > average * settings.multiple && (manual || !seen.has(mark))) {
					events.push({ event: 'spike', workflowId: row.key, workflowName: row.label, todayMillicredits: today, averageMillicredits: Math.round(average), ratio: Math.round((today / average) * 100) / 100, multiple: settings.multiple });
					seen.add(mark);
				}
			}
			return { events, next: { ...state, spikes: [...seen].filter((m) => m.endsWith(`@${day}`)) } };
		}
		default:
			return { events: [], next: state };
	}
}
