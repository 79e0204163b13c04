// 活动页 (/campaigns/:id): a campaign's banner and its goods, mobile-first. Goods opened here carry
// ?from=campaign&campaign=<id>, so a purchase records the source `campaign`.
import { Link, useParams } from 'react-router';
import { ProductCard } from '../components/ProductCard';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { CampaignBadge, campaignName } from './Badges';
import { campaignsApi } from './campaignsApi';

const day = (iso: string) => iso.slice(0, 10);

export function CampaignPage() {
  const { campaignId = '' } = useParams();
  const { t, lang } = useI18n();
  const page = useLoad(() => campaignsApi.page(campaignId), [campaignId]);
  if (page.loading && !page.data) return <Loading />;
  if (page.error || !page.data) return <ErrorBox error={page.error} onRetry={page.reload} />;
  const { campaign: c, goods } = page.data;
  return (
    <div className="campaign-page" data-testid="campaign-page">
      <header className={`campaign-banner campaign-banner-${c.kind}`}>
        <Link to="/" className="back">
          ‹ {t('cmp.backToMall')}
        </Link>
        <div className="small">{t(`cmp.kind.${c.kind}`)}</div>
        <h1 data-testid="campaign-title">{campaignName(c, lang)}</h1>
        {c.description && <p>{c.description}</p>}
        <p className="small">
          {t('cmp.dates', { from: day(c.startsAt), to: day(c.endsAt) })}
          {c.status !== 'active' && ` · ${t(`cmp.status.${c.status}`)}`}
        </p>
      </header>
      <section className="section section-plain">
        {goods.length === 0 ? (
          <Empty text={t('cmp.page.empty')} />
        ) : (
          <div className="product-grid" data-testid="campaign-goods">
            {goods.map((p) => (
              <ProductCard key={p.id} product={p} from={{ campaign: c.id }} badge={c.status === 'active' ? <CampaignBadge badge={c} /> : undefined} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
