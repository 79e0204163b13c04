// The payout provider interface: everything payouts need from whoever sends the money (the
// built-in sandbox bank today; Alipay transfers or WeChat Pay 商家转账 would be other
// implementations). Our side never reads a provider's tables; it asks through these calls and
// learns outcomes from signed webhooks.
import type { Tx } from '../../../platform/db/index.ts';
import type { TransferEventType } from './state.ts';

export interface CreateTransferInput {
  /** Our payout id: the provider's merchant reference, and its idempotency key. */
  reference: string;
  payeeId: string;
  amountFen: number;
  currency: string;
}

/** A provider's webhook event, verified and normalised. */
export interface TransferEvent {
  /** The provider's event id: the same event delivered twice has the same id. */
  id: string;
  type: TransferEventType;
  /** Unix seconds when the provider created the event. */
  created: number;
  providerRef: string;
  amountFen: number;
  currency: string;
  /** Why the transfer failed (`transfer.failed` only), e.g. `account_frozen`. */
  failureReason?: string;
}

export interface PayoutProvider {
  readonly name: string;
  /** The request header carrying the webhook signature (lower case, as Node presents headers). */
  readonly signatureHeader: string;
  /**
   * Starts a transfer; the outcome arrives later by webhook. `tx` is the caller's transaction: a
   * remote provider ignores it (it calls its API); the in-process sandbox writes its records in
   * it, so its transfer and our payout commit or roll back together. The same reference starts
   * one transfer.
   */
  createTransfer(tx: Tx, input: CreateTransferInput): Promise<{ providerRef: string }>;
  /**
   * Checks a webhook's signature over the raw body and returns the event. Throws an AppError:
   * `unauthenticated` (field: the signature header) for a missing, forged or expired signature,
   * `validation_failed` for a body that is not a well-formed event.
   */
  verifyWebhook(rawBody: string, signature: string | string[] | undefined): TransferEvent;
}
