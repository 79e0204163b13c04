// Our side of the sandbox payout integration: the PayoutProvider adapter. It talks to the sandbox
// bank through its calls (a real adapter would call the bank's API) and verifies its webhooks.
import type { Tx } from '../../../platform/db/index.ts';
import type { CreateTransferInput, PayoutProvider, TransferEvent } from './provider.ts';
import type { SandboxPayoutBank } from './sandbox.ts';
import { SIGNATURE_HEADER, parseTransferEvent, verifySignature } from './sandbox-wire.ts';

export class SandboxPayoutProvider implements PayoutProvider {
  readonly name = 'sandbox';
  readonly signatureHeader = SIGNATURE_HEADER;

  constructor(
    private readonly bank: SandboxPayoutBank,
    private readonly secret: string,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  async createTransfer(tx: Tx, input: CreateTransferInput): Promise<{ providerRef: string }> {
    return { providerRef: await this.bank.createTransfer(tx, { merchantRef: input.reference, payeeId: input.payeeId, amountFen: input.amountFen, currency: input.currency }) };
  }

  verifyWebhook(rawBody: string, signature: string | string[] | undefined): TransferEvent {
    // The signature first: an unsigned body is not even parsed.
    verifySignature(this.secret, rawBody, signature, this.now());
    const e = parseTransferEvent(rawBody);
    return {
      id: e.id,
      type: e.type,
      created: e.created,
      providerRef: e.data.transferRef,
      amountFen: e.data.amountFen,
      currency: e.data.currency,
      ...(e.data.failureReason !== undefined ? { failureReason: e.data.failureReason } : {}),
    };
  }
}
