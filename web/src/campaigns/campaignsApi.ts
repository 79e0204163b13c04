// Calls of the campaigns module (api.ts's errors).
import { request, withQuery } from '../api';
import type { ProductCard } from '../types';
import type { Badge, Campaign, CampaignInput, CampaignResults, CampaignStatus, Enrolment, OpenCampaign } from '../typesCampaigns';

export const campaignsApi = {
  active: () => request<{ items: Campaign[] }>('GET', '/api/v1/campaigns'),
  page: (id: string) => request<{ campaign: Campaign; goods: ProductCard[] }>('GET', `/api/v1/campaigns/${id}`),
  badges: (productIds: string[]) =>
    productIds.length === 0 ? Promise.resolve({ items: [] as Badge[] }) : request<{ items: Badge[] }>('GET', withQuery('/api/v1/campaigns/badges', { productIds: productIds.slice(0, 100).join(',') })),
  list: (status?: CampaignStatus) => request<{ items: Campaign[]; total: number }>('GET', withQuery('/api/v1/ops/campaigns', { status, limit: 100 })),
  create: (input: CampaignInput) => request<Campaign>('POST', '/api/v1/ops/campaigns', input),
  end: (id: string) => request<Campaign>('POST', `/api/v1/ops/campaigns/${id}/end`),
  results: (id: string) => request<CampaignResults>('GET', `/api/v1/ops/campaigns/${id}/results`),
  open: (storeId: string) => request<{ items: OpenCampaign[] }>('GET', `/api/v1/merchant/stores/${storeId}/campaigns`),
  enrolments: (storeId: string) => request<{ items: Enrolment[] }>('GET', `/api/v1/merchant/stores/${storeId}/campaign-enrolments`),
  enrol: (storeId: string, campaignId: string, productId: string) => request<Enrolment>('POST', `/api/v1/merchant/stores/${storeId}/campaigns/${campaignId}/enrolments`, { productId }),
  withdraw: (storeId: string, campaignId: string, productId: string) => request<Enrolment>('POST', `/api/v1/merchant/stores/${storeId}/campaigns/${campaignId}/enrolments/${productId}/withdraw`),
};
