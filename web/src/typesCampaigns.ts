// Campaigns' API shapes (the server's src/modules/campaigns/schemas.ts).
import type { ProductCard } from './types';

export type CampaignKind = 'event' | 'programme';
export type CampaignStatus = 'scheduled' | 'active' | 'ended' | 'cancelled';

export interface Campaign {
  id: string;
  kind: CampaignKind;
  name: string;
  nameEn: string | null;
  description: string;
  startsAt: string;
  endsAt: string;
  categoryIds: string[];
  minStoreScore: number | null;
  maxPriceFen: number | null;
  boost: number;
  status: CampaignStatus;
  enrolled: number;
  createdAt: string;
}

export interface CampaignInput {
  kind: CampaignKind;
  name: string;
  nameEn?: string;
  description?: string;
  startsAt: string;
  endsAt: string;
  categoryIds?: string[];
  minStoreScore?: number;
  maxPriceFen?: number;
  boost: number;
}

export interface Enrolment {
  campaignId: string;
  campaignName: string;
  campaignNameEn: string | null;
  campaignStatus: CampaignStatus;
  productId: string;
  storeId: string;
  status: 'enrolled' | 'suspended' | 'withdrawn';
  reason: 'price_raised' | null;
  priceFen: number;
  product: ProductCard | null;
  createdAt: string;
  updatedAt: string;
}

export interface OpenCampaign {
  campaign: Campaign;
  eligibility: { eligible: boolean; reasons: Array<'no_score' | 'score_below_minimum'>; storeScore: number | null };
}

export interface Badge {
  productId: string;
  campaignId: string;
  name: string;
  nameEn: string | null;
  kind: CampaignKind;
}

interface Figures {
  paidFen: number;
  orders: number;
  buyers: number;
  units: number;
  refundedFen: number;
  refunds: number;
}
export interface CampaignResults {
  campaign: Campaign;
  totals: Figures;
  stores: Array<Figures & { storeId: string; storeName: string; enrolled: number }>;
}
