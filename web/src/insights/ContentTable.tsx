// Videos and live rooms with their funnel (impressions → views → product taps → orders → paid),
// GMV, GPM, average watch and finish rate; a live row opens its minute-by-minute panel. Shared by
// the merchant's dashboard and the creator's.
import { useI18n } from '../i18n';
import type { ContentRow, Definitions } from '../typesInsights';
import { DefTip, useDef } from './bits';
import { count, money, pct, watch } from './format';

export function ContentTable({ items, definitions, liveId, onLive }: { items: ContentRow[]; definitions: Definitions; liveId: string | null; onLive: (roomId: string) => void }) {
  const { t } = useI18n();
  const def = useDef(definitions);
  return (
    <div className="mc-table-wrap ins-table-wrap">
      <table className="mc-table ins-content" data-testid="insights-content-table">
        <thead>
          <tr>
            <th>{t('ins.content.col.item')}</th>
            <th className="num">
              {t('ins.content.col.impressions')}
              <DefTip text={def('impressions')} />
            </th>
            <th className="num">
              {t('ins.content.col.views')}
              <DefTip text={def('views')} />
            </th>
            <th className="num">{t('ins.content.col.taps')}</th>
            <th className="num">{t('ins.content.col.orders')}</th>
            <th className="num">{t('ins.content.col.paid')}</th>
            <th className="num">
              {t('ins.content.col.gmv')}
              <DefTip text={def('gmv')} />
            </th>
            <th className="num">
              {t('ins.content.col.gpm')}
              <DefTip text={def('gpm')} />
            </th>
            <th className="num">{t('ins.content.col.watch')}</th>
            <th className="num">
              {t('ins.content.col.finish')}
              <DefTip text={def('finishRate')} />
            </th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={`${r.type}:${r.id}`} className={liveId === r.id ? 'ins-row-on' : ''} data-testid={`insights-content-${r.id}`}>
              <td className="ins-content-item">
                <span className={`ins-type ins-type-${r.type}`}>{t(`ins.content.${r.type}`)}</span>
                <span className="ins-content-title">
                  <span className="ins-ellipsis">{r.title ?? t('ins.content.untitled')}</span>
                  {r.creatorName && <span className="muted small ins-ellipsis">@{r.creatorName}</span>}
                </span>
              </td>
              <td className="num">{count(r.impressions)}</td>
              <Step value={r.views} rate={r.viewRate} />
              <Step value={r.productTaps} rate={r.tapRate} />
              <td className="num">{count(r.orders)}</td>
              <Step value={r.paidOrders} rate={r.payRate} />
              <td className="num ins-strong">{money(r.gmvFen)}</td>
              <td className="num">{money(r.gpmFen)}</td>
              <td className="num">{watch(r.avgWatchMs)}</td>
              <td className="num">{pct(r.finishRate)}</td>
              <td className="actions">
                {r.type === 'live' && (
                  <button type="button" className="link-btn" onClick={() => onLive(r.id)} data-testid={`insights-live-open-${r.id}`}>
                    {t('ins.content.minutes')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A funnel step: the count, and under it the server's rate into it (views ÷ impressions, taps ÷ views, paid ÷ taps). */
function Step({ value, rate }: { value: number; rate: number | null }) {
  const { t } = useI18n();
  return (
    <td className="num">
      {count(value)}
      {rate !== null && <span className="ins-step-rate">{t('ins.content.rate', { r: pct(rate) })}</span>}
    </td>
  );
}
