// Free samples (寄样). A creator asks for a sample of goods whose plan offers them (an open plan,
// or one naming the creator); the store approves or rejects within `decideDays` — after that the
// request has lapsed — and ships an approved sample as a tracked parcel (logistics follows it and
// tells us when it is delivered). A rejection starts a cool-down for that creator and product.
// The creator's address is shown to the store masked; the full one only on an audited reveal.
import { audit } from '../../platform/audit.ts';
import { maskName, maskPhone } from '../../platform/crypto.ts';
import type { Db, Tx } from '../../platform/db/index.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { Sample, SampleAddress } from './sample-schemas.ts';
import type { AllianceDeps, PlanRow } from './store.ts';

const DAY_MS = 86_400_000;
const REF_TYPE = 'alliance_sample';

export interface SamplePolicy {
  sampleDecideDays: number;
  sampleCooldownDays: number;
}

interface SampleRow {
  id: string;
  plan_id: string;
  product_id: string;
  store_id: string;
  creator_id: string;
  status: 'pending' | 'approved' | 'rejected' | 'shipped' | 'delivered';
  note: string;
  reason: string | null;
  created_at: Date;
  decide_by: Date;
  decided_at: Date | null;
  carrier: string | null;
  tracking_no: string | null;
  shipped_at: Date | null;
  delivered_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export class SampleService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly deps: AllianceDeps,
    private readonly policy: SamplePolicy,
  ) {}

  subscribe(bus: EventBus): void {
    bus.subscribe<{ refType: string; refId: string; at: string }>('alliance.samples', 'logistics.shipment.delivered', async (e, tx) => {
      if (e.payload.refType !== REF_TYPE) return;
      await tx.query(`UPDATE alliance_samples SET status = 'delivered', delivered_at = $2 WHERE id = $1 AND status = 'shipped'`, [e.payload.refId, e.payload.at]);
    });
  }

  private view(r: SampleRow, now: Date, names: Map<string, string>): Sample {
    const lapsed = r.status === 'pending' && new Date(r.decide_by) <= now;
    return {
      id: r.id, planId: r.plan_id, productId: r.product_id, storeId: r.store_id, creatorId: r.creator_id, creatorName: names.get(r.creator_id) ?? null,
      status: lapsed ? 'lapsed' : r.status, note: r.note, reason: r.reason, createdAt: new Date(r.created_at).toISOString(), decideBy: new Date(r.decide_by).toISOString(),
      decidedAt: iso(r.decided_at), carrier: r.carrier, trackingNo: r.tracking_no, shippedAt: iso(r.shipped_at), deliveredAt: iso(r.delivered_at),
    };
  }

  private async views(rows: SampleRow[]): Promise<Sample[]> {
    const names = await this.deps.names([...new Set(rows.map((r) => r.creator_id))]);
    const now = this.deps.now();
    return rows.map((r) => this.view(r, now, names));
  }

  /** A creator asks for a sample: the goods' plan must offer samples; one live request at a time; none during a cool-down. */
  async request(creatorId: string, productId: string, note = ''): Promise<Sample> {
    const now = this.deps.now();
    const row = await this.db.tx(async (tx) => {
      const plans = await tx.query<PlanRow>(
        `SELECT * FROM alliance_plans WHERE product_id = $1 AND status = 'active' AND free_samples AND (kind = 'open' OR creator_id = $2) ORDER BY created_at, id`,
        [productId, creatorId],
      );
      const plan = plans[0];
      if (!plan) {
        if ((await this.deps.facts([productId], tx)).length === 0) throw notFound('Product', 'productId');
        throw new AppError('invalid_state', 'No plan on these goods offers you free samples', 'productId');
      }
      // One creator's requests for one product, serialised so two clicks cannot both pass the checks.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('alliance.sample:' || $1 || ':' || $2, 0))`, [creatorId, productId]);
      const [last] = await tx.query<SampleRow>('SELECT * FROM alliance_samples WHERE creator_id = $1 AND product_id = $2 ORDER BY created_at DESC, id DESC LIMIT 1', [creatorId, productId]);
      if (last) {
        const live = last.status === 'approved' || (last.status === 'pending' && new Date(last.decide_by) > now);
        if (live) throw conflict(`You already have a sample request for these goods (${last.status})`, 'productId');
        const coolUntil = last.decided_at ? new Date(new Date(last.decided_at).getTime() + this.policy.sampleCooldownDays * DAY_MS) : null;
        if (last.status === 'rejected' && coolUntil && coolUntil > now) throw new AppError('invalid_state', `The store declined your last request; ask again after ${coolUntil.toISOString()}`, 'productId');
      }
      const [created] = await tx.query<SampleRow>(
        'INSERT INTO alliance_samples (id, plan_id, product_id, store_id, creator_id, note, created_at, decide_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *',
        [newId('smp'), plan.id, productId, plan.store_id, creatorId, note, now, new Date(now.getTime() + this.policy.sampleDecideDays * DAY_MS)],
      );
      await this.bus.publish(tx, 'alliance.sample.requested', { sampleId: created!.id, productId, storeId: plan.store_id, creatorId });
      return created!;
    });
    return (await this.views([row]))[0]!;
  }

  async mine(creatorId: string, page: { limit: number; offset: number }) {
    const rows = await this.db.query<SampleRow>('SELECT * FROM alliance_samples WHERE creator_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3', [creatorId, page.limit, page.offset]);
    const [{ n } = { n: 0 }] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM alliance_samples WHERE creator_id = $1', [creatorId]);
    return { items: await this.views(rows), total: n, limit: page.limit, offset: page.offset };
  }

  /** The store's requests, newest first; `pending` lists only those still open for a decision. */
  async forStore(actorId: string, storeId: string, f: { status?: Sample['status']; limit: number; offset: number }) {
    await this.deps.assertStaff(storeId, actorId);
    const now = this.deps.now();
    const status = `CASE WHEN status = 'pending' AND decide_by <= $3 THEN 'lapsed' ELSE status END`;
    const where = `store_id = $1 AND ($2::text IS NULL OR ${status} = $2)`;
    const rows = await this.db.query<SampleRow>(`SELECT * FROM alliance_samples WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5`, [storeId, f.status ?? null, now, f.limit, f.offset]);
    const [{ n } = { n: 0 }] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM alliance_samples WHERE ${where}`, [storeId, f.status ?? null, now]);
    return { items: await this.views(rows), total: n, limit: f.limit, offset: f.offset };
  }

  async decide(actorId: string, storeId: string, sampleId: string, d: { approve: boolean; reason?: string }): Promise<Sample> {
    if (!d.approve && d.reason === undefined) throw invalid('reason', 'Say why the request is declined');
    await this.deps.assertStaff(storeId, actorId);
    const now = this.deps.now();
    const row = await this.db.tx(async (tx) => {
      const r = await this.locked(tx, storeId, sampleId);
      if (r.status !== 'pending') throw new AppError('invalid_state', 'This request has already been decided', 'status');
      if (new Date(r.decide_by) <= now) throw new AppError('invalid_state', 'This request lapsed: it was not decided in time', 'status');
      const [updated] = await tx.query<SampleRow>('UPDATE alliance_samples SET status = $2, decided_by = $3, decided_at = $4, reason = $5 WHERE id = $1 RETURNING *', [
        sampleId, d.approve ? 'approved' : 'rejected', actorId, now, d.reason ?? null,
      ]);
      await audit(tx, { actorId, action: `alliance.sample.${d.approve ? 'approve' : 'reject'}`, subjectType: 'alliance_sample', subjectId: sampleId, detail: { at: now.toISOString(), reason: d.reason ?? null } });
      await this.bus.publish(tx, `alliance.sample.${updated!.status}`, { sampleId, productId: r.product_id, storeId, creatorId: r.creator_id });
      return updated!;
    });
    return (await this.views([row]))[0]!;
  }

  /** The store ships an approved sample: logistics follows the parcel from here. */
  async ship(actorId: string, storeId: string, sampleId: string, parcel: { carrier: string; trackingNo: string }): Promise<Sample> {
    await this.deps.assertStaff(storeId, actorId);
    const now = this.deps.now();
    const row = await this.db.tx(async (tx) => {
      const r = await this.locked(tx, storeId, sampleId);
      if (r.status !== 'approved') throw new AppError('invalid_state', `Only an approved request ships (this one is ${r.status})`, 'status');
      await this.deps.track(tx, { carrier: parcel.carrier, trackingNo: parcel.trackingNo, refType: REF_TYPE, refId: sampleId });
      const [updated] = await tx.query<SampleRow>(`UPDATE alliance_samples SET status = 'shipped', carrier = $2, tracking_no = $3, shipped_at = $4 WHERE id = $1 RETURNING *`, [sampleId, parcel.carrier, parcel.trackingNo, now]);
      await this.bus.publish(tx, 'alliance.sample.shipped', { sampleId, productId: r.product_id, storeId, creatorId: r.creator_id });
      return updated!;
    });
    return (await this.views([row]))[0]!;
  }

  /**
   * Where to send an approved sample: masked unless `full` — and a full view, which only the store's
   * staff may ask for and only while the sample is to be shipped, is recorded in the audit trail.
   */
  async address(actorId: string, storeId: string, sampleId: string, full: boolean): Promise<SampleAddress> {
    await this.deps.assertStaff(storeId, actorId);
    return this.db.tx(async (tx) => {
      const r = await this.locked(tx, storeId, sampleId);
      if (r.status !== 'approved' && r.status !== 'shipped') throw new AppError('invalid_state', 'The address is shown only for an approved sample', 'status');
      const a = await this.deps.shipTo(r.creator_id, tx);
      if (!a) throw new AppError('invalid_state', 'The creator has no shipping address yet', 'status');
      if (!full) return { recipient: maskName(a.recipient), phone: maskPhone(a.phone), province: a.province, city: a.city, district: a.district, detail: null, full: false };
      await audit(tx, { actorId, action: 'alliance.sample.address.reveal', subjectType: 'alliance_sample', subjectId: sampleId, detail: { purpose: 'ship_sample' } });
      return { recipient: a.recipient, phone: a.phone, province: a.province, city: a.city, district: a.district, detail: a.detail, full: true };
    });
  }

  private async locked(tx: Tx, storeId: string, sampleId: string): Promise<SampleRow> {
    const [r] = await tx.query<SampleRow>('SELECT * FROM alliance_samples WHERE id = $1 AND store_id = $2 FOR UPDATE', [sampleId, storeId]);
    if (!r) throw notFound('Sample request', 'sampleId');
    return r;
  }
}
