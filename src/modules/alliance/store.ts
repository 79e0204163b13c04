// Reading plans back: rows and their rate steps, as the pure rules (rates.ts) and the API see
// them. Shared by the plan, showcase and market services; only alliance code reads these tables.
import type { Queryable, Tx } from '../../platform/db/index.ts';
import type { Address } from '../identity/addresses.ts';
import type { ProductCard, ProductSearchFacts } from '../catalog/cards.ts';
import { pendingAt, rateAt, type PlanFacts, type PlanKind, type RateStep } from './rates.ts';
import type { Carrier } from './attribution.ts';
import type { Plan } from './schemas.ts';

/** What the alliance asks of other modules, wired in main.ts (it never reads their tables). */
export interface AllianceDeps {
  /** Catalog: product cards, in the order asked; missing products are left out. */
  cards(ids: string[]): Promise<ProductCard[]>;
  /** Catalog: 404 (storeId) when the store does not exist, 403 when the user is not its staff. */
  assertStaff(storeId: string, userId: string): Promise<void>;
  /** Catalog: title, category, lowest price and units sold of these goods, those on sale only. */
  facts(ids: string[], q?: Queryable): Promise<ProductSearchFacts[]>;
  /** Catalog: a category and its children (the market's category filter). */
  categoryWithChildren(id: string): Promise<string[]>;
  /** Catalog: the products of these SKUs (stock changes name SKUs). */
  productsOfSkus(skuIds: string[], q?: Queryable): Promise<string[]>;
  /** Identity: whether the user is an active creator (targeted plans must name one). */
  isCreator(userId: string): Promise<boolean>;
  /** Governance: may the store offer new plans (its experience score is high enough, no suspension in effect)? */
  gate(storeId: string): Promise<{ allowed: boolean; reasons: string[] }>;
  /** Identity: display names of these users (those that exist). */
  names(ids: string[]): Promise<Map<string, string>>;
  /** Content and live: who made a video or hosts a room and the goods it carries; null when unknown. In the caller's transaction. */
  carrier(type: 'feed_video' | 'live_room', id: string, q: Queryable): Promise<Carrier | null>;
  /** Identity: the user's default shipping address (where samples go); null when they have none. In the caller's transaction. */
  shipTo(userId: string, q: Queryable): Promise<Address | null>;
  /** Logistics: follow a parcel for (refType, refId) in the caller's transaction (400 on a bad carrier or number). */
  track(tx: Tx, parcel: { carrier: string; trackingNo: string; refType: string; refId: string }): Promise<unknown>;
  /** The clock: injected so tests move time instead of sleeping. */
  now(): Date;
}

export interface AlliancePolicy {
  minRateBps: number;
  maxRateBps: number;
  lockDays: number;
  noticeDays: number;
}

export interface PlanRow {
  id: string;
  product_id: string;
  store_id: string;
  kind: PlanKind;
  creator_id: string | null;
  approval_required: boolean;
  free_samples: boolean;
  flat_fee_fen: string | number;
  status: 'active' | 'ended';
  created_at: Date;
  ended_at: Date | null;
}

interface StepRow {
  plan_id: string;
  seq: number;
  rate_bps: number;
  set_at: Date;
  effective_at: Date;
  superseded_at: Date | null;
}

export interface LoadedPlan {
  row: PlanRow;
  facts: PlanFacts;
}

const d = (v: Date | string) => new Date(v);

/** The rate steps of these plans, with each plan's facts for the pure rules. */
export async function withSteps(q: Queryable, rows: PlanRow[]): Promise<LoadedPlan[]> {
  if (rows.length === 0) return [];
  const steps = await q.query<StepRow>('SELECT * FROM alliance_plan_rates WHERE plan_id = ANY($1::text[]) ORDER BY plan_id, seq', [rows.map((r) => r.id)]);
  const byPlan = new Map<string, RateStep[]>();
  for (const s of steps) {
    const list = byPlan.get(s.plan_id) ?? [];
    list.push({ rateBps: s.rate_bps, setAt: d(s.set_at), effectiveAt: d(s.effective_at), supersededAt: s.superseded_at ? d(s.superseded_at) : null });
    byPlan.set(s.plan_id, list);
  }
  return rows.map((row) => ({
    row,
    facts: {
      id: row.id,
      kind: row.kind,
      creatorId: row.creator_id,
      approvalRequired: row.approval_required,
      flatFeeFen: Number(row.flat_fee_fen),
      createdAt: d(row.created_at),
      endedAt: row.ended_at ? d(row.ended_at) : null,
      steps: byPlan.get(row.id) ?? [],
    },
  }));
}

export function toPlan({ row, facts }: LoadedPlan, now: Date): Plan {
  const pending = pendingAt(facts.steps, now);
  return {
    id: row.id,
    productId: row.product_id,
    storeId: row.store_id,
    kind: row.kind,
    creatorId: row.creator_id,
    // An ended plan reports the rate it last had.
    rateBps: rateAt(facts.steps, facts.endedAt && facts.endedAt < now ? new Date(facts.endedAt.getTime() - 1) : now) ?? 0,
    pendingRate: row.status === 'active' && pending ? { rateBps: pending.rateBps, effectiveAt: pending.effectiveAt.toISOString() } : null,
    approvalRequired: row.approval_required,
    freeSamples: row.free_samples,
    flatFeeFen: Number(row.flat_fee_fen),
    status: row.status,
    createdAt: facts.createdAt.toISOString(),
    endedAt: facts.endedAt?.toISOString() ?? null,
  };
}

/** Live plans on these products (every kind), with their steps. */
export async function activePlansOf(q: Queryable, productIds: string[]): Promise<Map<string, LoadedPlan[]>> {
  const out = new Map<string, LoadedPlan[]>();
  if (productIds.length === 0) return out;
  const rows = await q.query<PlanRow>(`SELECT * FROM alliance_plans WHERE product_id = ANY($1::text[]) AND status = 'active' ORDER BY created_at, id`, [productIds]);
  for (const p of await withSteps(q, rows)) out.set(p.row.product_id, [...(out.get(p.row.product_id) ?? []), p]);
  return out;
}

/** The creator's applications to these plans: plan id → status of the latest. */
export async function applicationsOf(q: Queryable, creatorId: string, planIds: string[]): Promise<Map<string, 'pending' | 'approved' | 'rejected'>> {
  if (planIds.length === 0) return new Map();
  const rows = await q.query<{ plan_id: string; status: 'pending' | 'approved' | 'rejected' }>(
    `SELECT DISTINCT ON (plan_id) plan_id, status FROM alliance_applications WHERE creator_id = $1 AND plan_id = ANY($2::text[]) ORDER BY plan_id, created_at DESC, id DESC`,
    [creatorId, planIds],
  );
  return new Map(rows.map((r) => [r.plan_id, r.status]));
}

export const approvedIn = (apps: Map<string, string>) => new Set([...apps].filter(([, s]) => s === 'approved').map(([id]) => id));
