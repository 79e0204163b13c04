// Campaign badges on goods: one batch lookup per list of products (not one per card), the badge
// itself, and the 活动 strip of active campaigns on the mall home.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { Badge, Campaign } from '../typesCampaigns';
import { campaignsApi } from './campaignsApi';
import './campaigns.css';

/** productId → its campaign badge, for the goods on screen. */
export function useCampaignBadges(productIds: string[]): Map<string, Badge> {
  const key = productIds.join(',');
  const badges = useLoad(() => campaignsApi.badges(key ? key.split(',') : []), [key]);
  return useMemo(() => new Map((badges.data?.items ?? []).map((b) => [b.productId, b])), [badges.data]);
}

export function CampaignBadge({ badge }: { badge: Pick<Badge, 'name' | 'nameEn' | 'kind'> | Pick<Campaign, 'name' | 'nameEn' | 'kind'> }) {
  const { lang } = useI18n();
  return (
    <span className={`tag tag-campaign tag-campaign-${badge.kind}`} data-testid="campaign-badge">
      {lang === 'en' && badge.nameEn ? badge.nameEn : badge.name}
    </span>
  );
}

export const campaignName = (c: Pick<Campaign, 'name' | 'nameEn'>, lang: string) => (lang === 'en' && c.nameEn ? c.nameEn : c.name);

/** The mall home's strip of campaigns active now; nothing when there are none. */
export function CampaignStrip() {
  const { t, lang } = useI18n();
  const active = useLoad(() => campaignsApi.active(), []);
  const items = active.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="section campaign-strip" data-testid="campaign-strip">
      <h2 className="section-title">{t('cmp.strip.title')}</h2>
      <div className="campaign-strip-track">
        {items.map((c) => (
          <Link key={c.id} to={`/campaigns/${c.id}`} className={`campaign-chip campaign-chip-${c.kind}`} data-testid="campaign-chip">
            <strong>{campaignName(c, lang)}</strong>
            <span className="small">{t(`cmp.kind.${c.kind}`)} · {t('cmp.goodsCount', { n: c.enrolled })}</span>
          </Link>
        ))}
      </div>
    </section>
  );
}
