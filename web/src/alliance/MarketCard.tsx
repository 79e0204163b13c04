// One of the market's goods: picture with the commission badge, title, price, units sold, what one
// sale earns, the plan's perks, and the one action open to the creator now.
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api';
import { Price } from '../components/Price';
import { useI18n } from '../i18n';
import { formatFen } from '../money';
import type { MarketItem } from '../typesAlliance';
import { allianceApi, commissionOn, formatRate } from './allianceApi';

export function MarketCard({ item, onChange, onApply }: { item: MarketItem; onChange: (next: MarketItem) => void; onApply: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const card = item.card;
  const title = card?.title ?? item.productId;
  const rate = item.myRate?.rateBps ?? item.rateBps;
  const plan = item.openPlan;

  async function add() {
    setBusy(true);
    setError(null);
    try {
      await allianceApi.addToShowcase(item.productId);
      onChange({ ...item, inShowcase: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  let action;
  if (item.inShowcase) {
    action = (
      <button type="button" className="btn btn-sm btn-followed" disabled data-testid="market-in-showcase">
        ✓ {t('alliance.market.inShowcase')}
      </button>
    );
  } else if (item.myRate) {
    action = (
      <button type="button" className="btn btn-sm btn-primary" disabled={busy} onClick={() => void add()} data-testid="market-add">
        + {t('alliance.market.add')}
      </button>
    );
  } else if (plan?.approvalRequired && plan.myApplication === 'pending') {
    action = (
      <button type="button" className="btn btn-sm btn-followed" disabled data-testid="market-pending">
        {t('alliance.market.pending')}
      </button>
    );
  } else if (plan?.approvalRequired) {
    action = (
      <button type="button" className="btn btn-sm btn-outline" onClick={onApply} data-testid="market-apply">
        {plan.myApplication === 'rejected' ? t('alliance.market.reapply') : t('alliance.market.apply')}
      </button>
    );
  } else action = <span className="muted small">{t('alliance.market.unavailable')}</span>;

  return (
    <article className="al-mcard" data-testid="market-card" data-product-id={item.productId}>
      <Link to={`/products/${item.productId}`} className="al-mcard-pic" target="_blank" rel="noreferrer">
        {card?.imageUrl ? <img src={card.imageUrl} alt="" loading="lazy" /> : <span className="al-mcard-noimg">{Array.from(title)[0] ?? ''}</span>}
        <span className="al-rate-badge" data-testid="market-rate">
          {t('alliance.market.rate', { rate: formatRate(rate) })}
        </span>
      </Link>
      <div className="al-mcard-body">
        <h3 className="al-mcard-title" title={title}>
          {title}
        </h3>
        <div className="al-mcard-line">
          <Price fen={item.minPriceFen} size="sm" />
          <span className="muted small">{t('alliance.market.sold', { n: item.soldUnits })}</span>
        </div>
        <div className="al-earn">{t('alliance.market.earn', { amount: formatFen(commissionOn(item.minPriceFen, rate)) })}</div>
        <div className="al-perks">
          {item.myRate && item.myRate.kind !== 'open' && <span className="al-perk al-perk-named">{t(`alliance.kind.${item.myRate.kind}`)}</span>}
          {plan?.freeSamples && <span className="al-perk">{t('alliance.plan.samples')}</span>}
          {plan?.approvalRequired && <span className="al-perk">{plan.myApplication === 'approved' ? t('alliance.market.approved') : t('alliance.plan.approval')}</span>}
          {plan?.myApplication === 'rejected' && <span className="al-perk al-perk-bad">{t('alliance.app.status.rejected')}</span>}
          {item.myRate && item.myRate.flatFeeFen > 0 && <span className="al-perk">{t('alliance.plan.flatFee', { amount: formatFen(item.myRate.flatFeeFen) })}</span>}
        </div>
        <div className="al-mcard-action">{action}</div>
        {error && <p className="field-error">{error}</p>}
      </div>
    </article>
  );
}
