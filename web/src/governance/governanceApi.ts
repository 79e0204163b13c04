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

const enc = encodeURIComponent;

export const governanceApi = {
  report: (body: { targetType: TargetType; targetId: string; reason: ReportReason; text?: string }) => request<Report>('POST', '/api/v1/reports', body),
  queue: (status: Report['status'] = 'open') => request<ReportPage>('GET', withQuery('/api/v1/ops/governance/reports', { status, limit: '100' })),
  decide: (reportId: string, body: DecideInput) => request<Report>('POST', `/api/v1/ops/governance/reports/${enc(reportId)}/decide`, body),
};
