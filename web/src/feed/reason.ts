// A served item's reason in words ("因为你看过《…》", "水果热门", "新作者的新作品（流量池第1级）").
import type { Lang, Translate } from '../i18n';
import type { FeedReason } from '../types';

export function reasonText(r: FeedReason, t: Translate, lang: Lang): string {
  const category = r.category ? (lang === 'zh' ? r.category.nameZh : r.category.nameEn) : null;
  switch (r.source) {
    case 'similar':
      return r.becauseOf ? t('feed.reason.similar', { title: r.becauseOf.title }) : t('feed.reason.similarNoTitle');
    case 'following':
      return t('feed.reason.following');
    case 'interest':
      return category ? t('feed.reason.interest', { category }) : t('feed.reason.interestNone');
    case 'popular':
      return category ? t('feed.reason.popular', { category }) : t('feed.reason.popularNone');
    case 'fresh':
      return r.pool !== null ? t('feed.reason.fresh', { n: r.pool + 1 }) : t('feed.reason.freshNone');
    case 'campaign':
      return t('feed.reason.campaign');
    case 'live':
      return t('feed.reason.live');
  }
}

/** The factors shown as bars (probabilities, 0..1), in this order, when present. */
export const BAR_FACTORS = ['p_finish', 'p_engage', 'p_tap', 'p_purchase', 'similarity'] as const;

/** The `?video=` a product page was opened with from the feed, when it looks like a video id. */
export function feedVideoParam(search: URLSearchParams): string | null {
  const id = search.get('video');
  return id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}
