// Calls of governance (api.ts's errors): reports, the operators' queue and decisions.
import { request, withQuery } from '../api';

export type TargetType = 'product' | 'video' | 'live_room' | 'store';
export type ReportReason = 'not_as_shown' | 'false_claim' | 'counterfeit' | 'other';
export type PenaltyKind = 'warning' | 'points' | 'reduced_reach' | 'takedown' | 'alliance_suspension';

export interface Report {
  id: string;
  userId: string;
  targetType: TargetType;
  targetId: string;
  storeId: string | null;
  reason: ReportReason;
  text: string;
  orderId: string | null;
  status: 'open' | 'upheld' | 'dismissed';
  note: string | null;
  penaltyId: string | null;
  decidedAt: string | null;
  createdAt: string;
  openOnTarget: number;
}
export interface ReportPage {
  items: Report[];
  total: number;
  limit: number;
  offset: number;
}
export interface DecideInput {
  uphold: boolean;
  note: string;
  penalty?: { kind: PenaltyKind; points?: number; days?: number; factor?: number };
}

export type PenaltyStatus = 'active' | 'appealed' | 'revoked' | 'expired';
export interface Penalty {
  id: string;
  storeId: string;
  reportId: string | null;
  kind: PenaltyKind;
  points: number;
  factor: number;
  productId: string | null;
  note: string;
  status: PenaltyStatus;
  startsAt: string;
  endsAt: string | null;
  appealText: string | null;
  appealOutcome: 'accepted' | 'rejected' | null;
  appealNote: string | null;
  createdAt: string;
}
export type AllianceGateReason = 'score_below_threshold' | 'alliance_suspended';
export interface StoreStanding {
  storeId: string;
  points: number;
  reach: { factor: number; until: string | null };
  alliance: { allowed: boolean; score: number | null; minScore: number; reasons: AllianceGateReason[]; suspendedUntil: string | null };
  penalties: Penalty[];
}

const enc = encodeURIComponent;

export const governanceApi = {
  report: (body: { targetType: TargetType; targetId: string; reason: ReportReason; text?: string }) => request<Report>('POST', '/api/v1/reports', body),
  queue: (status: Report['status'] = 'open') => request<ReportPage>('GET', withQuery('/api/v1/ops/governance/reports', { status, limit: '100' })),
  standing: (storeId: string) => request<StoreStanding>('GET', `/api/v1/merchant/stores/${enc(storeId)}/penalties`),
  appeal: (storeId: string, penaltyId: string, text: string) => request<Penalty>('POST', `/api/v1/merchant/stores/${enc(storeId)}/penalties/${enc(penaltyId)}/appeal`, { text }),
  opsStanding: (storeId: string) => request<StoreStanding>('GET', `/api/v1/ops/governance/stores/${enc(storeId)}`),
  decideAppeal: (penaltyId: string, accept: boolean, note: string) => request<Penalty>('POST', `/api/v1/ops/governance/penalties/${enc(penaltyId)}/appeal`, { accept, note }),
  decide: (reportId: string, body: DecideInput) => request<Report>('POST', `/api/v1/ops/governance/reports/${enc(reportId)}/decide`, body),
};
