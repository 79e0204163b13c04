// On the order page of a delivered (or completed) order: each line still to review, with its
// 评价 button; reviewed lines leave the list (the server answers which are left).
import { Link } from 'react-router';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { Order } from '../types';
import { reviewsApi } from './reviewsApi';
import './reviews.css';

export function ReviewLinesCard({ order }: { order: Order }) {
  const delivered = order.status === 'delivered' || order.status === 'completed';
  return delivered ? <Lines orderId={order.id} /> : null;
}

function Lines({ orderId }: { orderId: string }) {
  const { t } = useI18n();
  const lines = useLoad(() => reviewsApi.reviewable({ orderId, limit: 100 }), [orderId]);
  const items = lines.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card pad rv-lines" data-testid="review-lines">
      <h2 className="card-title">{t('reviews.toReview')}</h2>
      {items.map((l) => (
        <div key={l.lineNo} className="rv-line">
          {l.imageUrl ? <img src={l.imageUrl} alt="" /> : <span className="rv-goods-ph" />}
          <span className="rv-line-title">{l.title}</span>
          <Link to={`/orders/${orderId}/review/${l.lineNo}`} className="btn btn-outline btn-sm" data-testid={`review-line-${l.lineNo}`}>
            {t('reviews.button')}
          </Link>
        </div>
      ))}
    </section>
  );
}
