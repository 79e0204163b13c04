// The product page's 评价 section: the summary (average goods stars, count, share of good
// reviews), filter chips (全部/有图/差评/追评) and the newest few reviews, with a link to all.
import { useState } from 'react';
import { Link } from 'react-router';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { ProductReviewFilter, ReviewSummary } from '../typesReviews';
import { ReviewItem } from './ReviewItem';
import { reviewsApi } from './reviewsApi';
import { Stars } from './Stars';
import './reviews.css';

const FIRST = 3;
export const FILTERS: ProductReviewFilter[] = ['all', 'photos', 'negative', 'followup'];

/** How many reviews each chip would show, from the summary. */
export const chipCount = (s: ReviewSummary, f: ProductReviewFilter) => (f === 'all' ? s.count : f === 'photos' ? s.withPhotos : f === 'negative' ? s.negative : s.followUps);

export function SummaryHead({ summary }: { summary: ReviewSummary }) {
  const { t } = useI18n();
  const good = summary.count ? Math.round(((summary.distribution[3]! + summary.distribution[4]!) * 100) / summary.count) : 0;
  return (
    <div className="rv-summary" data-testid="review-summary">
      <span className="rv-average" data-testid="review-average">{summary.count ? summary.average.toFixed(1) : '–'}</span>
      <Stars value={summary.average} size="lg" />
      <span className="muted small">
        {t('reviews.count', { n: summary.count })}
        {summary.count > 0 && ` · ${t('reviews.goodRate', { n: good })}`}
      </span>
    </div>
  );
}

export function FilterChips({ summary, value, onChange }: { summary: ReviewSummary; value: ProductReviewFilter; onChange: (f: ProductReviewFilter) => void }) {
  const { t } = useI18n();
  return (
    <div className="chips chips-wrap rv-chips" role="group">
      {FILTERS.map((f) => (
        <button key={f} type="button" className={`chip ${value === f ? 'chip-on' : ''}`} onClick={() => onChange(f)} data-testid={`review-chip-${f}`}>
          {t(`reviews.filter.${f}`)} {chipCount(summary, f)}
        </button>
      ))}
    </div>
  );
}

export function ReviewSection({ productId }: { productId: string }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<ProductReviewFilter>('all');
  const page = useLoad(() => reviewsApi.forProduct(productId, { filter, limit: FIRST }), [productId, filter]);
  if (!page.data) return null;
  const { summary, items, total } = page.data;
  return (
    <section className="card pad rv-section" data-testid="review-section">
      <div className="rv-section-head">
        <h2 className="card-title">{t('reviews.title', { n: summary.count })}</h2>
        {summary.count > 0 && (
          <Link to={`/products/${productId}/reviews${filter === 'all' ? '' : `?filter=${filter}`}`} className="rv-more" data-testid="review-all-link">
            {t('reviews.seeAll')} ›
          </Link>
        )}
      </div>
      {summary.count === 0 ? (
        <p className="muted">{t('reviews.none')}</p>
      ) : (
        <>
          <SummaryHead summary={summary} />
          <FilterChips summary={summary} value={filter} onChange={setFilter} />
          {items.length === 0 ? <p className="muted">{t('reviews.noneHere')}</p> : items.map((r) => <ReviewItem key={r.id} review={r} />)}
          {total > items.length && (
            <Link to={`/products/${productId}/reviews${filter === 'all' ? '' : `?filter=${filter}`}`} className="btn btn-outline btn-block rv-all-btn">
              {t('reviews.seeAllN', { n: total })}
            </Link>
          )}
        </>
      )}
    </section>
  );
}
