// 橱窗: the goods the creator carries, newest first, as product cards. A card opens the product
// with ?from=showcase&creator=<id>, so what is bought there is credited to the creator.
import { useState } from 'react';
import { errorMessage } from '../api';
import { ProductCard } from '../components/ProductCard';
import { Empty, ErrorBox, Loading } from '../components/States';
import type { Loaded } from '../components/useLoad';
import { track } from '../feed/track';
import { useI18n } from '../i18n';
import type { ProductCard as Card } from '../types';
import type { CreatorShowcasePage } from '../typesCreator';
import { creatorApi } from './creatorApi';

export const SHOWCASE_PAGE = 20;

export function ShowcaseTab({ creatorId, first }: { creatorId: string; first: Loaded<CreatorShowcasePage> }) {
  const { t } = useI18n();
  const [more, setMore] = useState<Card[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (first.loading && !first.data) return <Loading />;
  if (first.error || !first.data) return <ErrorBox error={first.error} onRetry={first.reload} />;
  const seen = new Set(first.data.items.map((p) => p.id));
  const items = [...first.data.items, ...more.filter((p) => !seen.has(p.id))];
  if (items.length === 0) return <Empty text={t('creatorPage.noShowcase')} />;

  async function loadMore() {
    setBusy(true);
    setError(null);
    try {
      const page = await creatorApi.showcase(creatorId, { limit: SHOWCASE_PAGE, offset: first.data!.items.length + more.length });
      setMore((m) => [...m, ...page.items]);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="creator-showcase" data-testid="creator-showcase">
      <p className="creator-showcase-head">{t('creatorPage.showcaseCount', { n: first.data.total })}</p>
      <div className="product-grid">
        {items.map((p, i) => (
          <ProductCard
            key={p.id}
            product={p}
            from={{ showcase: creatorId }}
            onOpen={() => track({ type: 'product_tap', itemType: 'product', itemId: p.id, source: 'showcase', position: i })}
          />
        ))}
      </div>
      {error && <p className="form-error center">{error}</p>}
      {items.length < first.data.total && (
        <div className="center store-more">
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => void loadMore()} disabled={busy} data-testid="creator-showcase-more">
            {t('creatorPage.more')}
          </button>
        </div>
      )}
    </section>
  );
}
