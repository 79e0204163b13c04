// 相关视频 on a product page: published videos that carry this product, as a row of posters.
import { Link } from 'react-router';
import { compactCount } from '../components/StoreBits';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import '../styles/video.css';
import { videoApi } from './videoApi';

export function VideoStrip({ productId }: { productId: string }) {
  const { t, lang } = useI18n();
  const list = useLoad(() => videoApi.list({ productId, limit: 10 }), [productId]);
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card pad vstrip" data-testid="product-videos">
      <h2 className="card-title">
        {t('video.related')} <span className="muted small">{list.data?.total}</span>
      </h2>
      <div className="vstrip-track">
        {items.map((v) => (
          <Link key={v.id} to={`/videos/${v.id}`} className="vstrip-item" data-testid="product-video">
            <span className="vstrip-poster">
              {v.posterUrl && <img src={v.posterUrl} alt="" loading="lazy" />}
              <span className="vstrip-plays">▶ {compactCount(v.viewCount, lang)}</span>
            </span>
            <span className="vstrip-title">{v.title}</span>
          </Link>
        ))}
      </div>
    </section>
  );
}
