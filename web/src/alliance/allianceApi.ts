// Calls of 精选联盟 (api.ts's errors): the store's plans, applications and sales by creator; the
// creator's market, showcase, commissions, earnings and withdrawals.
import { request, withQuery } from '../api';
import type {
  Application, ApplicationPage, ApplicationStatus, CommissionPage, CommissionStatus, CreatorSalesPage, Earnings, MarketPage, MarketQuery, Plan, PlanInput, PlanPage, PlanPatch, PlanStatus, ShowcaseItem,
  ShowcasePage, Withdrawal, WithdrawalPage,
} from '../typesAlliance';

const enc = encodeURIComponent;
const store = (storeId: string) => `/api/v1/merchant/stores/${enc(storeId)}/alliance`;
type Paging = { limit?: number; offset?: number };

export const allianceApi = {
  // the store's side
  plans: (storeId: string, q: { productId?: string; status?: PlanStatus } & Paging = {}) => request<PlanPage>('GET', withQuery(`${store(storeId)}/plans`, q)),
  createPlan: (storeId: string, body: PlanInput) => request<Plan>('POST', `${store(storeId)}/plans`, body),
  updatePlan: (storeId: string, planId: string, body: PlanPatch) => request<Plan>('PATCH', `${store(storeId)}/plans/${enc(planId)}`, body),
  endPlan: (storeId: string, planId: string) => request<Plan>('POST', `${store(storeId)}/plans/${enc(planId)}/end`),
  applications: (storeId: string, q: { status?: ApplicationStatus } & Paging = {}) => request<ApplicationPage>('GET', withQuery(`${store(storeId)}/applications`, q)),
  decide: (storeId: string, applicationId: string, body: { approve: boolean; reason?: string }) =>
    request<Application>('POST', `${store(storeId)}/applications/${enc(applicationId)}/decision`, body),
  creatorSales: (storeId: string, q: Paging = {}) => request<CreatorSalesPage>('GET', withQuery(`${store(storeId)}/creators`, q)),

  // the creator's side
  market: (q: MarketQuery = {}) => request<MarketPage>('GET', withQuery('/api/v1/alliance/market', q)),
  apply: (planId: string, note?: string) => request<Application>('POST', `/api/v1/alliance/plans/${enc(planId)}/applications`, note ? { note } : {}),
  showcase: (q: Paging = {}) => request<ShowcasePage>('GET', withQuery('/api/v1/me/showcase', q)),
  addToShowcase: (productId: string) => request<ShowcaseItem>('PUT', `/api/v1/me/showcase/${enc(productId)}`),
  removeFromShowcase: (productId: string) => request<null>('DELETE', `/api/v1/me/showcase/${enc(productId)}`),
  earnings: () => request<Earnings>('GET', '/api/v1/me/alliance/earnings'),
  commissions: (q: { status?: CommissionStatus } & Paging = {}) => request<CommissionPage>('GET', withQuery('/api/v1/me/alliance/commissions', q)),
  withdraw: (idempotencyKey: string, amountFen: number) => request<Withdrawal>('POST', '/api/v1/me/alliance/withdrawals', { amountFen }, { 'idempotency-key': idempotencyKey }),
  withdrawals: (q: Paging = {}) => request<WithdrawalPage>('GET', withQuery('/api/v1/me/alliance/withdrawals', q)),
};

/** 15% · 12.5% · 0.01% (basis points as a percentage, trailing zeros trimmed). */
export function formatRate(bps: number): string {
  return `${(bps / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

/** A percentage typed by a person ("15", "12.5", "15%") in basis points; null when not a number of at most 2 decimals. */
export function percentToBps(input: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(input.trim().replace(/%$/, '').trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
}

/** What a creator earns on one sale at this price and rate, in fen (rounded down). */
export function commissionOn(priceFen: number, rateBps: number): number {
  return Math.floor((priceFen * rateBps) / 10_000);
}
