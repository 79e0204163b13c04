// 你与本店: what the signed-in shopper already did at this store — followed, bought N times, last
// bought on a date — with the goods they bought last as thumbnails. Nothing at all when there is
// nothing to say (signed out, or neither followed nor bought).
import { Link } from 'react-router';
import { useI18n, type Lang } from '../i18n';
import type { StoreHistory } from '../typesStore';

/** 5月3日 / May 3; with the year when it is not this year's. */
export function shortDate(iso: string, lang: Lang, now = new Date()): string {
  const d = new Date(iso);
  const year = d.getFullYear() !== now.getFullYear() ? { year: 'numeric' as const } : {};
  return d.toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-US', { ...year, month: lang === 'zh' ? 'long' : 'short', day: 'numeric' });
}

export function YouAndStore({ following, history }: { following: boolean; history: StoreHistory | null | undefined }) {
  const { t, lang } = useI18n();
  const bought = history?.ordersCount ?? 0;
  const facts: { key: string; text: string }[] = [];
  if (following) facts.push({ key: 'followed', text: t('storePage.followed') });
  if (bought > 0) facts.push({ key: 'bought', text: t('storePage.boughtTimes', { n: bought }) });
  if (bought > 0 && history?.lastOrderAt) facts.push({ key: 'last', text: t('storePage.lastBought', { date: shortDate(history.lastOrderAt, lang) }) });
  if (facts.length === 0) return null;
  const thumbs = bought > 0 ? (history?.lastProducts ?? []) : [];
  return (
    <div className="store-you" data-testid="store-you">
      <div className="store-you-text">
        <span className="store-you-label">{t('storePage.you')}</span>
        <span className="store-you-facts">
          {facts.map((f, i) => (
            <span key={f.key} data-testid={`store-you-${f.key}`}>
              {i > 0 && <span className="store-you-dot"> · </span>}
              {f.text}
            </span>
          ))}
        </span>
      </div>
      {thumbs.length > 0 && (
        <div className="store-you-goods" aria-label={t('storePage.buyAgain')}>
          {thumbs.map((p) => (
            <Link key={p.id} to={`/products/${p.id}`} className="store-you-thumb" title={p.title} data-testid="store-you-product" data-product-id={p.id}>
              {p.imageUrl ? <img src={p.imageUrl} alt={p.title} loading="lazy" /> : <span>{Array.from(p.title)[0] ?? ''}</span>}
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
