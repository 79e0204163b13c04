// The sandbox carrier: a tracking aggregator's own side, as if another company ran it inside our
// process. It keeps its own books (sandbox_carrier_* tables); a subscribed parcel travels its
// journey through durable jobs, one scan after another at configurable delays; and every scan is
// pushed to the merchant (us) as a signed webhook POSTed over real HTTP by another durable job:
// retried with backoff on failure, sometimes sent twice, and each copy after a small random
// delay, so deliveries can arrive out of order.
import type { Db, Tx } from '../../../platform/db/index.ts';
import { newId } from '../../../platform/ids.ts';
import type { JobHandler, JobQueue } from '../../../platform/jobs/queue.ts';
import type { Log } from '../../../platform/log.ts';
import { journey, type Scan } from './journey.ts';
import { SIGNATURE_HEADER, signPayload, type CarrierEvent } from './wire.ts';

export const SCAN_JOB = 'sandbox_carrier.scan';
export const DELIVER_JOB = 'sandbox_carrier.deliver_event';
export const WEBHOOK_PATH = '/api/v1/logistics/webhooks/sandbox';

export interface SandboxCarrierOptions {
  secret: string;
  /** Seconds from subscription to the pick-up scan, between transit scans, and before delivery. */
  pickupSeconds: number;
  transitSeconds: number;
  deliverSeconds: number;
  /** Chance (0…1) that an event is delivered twice. */
  duplicateRate: number;
  /** Each delivery waits a random 0…maxDelayMs first. */
  maxDelayMs: number;
  /** Base URL of the merchant's server, read at delivery time (known only after listen()). */
  webhookBase: () => string;
  random?: () => number;
  log?: Log;
}

interface ParcelRow {
  ref: string;
  merchant_ref: string;
  carrier: string;
  tracking_no: string;
  next_step: number;
}

export class SandboxCarrier {
  private readonly random: () => number;

  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
    private readonly opts: SandboxCarrierOptions,
  ) {
    this.random = opts.random ?? Math.random;
  }

  /** Registers the parcel scanner and the webhook delivery worker. */
  registerJobs(): void {
    const scan: JobHandler<{ parcelRef: string; step: number }> = (p) => this.scan(p.parcelRef, p.step);
    const deliver: JobHandler<{ eventId: string }> = (p, ctx) => this.deliver(p.eventId, ctx.signal);
    this.jobs.register(SCAN_JOB, scan);
    this.jobs.register(DELIVER_JOB, deliver, { timeoutMs: 15_000 });
  }

  /** Follows a parcel; the same carrier and number is one parcel, subscribed once. */
  async subscribe(tx: Tx, input: { merchantRef: string; carrier: string; trackingNo: string }): Promise<string> {
    const ref = newId('pcl');
    const fresh = await tx.query<{ ref: string }>(
      `INSERT INTO sandbox_carrier_parcels (ref, merchant_ref, carrier, tracking_no) VALUES ($1, $2, $3, $4)
       ON CONFLICT (carrier, tracking_no) DO NOTHING RETURNING ref`,
      [ref, input.merchantRef, input.carrier, input.trackingNo],
    );
    if (fresh.length === 0) {
      const [existing] = await tx.query<{ ref: string }>('SELECT ref FROM sandbox_carrier_parcels WHERE carrier = $1 AND tracking_no = $2', [input.carrier, input.trackingNo]);
      return existing!.ref;
    }
    await this.schedule(tx, ref, 0, journey(input.carrier, input.trackingNo)[0]!);
    return ref;
  }

  private delaySeconds(scan: Scan): number {
    return scan.after === 'pickup' ? this.opts.pickupSeconds : scan.after === 'transit' ? this.opts.transitSeconds : this.opts.deliverSeconds;
  }

  private async schedule(tx: Tx, parcelRef: string, step: number, scan: Scan): Promise<void> {
    const runAt = new Date(Date.now() + this.delaySeconds(scan) * 1000);
    await this.jobs.enqueue(tx, SCAN_JOB, { parcelRef, step }, { runAt, dedupeKey: `${SCAN_JOB}:${parcelRef}:${step}` });
  }

  /** The parcel reaches its next scan: record it, push it, and schedule the one after. */
  private async scan(parcelRef: string, step: number): Promise<{ scanned: string | null }> {
    return this.db.tx(async (tx) => {
      const [p] = await tx.query<ParcelRow>('SELECT * FROM sandbox_carrier_parcels WHERE ref = $1 FOR UPDATE', [parcelRef]);
      if (!p || p.next_step !== step) return { scanned: null }; // a retried job whose scan already happened
      const plan = journey(p.carrier, p.tracking_no);
      const scan = plan[step];
      if (!scan) return { scanned: null };
      const id = newId('cevt');
      const body: CarrierEvent = {
        id,
        type: 'parcel.scanned',
        created: Math.floor(Date.now() / 1000),
        data: { parcelRef: p.ref, merchantRef: p.merchant_ref, carrier: p.carrier, trackingNo: p.tracking_no, seq: step + 1, status: scan.status, description: scan.description, location: scan.location, at: Date.now() },
      };
      await tx.query('INSERT INTO sandbox_carrier_events (id, parcel_ref, seq, status, body) VALUES ($1, $2, $3, $4, $5)', [id, p.ref, step + 1, scan.status, JSON.stringify(body)]);
      await tx.query('UPDATE sandbox_carrier_parcels SET next_step = $2, updated_at = now() WHERE ref = $1', [p.ref, step + 1]);
      const copies = this.random() < this.opts.duplicateRate ? 2 : 1;
      for (let copy = 1; copy <= copies; copy++) {
        const delay = Math.floor(this.random() * this.opts.maxDelayMs);
        await this.jobs.enqueue(tx, DELIVER_JOB, { eventId: id }, { runAt: new Date(Date.now() + delay), dedupeKey: `${DELIVER_JOB}:${id}:${copy}`, maxAttempts: 8 });
      }
      const next = plan[step + 1];
      if (next) await this.schedule(tx, p.ref, step + 1, next);
      return { scanned: scan.status };
    });
  }

  /** POSTs one event to the merchant's webhook endpoint; throws (the job retries) unless 2xx. */
  private async deliver(eventId: string, signal: AbortSignal): Promise<{ status: number }> {
    const [event] = await this.db.query<{ body: CarrierEvent }>('SELECT body FROM sandbox_carrier_events WHERE id = $1', [eventId]);
    if (!event) throw new Error(`no sandbox carrier event ${eventId}`);
    const raw = JSON.stringify(event.body);
    let status = 0;
    try {
      const res = await fetch(this.opts.webhookBase() + WEBHOOK_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'flywheel-sandbox-carrier/1', [SIGNATURE_HEADER]: signPayload(this.opts.secret, raw) },
        body: raw,
        signal,
      });
      status = res.status;
      await res.text();
      if (!res.ok) throw new Error(`webhook endpoint answered ${res.status}`);
      await this.db.query('UPDATE sandbox_carrier_events SET deliveries = deliveries + 1, last_status = $2, last_error = NULL, delivered_at = coalesce(delivered_at, now()) WHERE id = $1', [eventId, status]);
      return { status };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.db.query('UPDATE sandbox_carrier_events SET deliveries = deliveries + 1, last_status = $2, last_error = $3 WHERE id = $1', [eventId, status || null, message.slice(0, 500)]);
      this.opts.log?.warn({ eventId, status, err: message }, 'sandbox carrier webhook delivery failed');
      throw err;
    }
  }
}
