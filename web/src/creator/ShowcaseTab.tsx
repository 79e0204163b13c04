// 橱窗: the goods the creator carries, newest first, as product cards. A card opens the product
// with ?from=showcase&creator=<id>, so what is bought there is credited to the creator.
import { PagedGrid } from '../components/PagedGrid';
import { ProductCard } from '../components/ProductCard';
import type { Loaded } from '../components/useLoad';
import { track } from '../feed/track';
import { useI18n } from '../i18n';
import type { CreatorShowcasePage } from '../typesCreator';
import { creatorApi } from './creatorApi';

export const SHOWCASE_PAGE = 20;

export function ShowcaseTab({ creatorId, first }: { creatorId: string; first: Loaded<CreatorShowcasePage> }) {
  const { t } = useI18n();
  return (
    <PagedGrid first={first} fetchMore={(offset) => creatorApi.showcase(creatorId, { limit: SHOWCASE_PAGE, offset })} empty={t('creatorPage.noShowcase')} moreLabel={t('creatorPage.more')} moreTestId="creator-showcase-more">
      {(items) => (
        <section className="creator-showcase" data-testid="creator-showcase">
          <p className="creator-showcase-head">{t('creatorPage.showcaseCount', { n: first.data?.total ?? items.length })}</p>
          <div className="product-grid">
            {items.map((p, i) => (
              <ProductCard key={p.id} product={p} from={{ showcase: creatorId }} onOpen={() => track({ type: 'product_tap', itemType: 'product', itemId: p.id, source: 'showcase', position: i })} />
            ))}
          </div>
        </section>
      )}
    </PagedGrid>
  );
}
