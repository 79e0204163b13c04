// The payment provider interface: everything payments needs from a PSP (the built-in sandbox
// today; Alipay or WeChat Pay would be other implementations). Our side never reads a
// provider's tables; it asks through these calls and learns outcomes from signed webhooks.
import type { Tx } from '../../platform/db/index.ts';

export interface CreatePaymentInput {
  /** Our intent id: the provider's merchant reference. */
  intentId: string;
  amountFen: number;
  currency: 'CNY';
  description: string;
  /** Who may pay: the provider's pay page accepts confirmation from this user only. */
  payerId: string;
}

export interface RefundInput {
  providerRef: string;
  amountFen: number;
  /** Our refund id: the provider's idempotency key for the refund. */
  refundId: string;
}

/** A provider's webhook event, verified and normalised. */
export interface ProviderEvent {
  /** The provider's event id: the same event delivered twice has the same id. */
  id: string;
  type: 'payment.succeeded' | 'payment.failed' | 'refund.succeeded';
  /** Unix seconds when the provider created the event. */
  created: number;
  /** Per-payment order of events (1, 2, 3…): an older event never overrides a newer one. */
  sequence: number;
  providerRef: string;
  amountFen: number;
  /** Our refund id, on refund events. */
  refundId?: string;
}

export interface PaymentProvider {
  readonly name: string;
  /**
   * Opens a payment at the provider. `tx` is the caller's transaction: a remote provider ignores
   * it (it calls its API); the in-process sandbox writes its records in it, so the provider's
   * record and ours commit or roll back together.
   */
  createPayment(tx: Tx, input: CreatePaymentInput): Promise<{ providerRef: string; payUrl: string }>;
  /**
   * Opens several payments at once (the flash-sale checkout creates one per buyer in a batch).
   * Results are in input order. A remote provider without a batch API calls createPayment per input.
   */
  createPayments?(tx: Tx, inputs: CreatePaymentInput[]): Promise<Array<{ providerRef: string; payUrl: string }>>;
  /** Asks for a refund; its outcome arrives later as a `refund.succeeded` webhook event. */
  refund(tx: Tx, input: RefundInput): Promise<{ providerRefundRef: string }>;
  /**
   * Checks a webhook's signature over the raw body and returns the event. Throws an AppError:
   * `unauthenticated` (field: the signature header) for a missing, forged or expired signature,
   * `validation_failed` for a body that is not a well-formed event.
   */
  verifyWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>): ProviderEvent;
}
