// Creators (and the store's own accounts) who sold the store's goods, with their FACT channel.
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import type { CreatorRow } from '../typesInsights';
import { count, money } from './format';
import { CHANNEL_COLOR } from './StoreView';

export function CreatorsTable({ items }: { items: CreatorRow[] }) {
  const { t } = useI18n();
  const total = items.reduce((a, c) => a + c.gmvFen, 0);
  return (
    <div className="mc-table-wrap ins-table-wrap">
      <table className="mc-table" data-testid="insights-creators-table">
        <thead>
          <tr>
            <th>{t('ins.creators.col.name')}</th>
            <th>{t('ins.creators.col.channel')}</th>
            <th className="num">{t('ins.col.gmv')}</th>
            <th className="ins-bar-col" />
            <th className="num">{t('ins.col.orders')}</th>
            <th className="num">{t('ins.col.buyers')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.creatorId} data-testid={`insights-creator-${c.creatorId}`}>
              <td>
                <Link to={`/creators/${c.creatorId}`} className="mc-link">
                  {c.name ?? c.creatorId}
                </Link>
              </td>
              <td>
                <span className="ins-ch" style={{ color: CHANNEL_COLOR[c.channel], borderColor: CHANNEL_COLOR[c.channel] }}>
                  {t(`ins.ch.${c.channel}`)}
                </span>
              </td>
              <td className="num ins-strong">{money(c.gmvFen)}</td>
              <td className="ins-bar-col">
                <div className="mc-bar">
                  <span style={{ width: `${total > 0 ? Math.round((c.gmvFen / total) * 100) : 0}%`, background: CHANNEL_COLOR[c.channel] }} />
                </div>
              </td>
              <td className="num">{count(c.orders)}</td>
              <td className="num">{count(c.buyers)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
