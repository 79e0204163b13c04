// Our side of the sandbox integration: the CarrierProvider adapter. It subscribes parcels at the
// sandbox carrier through its calls (a real adapter would call the aggregator's API) and
// verifies its webhooks.
import type { Tx } from '../../../platform/db/index.ts';
import type { CarrierProvider, SubscribeInput, TrackingEvent } from '../provider.ts';
import type { SandboxCarrier } from './carrier.ts';
import { SIGNATURE_HEADER, parseEvent, verifySignature } from './wire.ts';

export class SandboxCarrierProvider implements CarrierProvider {
  readonly name = 'sandbox';

  constructor(
    private readonly carrier: SandboxCarrier,
    private readonly secret: string,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  async subscribe(tx: Tx, input: SubscribeInput): Promise<{ providerRef: string }> {
    return { providerRef: await this.carrier.subscribe(tx, { merchantRef: input.shipmentId, carrier: input.carrier, trackingNo: input.trackingNo }) };
  }

  verifyWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>): TrackingEvent {
    verifySignature(this.secret, rawBody, headers[SIGNATURE_HEADER], this.now());
    const { id, data } = parseEvent(rawBody);
    return { id, carrier: data.carrier, trackingNo: data.trackingNo, status: data.status, description: data.description, location: data.location, at: new Date(data.at) };
  }
}
