// 我的橱窗 (/studio/showcase): the goods a creator sells for commission, newest first — picture,
// title, price, what they earn on it now (or that no plan pays any more), when it was added — and
// 移出橱窗. Showcase goods can be attached to videos and live rooms.
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api';
import { formatTime } from '../components/OrderBits';
import { Price } from '../components/Price';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { formatFen } from '../money';
import type { ShowcaseItem } from '../typesAlliance';
import { allianceApi, commissionOn, formatRate } from './allianceApi';
import { KindTag, Pager, Thumb } from './bits';
import './alliance.css';

const LIMIT = 20;

export function ShowcasePage() {
  const { t, lang } = useI18n();
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => allianceApi.showcase({ limit: LIMIT, offset }), [offset]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function remove(item: ShowcaseItem) {
    if (!window.confirm(t('alliance.showcase.removeAsk', { title: item.card?.title ?? item.productId }))) return;
    setBusy(item.productId);
    setError(null);
    try {
      await allianceApi.removeFromShowcase(item.productId);
      if (list.data && list.data.items.length === 1 && offset > 0) setOffset(Math.max(0, offset - LIMIT));
      else list.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const head = (
    <div className="mc-head">
      <div>
        <h1 className="mc-title">{t('alliance.showcase.title')}</h1>
        <p className="muted">{t('alliance.showcase.intro')}</p>
      </div>
      <Link to="/studio/market" className="btn btn-primary" data-testid="showcase-to-market">
        + {t('alliance.showcase.pick')}
      </Link>
    </div>
  );
  const page = list.data;
  return (
    <>
      {head}
      {!page ? (
        list.loading ? <Loading /> : <ErrorBox error={list.error} onRetry={list.reload} />
      ) : page.items.length === 0 ? (
        <div className="mc-card">
          <Empty text={t('alliance.showcase.empty')} />
        </div>
      ) : (
        <div className="mc-card mc-table-wrap">
          {error && <p className="form-error mc-table-meta">{error}</p>}
          <div className="muted small mc-table-meta">{t('alliance.showcase.total', { n: page.total })}</div>
          <table className="mc-table" data-testid="showcase-table">
            <thead>
              <tr>
                <th>{t('alliance.col.goods')}</th>
                <th>{t('alliance.showcase.col.price')}</th>
                <th>{t('alliance.showcase.col.rate')}</th>
                <th className="num">{t('alliance.showcase.col.earn')}</th>
                <th>{t('alliance.showcase.col.added')}</th>
                <th>{t('merchant.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((item) => {
                const title = item.card?.title ?? item.productId;
                return (
                  <tr key={item.productId} data-testid="showcase-row" data-product-id={item.productId} className={item.myRate ? '' : 'row-muted'}>
                    <td>
                      <div className="al-goods">
                        <Thumb url={item.card?.imageUrl} title={title} />
                        <div className="al-goods-body">
                          <Link to={`/products/${item.productId}`} className="mc-link al-goods-title">
                            {title}
                          </Link>
                          {item.card && !item.card.available && <div className="small al-warn">{t('video.unavailable')}</div>}
                        </div>
                      </div>
                    </td>
                    <td>{item.card ? <Price fen={item.card.minPriceFen} maxFen={item.card.maxPriceFen} size="sm" /> : '—'}</td>
                    <td>
                      {item.myRate ? (
                        <span className="nowrap">
                          <span className="al-rate-now">{formatRate(item.myRate.rateBps)}</span> {item.myRate.kind !== 'open' && <KindTag kind={item.myRate.kind} />}
                        </span>
                      ) : (
                        <span className="small al-warn">{t('alliance.showcase.noPlan')}</span>
                      )}
                    </td>
                    <td className="num">{item.myRate && item.card ? formatFen(commissionOn(item.card.minPriceFen, item.myRate.rateBps) + item.myRate.flatFeeFen) : '—'}</td>
                    <td className="small nowrap muted">{formatTime(item.addedAt, lang)}</td>
                    <td className="actions">
                      <button type="button" className="link-btn al-danger" disabled={busy === item.productId} onClick={() => void remove(item)} data-testid={`showcase-remove-${item.productId}`}>
                        {t('alliance.showcase.remove')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager offset={offset} limit={LIMIT} total={page.total} onOffset={setOffset} />
        </div>
      )}
    </>
  );
}
