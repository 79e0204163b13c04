// 评价管理 (/merchant/reviews): the store's reviews, newest first (all, 待回复, 差评, 已隐藏),
// each with the goods, stars, text and photos, and a reply box for reviews not yet replied to
// (one reply per review).
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { useMerchant } from '../merchant/context';
import type { MerchantReviewFilter, Review } from '../typesReviews';
import { ReviewItem } from './ReviewItem';
import { reviewsApi } from './reviewsApi';
import './reviews.css';

const LIMIT = 20;
const FILTERS: MerchantReviewFilter[] = ['all', 'unreplied', 'negative', 'hidden'];

export function MerchantReviews() {
  const { t } = useI18n();
  const { current } = useMerchant();
  const [filter, setFilter] = useState<MerchantReviewFilter>('unreplied');
  if (!current) return <Empty text={t('merchant.needStore')} />;
  return (
    <>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('reviews.m.title')}</h1>
          <p className="muted">{t('reviews.m.subtitle', { store: current.name })}</p>
        </div>
      </div>
      <div className="chips chips-wrap rv-chips" role="group">
        {FILTERS.map((f) => (
          <button key={f} type="button" className={`chip ${filter === f ? 'chip-on' : ''}`} onClick={() => setFilter(f)} data-testid={`m-review-filter-${f}`}>
            {t(`reviews.m.filter.${f}`)}
          </button>
        ))}
      </div>
      <ReviewList key={`${current.id}-${filter}`} storeId={current.id} filter={filter} />
    </>
  );
}

function ReviewList({ storeId, filter }: { storeId: string; filter: MerchantReviewFilter }) {
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => reviewsApi.forStore(storeId, { filter, limit: LIMIT, offset }), [storeId, filter, offset]);
  if (list.loading && !list.data) return <Loading />;
  if (list.error || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  const page = list.data;
  if (page.items.length === 0) return <Empty text={t('reviews.m.empty')} />;
  const replace = (r: Review) => list.setData({ ...page, items: page.items.map((x) => (x.id === r.id ? r : x)) });
  return (
    <div className="mc-card" data-testid="merchant-reviews">
      <div className="muted small">{t('reviews.m.total', { n: page.total })}</div>
      {page.items.map((r) => (
        <div key={r.id} className="rv-m-item">
          <ReviewItem review={r} showTitle />
          {!r.reply && !r.hidden && <ReplyBox storeId={storeId} review={r} onDone={replace} />}
        </div>
      ))}
      {page.total > LIMIT && (
        <div className="rv-pager">
          <button type="button" className="btn btn-outline btn-sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - LIMIT))}>
            ‹
          </button>
          <button type="button" className="btn btn-outline btn-sm" disabled={offset + LIMIT >= page.total} onClick={() => setOffset(offset + LIMIT)}>
            ›
          </button>
        </div>
      )}
    </div>
  );
}

function ReplyBox({ storeId, review, onDone }: { storeId: string; review: Review; onDone: (r: Review) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await reviewsApi.reply(storeId, review.id, text.trim()));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <form className="rv-reply-box" onSubmit={(e) => void submit(e)}>
      <input className="rv-input" value={text} maxLength={500} onChange={(e) => setText(e.target.value)} placeholder={t('reviews.m.replyPlaceholder')} data-testid={`reply-input-${review.id}`} />
      <button type="submit" className="btn btn-primary btn-sm" disabled={busy || !text.trim()} data-testid={`reply-submit-${review.id}`}>
        {t('reviews.m.reply')}
      </button>
      {error && <p className="form-error">{error}</p>}
    </form>
  );
}
