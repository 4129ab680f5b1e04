/** Top-ups paid through a payment provider: purchases, the provider's events about them, and take-backs. */

/** `pending` until the provider says it is paid; `refunded` once any of it was given back (refund or dispute). */
export type PurchaseStatus = 'pending' | 'paid' | 'refunded' | 'failed' | 'expired';

export interface Purchase {
  id: string;
  workspaceId: string;
  /** `stripe`. */
  provider: string;
  /** The provider's checkout session id (`cs_…`). */
  sessionId: string;
  packId: string;
  millicredits: number;
  /** Price in the smallest unit of `currency` (cents). */
  amount: number;
  currency: string;
  /** The name of the key (or page session) that started the checkout. */
  boughtBy: string;
  status: PurchaseStatus;
  /** The provider's payment id (`pi_…`), once known. */
  paymentId: string | null;
  /** The provider's customer id (`cus_…`), once known. */
  customerId: string | null;
  /** The top-up grant, once paid. */
  grantId: string | null;
  /** Money given back so far (refunds, disputes), in the smallest unit of `currency`. */
  moneyBack: number;
  /** Millicredits taken back so far: from the grant while it had them, the rest as debt. */
  reclaimed: number;
  createdAt: string;
  paidAt: string | null;
  refundedAt: string | null;
}

/** A new purchase: a checkout session just created for a pack (it starts `pending`). */
export type CreatePurchaseInput = Pick<Purchase, 'id' | 'workspaceId' | 'provider' | 'sessionId' | 'packId' | 'millicredits' | 'amount' | 'currency' | 'boughtBy'> & {
  customerId?: string | null;
};

/** A verified "this session is paid" (or "completed, payment still pending") event. */
export interface PaymentConfirmation {
  provider: string;
  eventId: string;
  eventType: string;
  sessionId: string;
  /** What the provider says was charged, checked against the purchase. */
  amount: number | null;
  currency: string | null;
  /** The workspace the session was created for (its metadata); checked against the purchase. */
  workspaceId: string | null;
  paymentId: string | null;
  customerId: string | null;
  /** False for a completed session whose (asynchronous) payment has not arrived yet. */
  paid: boolean;
}

/** Money given back for a payment: `moneyBack` is the total so far (refunds are cumulative). */
export interface PaymentReversal {
  provider: string;
  eventId: string;
  eventType: string;
  paymentId: string;
  moneyBack: number;
  currency: string | null;
}

export type PaymentOutcome =
  /** The event changed the purchase; `granted` / `reclaimed` say by how many millicredits. */
  | { status: 'applied'; purchase: Purchase; granted: number; reclaimed: number; debt: number }
  /** The event was seen before, or says nothing new (a stale or repeated state): nothing changed. */
  | { status: 'duplicate'; purchase: Purchase | null }
  /** A refund or dispute for a payment not known yet: kept, applied when the payment is. */
  | { status: 'waiting'; paymentId: string }
  /** Refused: nothing recorded (not even the event id, so a corrected re-delivery is still applied). */
  | { status: 'rejected'; code: 'unknown-session' | 'amount-mismatch' | 'currency-mismatch' | 'workspace-mismatch'; message: string };
