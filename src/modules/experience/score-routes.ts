// Routes of the store experience score (商家体验分) and creator reputation (带货口碑分): store staff
// read their score with each metric and what would improve it, and refresh it (once a minute);
// operators list every store's and recompute; anyone reads a store's rounded badge; creators read
// their reputation, operators anyone's.
import { requirePrincipal } from '../../platform/http/access.ts';
import { notFound } from '../../platform/errors.ts';
import { Id, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import type { StoreScores } from './score-service.ts';
import { MyScoreSchema, OpsScoresQuery, PublicScoreSchema, RecomputeBody, RecomputeResult, ReputationSchema, ScorePage } from './score-schemas.ts';

const tags = ['experience'];

export interface ScoreRouteDeps {
  assertStaff(storeId: string, userId: string): Promise<void>;
  storeExists(storeId: string): Promise<boolean>;
  creatorExists(userId: string): Promise<boolean>;
}

export function scoreRoutes(app: App, scores: StoreScores, deps: ScoreRouteDeps): void {
  const mine = async (storeId: string) => {
    const p = scores.policy;
    return {
      current: await scores.current(storeId),
      history: await scores.history(storeId, 90),
      policy: { windowDays: p.windowDays, halfLifeDays: p.halfLifeDays, minOrders: p.minOrders, dimensionWeights: { ...p.dimensionWeights }, metricWeights: { ...p.metricWeights } },
    };
  };
  app.get(
    '/api/v1/merchant/stores/:storeId/experience/score',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'My store’s experience score: dimensions, each metric with its value, peer rank, points and hint; the last 90 days', params: Strict({ storeId: Id() }), response: { 200: MyScoreSchema } } },
    async (req) => {
      await deps.assertStaff(req.params.storeId, requirePrincipal(req).userId);
      return mine(req.params.storeId);
    },
  );
  app.post(
    '/api/v1/merchant/stores/:storeId/experience/score/refresh',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'Recompute my store’s experience score now (at most once a minute)', params: Strict({ storeId: Id() }), response: { 200: MyScoreSchema } } },
    async (req) => {
      await deps.assertStaff(req.params.storeId, requirePrincipal(req).userId);
      await scores.refresh(req.params.storeId);
      return mine(req.params.storeId);
    },
  );
  app.get(
    '/api/v1/ops/experience/scores',
    { config: { access: ['operator'] }, schema: { tags, summary: 'Every store’s latest experience score, best first (unscored last)', querystring: OpsScoresQuery, response: { 200: ScorePage } } },
    async (req) => scores.list(req.query),
  );
  app.post(
    '/api/v1/ops/experience/scores/recompute',
    { config: { access: ['operator'] }, schema: { tags, summary: 'Recompute the experience scores now (all stores, or only the rows of some)', body: RecomputeBody, response: { 200: RecomputeResult } } },
    async (req) => scores.recompute(req.body.storeIds),
  );
  app.get(
    '/api/v1/stores/:storeId/experience',
    { config: { access: 'public' }, schema: { tags, summary: 'A store’s experience score badge: the score and its three dimensions, rounded', params: Strict({ storeId: Id() }), response: { 200: PublicScoreSchema } } },
    async (req) => {
      const { storeId } = req.params;
      if (!(await deps.storeExists(storeId))) throw notFound('Store', 'storeId');
      const c = await scores.current(storeId);
      const r = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x));
      return { storeId, score: r(c?.score), dimensions: { goods: r(c?.dimensions.goods), logistics: r(c?.dimensions.logistics), service: r(c?.dimensions.service) }, day: c?.day ?? null };
    },
  );
  app.get(
    '/api/v1/me/creator/reputation',
    { config: { access: ['creator'] }, schema: { tags, summary: 'My 带货口碑分: returns, complaints and buyers’ NPS of the orders I sold', response: { 200: ReputationSchema } } },
    async (req) => scores.reputation(requirePrincipal(req).userId),
  );
  app.get(
    '/api/v1/ops/experience/creators/:creatorId/reputation',
    { config: { access: ['operator'] }, schema: { tags, summary: 'A creator’s 带货口碑分', params: Strict({ creatorId: Id() }), response: { 200: ReputationSchema } } },
    async (req) => {
      if (!(await deps.creatorExists(req.params.creatorId))) throw notFound('Creator', 'creatorId');
      return scores.reputation(req.params.creatorId);
    },
  );
}
