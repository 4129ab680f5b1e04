import type Stripe from 'stripe';
import type { PaymentEvent } from './provider';

const PROVIDER = 'stripe';

const idOf = (value: string | { id: string } | null | undefined): string | null => (value == null ? null : typeof value === 'string' ? value : value.id);

function confirmation(event: Stripe.Event, session: Stripe.Checkout.Session, paid: boolean): PaymentEvent {
  return {
    kind: 'confirmation',
    confirmation: {
      provider: PROVIDER, eventId: event.id, eventType: event.type, sessionId: session.id,
      amount: session.amount_total ?? null, currency: session.currency ?? null, workspaceId: session.metadata?.workspaceId ?? null,
      paymentId: idOf(session.payment_intent), customerId: idOf(session.customer), paid,
    },
  };
}

function reversal(event: Stripe.Event, paymentIntent: string | { id: string } | null, moneyBack: number, currency: string): PaymentEvent {
  const paymentId = idOf(paymentIntent);
  if (!paymentId) return { kind: 'ignored', eventId: event.id, eventType: event.type, reason: 'no payment intent to match a purchase by' };
  return { kind: 'reversal', reversal: { provider: PROVIDER, eventId: event.id, eventType: event.type, paymentId, moneyBack, currency } };
}

/**
 * A verified Stripe event in the ledger's terms. A completed Checkout Session grants when it is paid (a card) and
 * waits for `async_payment_succeeded` otherwise (a bank debit); a refund gives back the charge's refunded total so
 * far; a dispute gives back its disputed amount. Everything else is acknowledged and ignored.
 */
export function paymentEventOf(event: Stripe.Event): PaymentEvent {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      return confirmation(event, session, session.payment_status === 'paid' || session.payment_status === 'no_payment_required');
    }
    case 'checkout.session.async_payment_succeeded':
      return confirmation(event, event.data.object, true);
    case 'checkout.session.async_payment_failed':
      return { kind: 'closed', provider: PROVIDER, eventId: event.id, eventType: event.type, sessionId: event.data.object.id, status: 'failed' };
    case 'checkout.session.expired':
      return { kind: 'closed', provider: PROVIDER, eventId: event.id, eventType: event.type, sessionId: event.data.object.id, status: 'expired' };
    case 'charge.refunded': {
      const charge = event.data.object;
      return reversal(event, charge.payment_intent, charge.amount_refunded, charge.currency);
    }
    case 'charge.dispute.created': {
      const dispute = event.data.object;
      return reversal(event, dispute.payment_intent, dispute.amount, dispute.currency);
    }
    default:
      return { kind: 'ignored', eventId: event.id, eventType: event.type, reason: `${event.type} does not move credits` };
  }
}
