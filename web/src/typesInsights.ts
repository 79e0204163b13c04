// Insights (数据罗盘): the store's, the creator's and the platform's dashboards. Mirrors
// src/modules/insights/schemas.ts; test/contract-insights.ts proves they are the same.
// Money is integer fen; rates are fractions (0.75 = 75 %) or null when the base is 0.

export type InsightsField = 'content' | 'centre' | 'other';
/** FACT: F own accounts, A alliance creators, C campaigns, T top creators, N the rest. */
export type InsightsChannel = 'F' | 'A' | 'C' | 'T' | 'N';

export interface InsightsRange {
  from: string;
  to: string;
  days: number;
}

export interface Definition {
  zh: string;
  en: string;
}
export type Definitions = Record<string, Definition>;

interface Sales {
  gmvFen: number;
  orders: number;
  buyers: number;
  aovFen: number | null;
}

export interface StoreTotals extends Sales {
  refundFen: number;
  impressions: number;
  views: number;
  productTaps: number;
  visitors: number;
  conversion: number | null;
}

export interface StoreDay extends Sales {
  day: string;
  refundFen: number;
  impressions: number;
  views: number;
  productTaps: number;
  visitors: number;
}

export interface FieldSplit extends Sales {
  field: InsightsField;
  impressions: number;
  views: number;
  productTaps: number;
}

export interface ChannelSplit extends Sales {
  channel: InsightsChannel;
  share: number | null;
}

export interface StoreDashboard {
  storeId: string;
  range: InsightsRange;
  totals: StoreTotals;
  days: StoreDay[];
  fields: FieldSplit[];
  channels: ChannelSplit[];
  definitions: Definitions;
  /** How far the behaviour log has been read: traffic after this is not in the figures yet. */
  trafficAsOf: string | null;
}

export interface ContentRow {
  type: 'video' | 'live';
  id: string;
  title: string | null;
  creatorId: string | null;
  creatorName: string | null;
  impressions: number;
  views: number;
  productTaps: number;
  orders: number;
  paidOrders: number;
  gmvFen: number;
  gpmFen: number | null;
  watchMs: number;
  avgWatchMs: number | null;
  finishRate: number | null;
  viewRate: number | null;
  tapRate: number | null;
  payRate: number | null;
}

export interface ContentReport {
  range: InsightsRange;
  items: ContentRow[];
  definitions: Definitions;
}

export interface LiveMinute {
  minute: string;
  online: number;
  viewers: number;
  orders: number;
  gmvFen: number;
}

export interface LiveMinutes {
  roomId: string;
  minutes: LiveMinute[];
  totals: { peakOnline: number; viewers: number; orders: number; gmvFen: number };
}

export interface CreatorRow {
  creatorId: string;
  name: string | null;
  channel: InsightsChannel;
  gmvFen: number;
  orders: number;
  buyers: number;
}

export interface CreatorReport {
  range: InsightsRange;
  items: CreatorRow[];
  definitions: Definitions;
}

export interface MyCreatorDashboard {
  range: InsightsRange;
  totals: { gmvFen: number; orders: number; views: number; impressions: number; gpmFen: number | null };
  days: Array<{ day: string; gmvFen: number; orders: number; views: number; impressions: number }>;
  content: ContentRow[];
  definitions: Definitions;
}

export interface PlatformTotals {
  gmvFen: number;
  orders: number;
  buyers: number;
  refundFen: number;
  complaints: number;
  nps: number | null;
  npsResponses: number;
  refundRate: number | null;
  complaintRate: number | null;
  pickupRate24h: number | null;
  newCreatorShare: number | null;
}

export interface PlatformDay {
  day: string;
  gmvFen: number;
  orders: number;
  refundFen: number;
  complaints: number;
  nps: number | null;
  npsResponses: number;
  impressions: number;
  newCreatorImpressions: number;
  pickupDue: number;
  pickedUp24h: number;
}

export interface PlatformDashboard {
  range: InsightsRange;
  totals: PlatformTotals;
  days: PlatformDay[];
  scores: Array<{ band: string; stores: number }>;
  definitions: Definitions;
}

/** The query of every dashboard: China days (YYYY-MM-DD), both ends included. */
export interface RangeQuery {
  from?: string;
  to?: string;
}

export type ExportTable = 'days' | 'content' | 'creators';
