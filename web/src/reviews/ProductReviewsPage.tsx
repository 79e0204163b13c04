// 全部评价 (/products/:productId/reviews): the summary with its distribution, the filter chips
// and every visible review, newest first, twenty at a time.
import { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../api';
import { TopBar } from '../components/ShopLayout';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useI18n } from '../i18n';
import type { ProductReviewFilter, ProductReviewsPage as Page, PublicReview } from '../typesReviews';
import { FilterChips, FILTERS, SummaryHead } from './ReviewSection';
import { ReviewItem } from './ReviewItem';
import { reviewsApi } from './reviewsApi';
import './reviews.css';

const LIMIT = 20;
const isFilter = (v: string | null): v is ProductReviewFilter => FILTERS.some((f) => f === v);

export function ProductReviewsPage() {
  const { t } = useI18n();
  const { productId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const raw = params.get('filter');
  const filter: ProductReviewFilter = isFilter(raw) ? raw : 'all';
  const [page, setPage] = useState<Page | null>(null);
  const [items, setItems] = useState<PublicReview[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setPage(null);
    setError(null);
    reviewsApi.forProduct(productId, { filter, limit: LIMIT }).then(
      (p) => {
        if (!live) return;
        setPage(p);
        setItems(p.items);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [productId, filter]);

  async function more() {
    setBusy(true);
    try {
      const p = await reviewsApi.forProduct(productId, { filter, limit: LIMIT, offset: items.length });
      setItems((xs) => [...xs, ...p.items]);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="shop shop-bare rv-page">
      <TopBar title={t('reviews.allTitle')} />
      {error ? (
        <ErrorBox error={error} />
      ) : !page ? (
        <Loading />
      ) : (
        <section className="card pad">
          <SummaryHead summary={page.summary} />
          <Distribution counts={page.summary.distribution} total={page.summary.count} />
          <FilterChips summary={page.summary} value={filter} onChange={(f) => setParams(f === 'all' ? {} : { filter: f }, { replace: true })} />
          {items.length === 0 ? <Empty text={t('reviews.noneHere')} /> : items.map((r) => <ReviewItem key={r.id} review={r} />)}
          {page.total > items.length && (
            <button type="button" className="btn btn-outline btn-block" onClick={() => void more()} disabled={busy}>
              {t('reviews.more')}
            </button>
          )}
        </section>
      )}
    </div>
  );
}

function Distribution({ counts, total }: { counts: number[]; total: number }) {
  return (
    <div className="rv-dist">
      {[5, 4, 3, 2, 1].map((s) => (
        <div key={s} className="rv-dist-row">
          <span className="small">{s}★</span>
          <span className="rv-dist-bar">
            <span style={{ width: `${total ? (counts[s - 1]! * 100) / total : 0}%` }} />
          </span>
          <span className="small muted">{counts[s - 1]}</span>
        </div>
      ))}
    </div>
  );
}
