// NPS (experience): the shopper's surveys and the NPS report of operators, stores and creators.
// Checked against the server's schemas by test/e2e/nps.test.ts (at type-check time).
export type SurveyKind = 'order' | 'service';

export interface Survey {
  id: string;
  kind: SurveyKind;
  storeId: string | null;
  storeName: string | null;
  orderId: string | null;
  ticketId: string | null;
  /** The order's first goods title; null for a service ticket without an order. */
  title: string | null;
  itemCount: number;
  imageUrl: string | null;
  issuedAt: string;
  expiresAt: string;
  answer: { score: number; comment: string | null; at: string } | null;
}

export interface SurveyList {
  items: Survey[];
}

export interface SurveyAnswer {
  score: number;
  comment?: string;
}

export interface NpsFigure {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** null when nobody answered. */
  nps: number | null;
}

export type NpsScope = 'platform' | 'store' | 'creator' | 'category';
export type NpsBucket = 'day' | 'week';

export interface NpsReport {
  scope: NpsScope;
  id: string | null;
  name: string | null;
  kind: SurveyKind | null;
  from: string;
  to: string;
  bucket: NpsBucket;
  summary: NpsFigure;
  surveys: { issued: number; answered: number; expired: number; capped: number };
  trend: Array<NpsFigure & { start: string; label: string }>;
  categories: Array<NpsFigure & { id: string; nameZh: string; nameEn: string }>;
  topStores: Array<NpsFigure & { id: string; name: string }>;
  bottomStores: Array<NpsFigure & { id: string; name: string }>;
  comments: Array<{ surveyId: string; kind: SurveyKind; score: number; comment: string; at: string; storeId: string | null; storeName: string | null }>;
}
