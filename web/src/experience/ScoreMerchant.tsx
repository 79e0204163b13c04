// 体验分 (/merchant/experience): the current store's 商家体验分 — the dial with its level and what
// 精选联盟 needs, the three dimensions, every metric with its value, peer rank, points and hint,
// the last 90 days, and 刷新 (at most once a minute; a 429 says so instead of failing).
import { useState } from 'react';
import { ApiError, errorMessage } from '../api';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { useMerchant } from '../merchant/context';
import type { MyScore, ScoreDimension, ScoreRow } from '../typesExperience';
import { ALLIANCE_MIN, fmtMetric, fmtScore, hintText, levelOf, metricName, ScoreDial, scoreApi, ScoreStyles, Sparkline } from './ScoreParts';

const DIMS: ScoreDimension[] = ['goods', 'logistics', 'service'];
const pct = (w: number | undefined) => `${Math.round((w ?? 0) * 100)}%`;

export function ScoreMerchant() {
  const { t } = useI18n();
  const { current } = useMerchant();
  const storeId = current?.id ?? null;
  const mine = useLoad(() => (storeId ? scoreApi.mine(storeId) : Promise.resolve(null)), [storeId]);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  async function refresh() {
    if (!storeId) return;
    setBusy(true);
    setMsg(null);
    try {
      mine.setData(await scoreApi.refresh(storeId));
      setMsg({ ok: true, text: t('score.refreshed') });
    } catch (err) {
      setMsg({ ok: false, text: err instanceof ApiError && err.status === 429 ? t('score.tooSoon') : errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="score-page" data-testid="merchant-score">
      <ScoreStyles />
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('score.title')}</h1>
          <p className="muted">{t('score.subtitle', { days: mine.data?.policy.windowDays ?? 90 })}</p>
        </div>
        {storeId && (
          <div className="ops-bar" style={{ margin: 0 }}>
            {msg && (
              <p className={`score-msg ${msg.ok ? 'form-ok' : 'form-error'}`} role="status" data-testid="score-refresh-msg">
                {msg.text}
              </p>
            )}
            <button type="button" className="btn btn-primary btn-sm" onClick={() => void refresh()} disabled={busy} data-testid="score-refresh">
              {busy ? t('score.refreshing') : t('score.refresh')}
            </button>
          </div>
        )}
      </div>
      {!storeId ? (
        <Empty text={t('score.noStore')} />
      ) : mine.loading && !mine.data ? (
        <Loading />
      ) : mine.error || !mine.data ? (
        <ErrorBox error={mine.error} onRetry={mine.reload} />
      ) : (
        <Body data={mine.data} />
      )}
    </div>
  );
}

function Body({ data }: { data: MyScore }) {
  const { t } = useI18n();
  const c = data.current;
  if (!c) {
    return (
      <section className="mc-card score-unscored" data-testid="score-unscored">
        <p className="score-unscored-title">{t('score.notYet')}</p>
        <p className="muted">{t('score.notYetText')}</p>
      </section>
    );
  }
  if (c.score === null) return <Unscored row={c} data={data} />;
  return (
    <>
      <div className="score-top">
        <Headline row={c} score={c.score} />
        <section className="mc-card">
          <dl className="score-dims" data-testid="score-dimensions">
            {DIMS.map((d) => (
              <div key={d} data-testid={`score-dim-${d}`}>
                <dt>{t(`score.dim.${d}`)}</dt>
                <dd>
                  {fmtScore(c.dimensions[d])}
                  <small>{t('score.weight', { w: pct(data.policy.dimensionWeights[d]) })}</small>
                </dd>
              </div>
            ))}
          </dl>
          <div className="score-card-head">
            <h2 className="mc-card-title">{t('score.history')}</h2>
          </div>
          {data.history.filter((h) => h.score !== null).length < 2 ? (
            <p className="muted small center score-spark-empty" data-testid="score-history-empty">
              {t('score.historyEmpty')}
            </p>
          ) : (
            <Sparkline history={data.history} label={t('score.history')} />
          )}
        </section>
      </div>
      <Metrics row={c} data={data} />
    </>
  );
}

function Headline({ row, score }: { row: ScoreRow; score: number }) {
  const { t } = useI18n();
  const level = levelOf(score);
  return (
    <section className="mc-card score-big" data-testid="score-headline">
      <ScoreDial score={score} level={level} />
      <div>
        <span className={`score-level score-bg-${level}`} data-testid="score-level">
          {t(`score.level.${level}`)}
        </span>
      </div>
      {score >= ALLIANCE_MIN ? (
        <p className="score-alliance score-alliance-ok">{t('score.allianceOk')}</p>
      ) : (
        <p className="score-alliance score-alliance-no">{t('score.allianceNo', { n: fmtScore(Math.max(ALLIANCE_MIN - score, 0.1)) })}</p>
      )}
      <p className="muted small score-levels">{t('score.levels')}</p>
      <p className="muted small" style={{ margin: 'auto 0 0' }}>
        {t('score.asOf', { day: row.day, orders: row.orders, peers: row.peers, group: t(row.peerGroup === 'category' ? 'score.group.category' : 'score.group.all') })}
      </p>
    </section>
  );
}

function Metrics({ row, data }: { row: ScoreRow; data: MyScore }) {
  const { t } = useI18n();
  return (
    <section className="mc-card" data-testid="score-metrics">
      <h2 className="mc-card-title">{t('score.metrics')}</h2>
      <table className="mc-table score-table">
        <thead>
          <tr>
            <th>{t('score.col.metric')}</th>
            <th className="num">{t('score.col.value')}</th>
            <th>{t('score.col.rank')}</th>
            <th className="num">{t('score.col.points')}</th>
            <th>{t('score.col.hint')}</th>
          </tr>
        </thead>
        <tbody>
          {DIMS.map((d) => (
            <DimRows key={d} d={d} row={row} data={data} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DimRows({ d, row, data }: { d: ScoreDimension; row: ScoreRow; data: MyScore }) {
  const { t } = useI18n();
  const metrics = row.metrics.filter((m) => m.dimension === d);
  return (
    <>
      <tr className="score-dim-row">
        <td colSpan={5}>
          {t(`score.dim.${d}`)} · {fmtScore(row.dimensions[d])}
        </td>
      </tr>
      {metrics.map((m) => (
        <tr key={m.metric} data-testid={`score-metric-${m.metric}`}>
          <td>
            {metricName(m.metric, t)}
            <div className="muted small">{t('score.weight', { w: pct(data.policy.metricWeights[m.metric]) })}</div>
          </td>
          <td className="num">{m.value === null ? <span className="muted">{t('score.noValue')}</span> : fmtMetric(m.metric, m.value, t)}</td>
          <td>
            {m.percentile === null ? (
              <span className="muted">—</span>
            ) : (
              <span className="score-rank">
                <span className="score-rank-bar" aria-hidden="true">
                  <span style={{ width: `${Math.round(m.percentile * 100)}%` }} />
                </span>
                {t('score.rank', { p: Math.round(m.percentile * 100) })}
              </span>
            )}
          </td>
          <td className="num">{fmtScore(m.points)}</td>
          <td className="score-hint" data-testid={`score-hint-${m.metric}`}>
            {m.hint ? <span className={m.hint.target === null ? 'score-hint-ok' : 'score-hint-gain'}>{hintText(m.hint, m.higherIsBetter, t)}</span> : <span className="muted">—</span>}
          </td>
        </tr>
      ))}
    </>
  );
}

function Unscored({ row, data }: { row: ScoreRow; data: MyScore }) {
  const { t } = useI18n();
  const min = data.policy.minOrders;
  const days = data.policy.windowDays;
  const enough = row.reason === 'not_enough_orders';
  return (
    <section className="mc-card score-unscored" data-testid="score-unscored">
      <p className="score-unscored-title">{t('score.notScored')}</p>
      <p>{enough ? t('score.notEnough', { days, orders: row.orders, min, n: Math.max(min - row.orders, 1) }) : t('score.noData', { days })}</p>
      {enough && (
        <div className="score-unscored-progress" aria-hidden="true">
          <span style={{ width: `${Math.min(100, Math.round((100 * row.orders) / Math.max(min, 1)))}%` }} />
        </div>
      )}
      <p className="muted small">{t('score.notScoredHow')}</p>
    </section>
  );
}
