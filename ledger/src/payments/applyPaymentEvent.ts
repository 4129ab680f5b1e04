import type { LedgerStore, PaymentOutcome } from '../store/types';
import type { PaymentEvent } from './provider';

/** Hands a verified payment event to the store; an event the ledger does not act on is acknowledged as a no-op. */
export async function applyPaymentEvent(store: LedgerStore, event: PaymentEvent): Promise<PaymentOutcome | { status: 'ignored'; reason: string }> {
  switch (event.kind) {
    case 'confirmation':
      return store.confirmPayment(event.confirmation);
    case 'closed':
      return store.closePurchase(event.provider, event.eventId, event.eventType, event.sessionId, event.status);
    case 'reversal':
      return store.reversePayment(event.reversal);
    case 'ignored':
      return { status: 'ignored', reason: event.reason };
  }
}
