// A store's reach in distribution and search: its experience score's factor times governance's
// reach factor (a penalised store loses reach). Kept in memory from `experience.store_score.updated`
// and `governance.reach.changed`, loaded at start through the owners' functions (main.ts), and
// pushed into both engines (`setExperience`, keyed by store id: goods items carry their store as
// author and store, videos and live rooms the store of their goods). Search multiplies its
// product and store documents' quality by the same factor (`onChange` re-indexes the store).
import type { Tx } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';

/**
 * The experience score (0–100) as a reach multiplier: ≥ 90 → 1.15, 80–90 → 1.05, 70–80 → 1,
 * 60–70 → 0.85, < 60 → 0.6; no score (null) → 1.
 */
export function scoreFactor(score: number | null | undefined): number {
  if (score === null || score === undefined || !Number.isFinite(score)) return 1;
  if (score >= 90) return 1.15;
  if (score >= 80) return 1.05;
  if (score >= 70) return 1;
  if (score >= 60) return 0.85;
  return 0.6;
}

/** The store's factor: the score's factor times the penalty factor (clamped to 0..1; lapsed after `until`). */
export function storeFactor(score: number | null | undefined, penalty: { factor: number; until: number | null } | undefined, now: number): number {
  const p = penalty && (penalty.until === null || penalty.until > now) ? Math.max(0, Math.min(1, penalty.factor)) : 1;
  return scoreFactor(score) * p;
}

export interface ReachEngines {
  content: { setExperience(key: string, factor: number): void };
  goods: { setExperience(key: string, factor: number): void };
}

export interface ReachSources {
  /** Governance: stores whose reach is cut now. */
  penalties(): Promise<Array<{ storeId: string; factor: number; until: Date | null }>>;
  /** Stores' latest experience scores. */
  scores(): Promise<Array<{ storeId: string; score: number | null }>>;
}

export class StoreReach {
  private readonly scores = new Map<string, number | null>();
  private readonly penalties = new Map<string, { factor: number; until: number | null }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly engines: ReachEngines,
    private readonly sources: ReachSources,
    /** Called in the event's transaction when a store's factor changes (search re-reads it). */
    private readonly onChange: (tx: Tx, storeId: string) => Promise<void> = async () => {},
    private readonly clock: () => number = Date.now,
    /** Called (in its own transaction) when a penalty lapses by time: search re-reads the store. */
    private readonly lapsed: (storeId: string) => Promise<void> = async () => {},
  ) {}

  /** The store's factor now (1 when nothing is known). */
  factor(storeId: string): number {
    return storeFactor(this.scores.get(storeId), this.penalties.get(storeId), this.clock());
  }

  async load(): Promise<void> {
    const [ps, ss] = await Promise.all([this.sources.penalties(), this.sources.scores()]);
    for (const s of ss) this.scores.set(s.storeId, s.score);
    for (const p of ps) this.penalties.set(p.storeId, { factor: p.factor, until: p.until ? p.until.getTime() : null });
    for (const id of new Set([...this.scores.keys(), ...this.penalties.keys()])) this.apply(id);
    // Penalties lapse by time: checked every minute, so an ended one lifts without an event (and
    // search re-reads the store; a failure there is retried by nothing but the next change).
    this.timer ??= setInterval(() => void this.sweep().catch(() => undefined), 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  subscribe(bus: EventBus): void {
    // The factors live in every api process's engines; the search index is told once.
    bus.subscribeEach<{ storeId: string; score: number | null }>('feed.reach_scores.engine', 'experience.store_score.updated', async (e) => {
      this.scores.set(e.payload.storeId, e.payload.score);
      this.apply(e.payload.storeId);
    });
    bus.subscribe<{ storeId: string }>('feed.reach_scores', 'experience.store_score.updated', (e, tx) => this.onChange(tx, e.payload.storeId));
    bus.subscribeEach<{ subjectType: string; subjectId: string; factor: number; until: string | null }>('feed.reach_penalties.engine', 'governance.reach.changed', async (e) => {
      if (e.payload.subjectType !== 'store') return;
      this.penalties.set(e.payload.subjectId, { factor: e.payload.factor, until: e.payload.until ? Date.parse(e.payload.until) : null });
      this.apply(e.payload.subjectId);
    });
    bus.subscribe<{ subjectType: string; subjectId: string }>('feed.reach_penalties', 'governance.reach.changed', async (e, tx) => {
      if (e.payload.subjectType === 'store') await this.onChange(tx, e.payload.subjectId);
    });
  }

  private apply(storeId: string): void {
    const f = this.factor(storeId);
    this.engines.content.setExperience(storeId, f);
    this.engines.goods.setExperience(storeId, f);
  }

  /** Lifts the penalties whose time is up (every minute; tests call it with a moved clock). */
  async sweep(): Promise<string[]> {
    const now = this.clock();
    const lifted: string[] = [];
    for (const [id, p] of this.penalties) {
      if (p.until !== null && p.until <= now) {
        this.penalties.delete(id);
        this.apply(id);
        lifted.push(id);
      }
    }
    for (const id of lifted) await this.lapsed(id);
    return lifted;
  }
}
