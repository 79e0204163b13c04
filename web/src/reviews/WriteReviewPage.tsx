// 发表评价 (/orders/:orderId/review/:lineNo): the goods being reviewed, stars for goods,
// logistics and service, text, up to six photos, anonymous; on success back to the order.
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../api';
import { useAuth } from '../auth';
import { TopBar } from '../components/ShopLayout';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { Image } from '../types';
import type { Reviewable } from '../typesReviews';
import { reviewsApi } from './reviewsApi';
import { StarPicker } from './Stars';
import './reviews.css';

const MAX_PHOTOS = 6;
const MAX_TEXT = 500;

export function WriteReviewPage() {
  const { t } = useI18n();
  const { orderId = '', lineNo = '' } = useParams();
  const { user, loading } = useAuth();
  const lines = useLoad(() => reviewsApi.reviewable({ orderId, limit: 100 }), [orderId]);
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: `/orders/${orderId}/review/${lineNo}` }} />;
  const line = lines.data?.items.find((l) => String(l.lineNo) === lineNo);
  return (
    <div className="shop shop-bare rv-page">
      <TopBar title={t('reviews.write')} />
      {lines.loading && !lines.data ? <Loading /> : lines.error ? <ErrorBox error={lines.error} onRetry={lines.reload} /> : line ? <ReviewForm line={line} /> : <Empty text={t('reviews.notReviewable')} />}
    </div>
  );
}

function ReviewForm({ line }: { line: Reviewable }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [goods, setGoods] = useState(5);
  const [logistics, setLogistics] = useState(5);
  const [service, setService] = useState(5);
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [photos, setPhotos] = useState<Image[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function upload(files: FileList | null) {
    if (!files) return;
    setUploading(true);
    setError(null);
    try {
      for (const f of [...files].slice(0, MAX_PHOTOS - photos.length)) {
        const img = await reviewsApi.uploadPhoto(f);
        setPhotos((xs) => [...xs, img]);
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setUploading(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await reviewsApi.create({ orderId: line.orderId, lineNo: line.lineNo, goods, logistics, service, text: text.trim(), imageIds: photos.map((p) => p.id), anonymous });
      navigate(`/orders/${line.orderId}?reviewed=${line.lineNo}`, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409 ? t('reviews.already') : errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form className="rv-form" onSubmit={(e) => void submit(e)} data-testid="review-form">
      <section className="card pad rv-goods">
        {line.imageUrl ? <img src={line.imageUrl} alt="" /> : <span className="rv-goods-ph" />}
        <span>{line.title}</span>
      </section>
      <section className="card pad">
        <StarPicker label={t('reviews.goods')} value={goods} onChange={setGoods} testId="stars-goods" />
        <StarPicker label={t('reviews.logistics')} value={logistics} onChange={setLogistics} testId="stars-logistics" />
        <StarPicker label={t('reviews.service')} value={service} onChange={setService} testId="stars-service" />
      </section>
      <section className="card pad">
        <textarea className="rv-textarea" value={text} maxLength={MAX_TEXT} onChange={(e) => setText(e.target.value)} placeholder={t('reviews.placeholder')} rows={5} data-testid="review-text" />
        <div className="muted small rv-counter">
          {text.length}/{MAX_TEXT}
        </div>
        <div className="rv-photo-grid">
          {photos.map((p) => (
            <span key={p.id} className="rv-photo-cell">
              <img src={p.thumbUrl} alt="" />
              <button type="button" aria-label={t('common.remove')} onClick={() => setPhotos((xs) => xs.filter((x) => x.id !== p.id))}>
                ×
              </button>
            </span>
          ))}
          {photos.length < MAX_PHOTOS && (
            <label className="rv-photo-add">
              <input type="file" accept="image/*" multiple hidden onChange={(e) => void upload(e.target.files)} data-testid="review-photo-input" disabled={uploading} />
              {uploading ? <span className="spinner" /> : <span>＋</span>}
              <small>{t('reviews.addPhoto', { n: photos.length, max: MAX_PHOTOS })}</small>
            </label>
          )}
        </div>
        <label className="rv-anon">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} data-testid="review-anonymous" /> {t('reviews.anonymous')}
        </label>
      </section>
      {error && <p className="form-error">{error}</p>}
      <div className="rv-submit-bar">
        <button type="submit" className="btn btn-primary btn-block" disabled={busy || uploading} data-testid="review-submit">
          {t('reviews.submit')}
        </button>
      </div>
    </form>
  );
}
