// 流量池 in the studio: where the author's video stands in the traffic pools — the ladder of levels
// with the current one marked, how much of this level's audience it has used, its rates, and its
// last judgement against the peers at that level — and what that means, in words.
import { ErrorBox } from '../components/States';
import { useLoad } from '../components/useLoad';
import { feedApi } from '../feed/feedApi';
import { formatPercent } from '../feed/WhySheet';
import { useI18n } from '../i18n';
import type { PoolStatus, Video } from '../types';

const RATES = ['finish', 'engage', 'tap', 'negative'] as const;

export function PoolPanel({ video }: { video: Video }) {
  const { t } = useI18n();
  const ready = video.status === 'ready';
  const pool = useLoad(() => (ready ? feedApi.pool(video.id) : Promise.resolve(null)), [video.id, ready]);
  return (
    <section className="mc-card pool" data-testid="pool-panel" data-status={pool.data?.status ?? ''}>
      <div className="pool-head">
        <h2 className="mc-card-title">{t('pool.title')}</h2>
        {pool.data && (
          <span className={`status pool-status-${pool.data.status}`} data-testid="pool-status">
            {t(`pool.status.${pool.data.status}`)}
          </span>
        )}
      </div>
      {!ready ? (
        <p className="studio-note">{t('pool.notReady')}</p>
      ) : pool.error ? (
        <ErrorBox error={pool.error} onRetry={pool.reload} />
      ) : pool.data ? (
        <PoolBody pool={pool.data} />
      ) : (
        <span className="spinner" />
      )}
    </section>
  );
}

function PoolBody({ pool }: { pool: PoolStatus }) {
  const { t, lang } = useI18n();
  const n = (x: number) => x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  const used = pool.poolSize ? Math.min(1, pool.impressionsInPool / pool.poolSize) : 1;
  return (
    <>
      <p className="pool-hint" data-testid="pool-hint">
        {t(`pool.statusHint.${pool.status}`, { n: pool.level + 1 })}
      </p>
      <ol className="pool-ladder" data-testid="pool-ladder">
        {pool.levels.map((size, i) => {
          const state = pool.status === 'graduated' || i < pool.level ? 'done' : i === pool.level ? (pool.status === 'held' ? 'held' : 'current') : 'next';
          return (
            <li key={i} className={`pool-step pool-step-${state}`} data-testid={`pool-level-${i}`} data-state={state} aria-current={i === pool.level && pool.status !== 'graduated' ? 'step' : undefined}>
              <span className="pool-step-dot">{state === 'done' ? '✓' : i + 1}</span>
              <span className="pool-step-name">{t('pool.level', { n: i + 1 })}</span>
              <span className="pool-step-size">{t('pool.levelSize', { n: n(size) })}</span>
              {i === pool.level && pool.status !== 'graduated' && <span className="pool-step-now">{t('pool.current')}</span>}
            </li>
          );
        })}
      </ol>
      <div className="pool-usage">
        <div className="pool-usage-row">
          <span data-testid="pool-used">{pool.poolSize !== null ? t('pool.used', { used: n(pool.impressionsInPool), size: n(pool.poolSize) }) : t('pool.usedNoSize', { used: n(pool.impressionsInPool) })}</span>
          <span className="muted">{t('pool.total', { n: n(pool.impressions) })}</span>
        </div>
        <div className="upload-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(used * 100)}>
          <span style={{ width: `${Math.round(used * 1000) / 10}%` }} />
        </div>
      </div>
      <h3 className="pool-sub">{t('pool.rates')}</h3>
      <dl className="pool-rates">
        {RATES.map((k) => (
          <div key={k} className={`pool-rate ${k === 'negative' ? 'pool-rate-neg' : ''}`} data-testid={`pool-rate-${k}`}>
            <dt>{t(`pool.rate.${k}`)}</dt>
            <dd>{formatPercent(pool.rates[k])}</dd>
            <span className="pool-rate-bar">
              <span style={{ width: `${Math.min(100, Math.round(pool.rates[k] * 100))}%` }} />
            </span>
          </div>
        ))}
      </dl>
      {pool.lastScore !== null ? (
        <div className="pool-compare" data-testid="pool-compare">
          <p>{t('pool.score', { score: pool.lastScore.toFixed(2), median: pool.peerMedian !== null ? pool.peerMedian.toFixed(2) : '–' })}</p>
          <Compare score={pool.lastScore} median={pool.peerMedian} />
        </div>
      ) : (
        <p className="studio-note pool-note">{t('pool.noScore')}</p>
      )}
    </>
  );
}

/** This video's score beside the peers' median, as two bars on one scale. */
function Compare({ score, median }: { score: number; median: number | null }) {
  const { t } = useI18n();
  const top = Math.max(score, median ?? 0, 1e-9);
  return (
    <div className="pool-compare-bars">
      <span className="pool-compare-label">{t('pool.mine')}</span>
      <span className="pool-compare-track">
        <span className={`pool-bar-mine ${median !== null && score < median ? 'below' : ''}`} style={{ width: `${Math.max(2, (score / top) * 100)}%` }} />
      </span>
      {median !== null && (
        <>
          <span className="pool-compare-label">{t('pool.peers')}</span>
          <span className="pool-compare-track">
            <span className="pool-bar-peers" style={{ width: `${Math.max(2, (median / top) * 100)}%` }} />
          </span>
        </>
      )}
    </div>
  );
}
