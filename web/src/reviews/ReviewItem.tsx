// One review as a card: who (masked or 匿名用户), stars, text, photos, the follow-up (追评) and
// the store's reply; for its buyer, the moderation mark with the reason.
import { formatTime } from '../components/OrderBits';
import { useI18n } from '../i18n';
import type { PublicReview, Review, ReviewPhoto } from '../typesReviews';
import { Stars } from './Stars';

function Photos({ photos }: { photos: ReviewPhoto[] }) {
  if (photos.length === 0) return null;
  return (
    <div className="rv-photos">
      {photos.map((p) => (
        <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
          <img src={p.thumbUrl} alt="" loading="lazy" />
        </a>
      ))}
    </div>
  );
}

export function ReviewItem({ review, showTitle }: { review: PublicReview | Review; showTitle?: boolean }) {
  const { t, lang } = useI18n();
  const full = 'hidden' in review ? review : null;
  return (
    <article className="rv-item" data-testid={`review-${review.id}`}>
      <header className="rv-item-head">
        <span className="rv-avatar">{review.buyerName.slice(0, 1)}</span>
        <span className="rv-name">{review.buyerName}</span>
        <Stars value={review.goods} />
        <time className="muted small rv-time">{formatTime(review.createdAt, lang)}</time>
      </header>
      {full && showTitle && <div className="muted small">{full.title}</div>}
      {full?.hidden && (
        <div className="rv-hidden" data-testid="review-hidden">
          {t('reviews.hidden', { reason: full.hidden.reason })}
        </div>
      )}
      <div className="muted small rv-sub">
        {t('reviews.logistics')} {review.logistics} · {t('reviews.service')} {review.service}
      </div>
      {review.text ? <p className="rv-text">{review.text}</p> : <p className="rv-text muted">{t('reviews.noText')}</p>}
      <Photos photos={review.photos} />
      {review.followUp && (
        <div className="rv-follow">
          <div className="rv-follow-tag">{t('reviews.followUpTag')}</div>
          <p className="rv-text">{review.followUp.text}</p>
          <Photos photos={review.followUp.photos} />
        </div>
      )}
      {review.reply && (
        <div className="rv-reply" data-testid="review-reply">
          <b>{t('reviews.storeReply')}</b>
          {review.reply.text}
        </div>
      )}
    </article>
  );
}
