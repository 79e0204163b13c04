// Our side of the sandbox integration: the PaymentProvider adapter. It talks to the sandbox PSP
// through its calls (a real adapter would call the PSP's API) and verifies its webhooks.
import type { Tx } from '../../../platform/db/index.ts';
import type { CreatePaymentInput, PaymentProvider, ProviderEvent, RefundInput } from '../provider.ts';
import type { SandboxPsp } from './psp.ts';
import { SIGNATURE_HEADER, parseEvent, verifySignature } from './wire.ts';

export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox';

  constructor(
    private readonly psp: SandboxPsp,
    private readonly secret: string,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  async createPayment(tx: Tx, input: CreatePaymentInput): Promise<{ providerRef: string; payUrl: string }> {
    const providerRef = await this.psp.createPayment(tx, { merchantRef: input.intentId, payerId: input.payerId, amountFen: input.amountFen, currency: input.currency, description: input.description });
    // The hosted pay page lives in the web app and reads the sandbox's pay-page API.
    return { providerRef, payUrl: `/pay/${providerRef}` };
  }

  async createPayments(tx: Tx, inputs: CreatePaymentInput[]): Promise<Array<{ providerRef: string; payUrl: string }>> {
    const refs = await this.psp.createPayments(
      tx,
      inputs.map((i) => ({ merchantRef: i.intentId, payerId: i.payerId, amountFen: i.amountFen, currency: i.currency, description: i.description })),
    );
    return refs.map((providerRef) => ({ providerRef, payUrl: `/pay/${providerRef}` }));
  }

  async refund(tx: Tx, input: RefundInput): Promise<{ providerRefundRef: string }> {
    return { providerRefundRef: await this.psp.refund(tx, { paymentRef: input.providerRef, amountFen: input.amountFen, merchantRefundId: input.refundId }) };
  }

  verifyWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>): ProviderEvent {
    verifySignature(this.secret, rawBody, headers[SIGNATURE_HEADER], this.now());
    const e = parseEvent(rawBody);
    return {
      id: e.id,
      type: e.type,
      created: e.created,
      sequence: e.sequence,
      providerRef: e.data.paymentRef,
      amountFen: e.data.amountFen,
      ...(e.data.refundId !== undefined ? { refundId: e.data.refundId } : {}),
    };
  }
}
