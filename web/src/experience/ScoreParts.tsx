// Pieces of 商家体验分 shared by the merchant console's page and the operators' list: the calls, the
// level of a score, a metric's value and hint in words, the dial, the 90-day sparkline, and the
// pages' styles (React 19 hoists the <style> into the head once).
import { request, withQuery } from '../api';
import type { Translate } from '../i18n';
import type { MessageKey } from '../zh';
import type { MyScore, RecomputeResult, ScoreHint, ScoreMetricKey, ScorePage } from '../typesExperience';

const enc = encodeURIComponent;

export interface OpsScoreQuery {
  categoryId?: string;
  min?: number;
  max?: number;
  scored?: boolean;
  limit?: number;
  offset?: number;
}

export const scoreApi = {
  mine: (storeId: string) => request<MyScore>('GET', `/api/v1/merchant/stores/${enc(storeId)}/experience/score`),
  refresh: (storeId: string) => request<MyScore>('POST', `/api/v1/merchant/stores/${enc(storeId)}/experience/score/refresh`),
  list: (q: OpsScoreQuery) => request<ScorePage>('GET', withQuery('/api/v1/ops/experience/scores', { ...q })),
  recompute: () => request<RecomputeResult>('POST', '/api/v1/ops/experience/scores/recompute', {}),
};

export type ScoreLevel = 'excellent' | 'good' | 'pass' | 'improve';
/** 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 70 (精选联盟's bar), 待提升 below. */
export const levelOf = (score: number): ScoreLevel => (score >= 90 ? 'excellent' : score >= 80 ? 'good' : score >= 70 ? 'pass' : 'improve');
export const ALLIANCE_MIN = 70;

/** A score for display: one decimal, without a trailing .0. */
export const fmtScore = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : String(Math.round(x * 10) / 10));

const RATES: ReadonlySet<ScoreMetricKey> = new Set(['negativeReview', 'qualityReturn', 'pickup24h', 'shippingComplaint', 'imDissatisfaction', 'afterSalesRejection', 'platformHelp']);
const trim = (x: number, digits: number) => String(Number(x.toFixed(digits)));

/** A metric's value in words: rates as %, times as seconds, minutes or hours. */
export function fmtMetric(metric: ScoreMetricKey, v: number, t: Translate): string {
  if (RATES.has(metric)) return `${trim(v * 100, 1)}%`;
  const seconds = metric === 'imResponseSeconds' ? v : v * 3600;
  if (seconds < 60) return t('score.unit.seconds', { n: Math.round(seconds) });
  if (seconds < 3600) return t('score.unit.minutes', { n: trim(seconds / 60, 1) });
  return t('score.unit.hours', { n: trim(seconds / 3600, 1) });
}

export const metricName = (m: ScoreMetricKey, t: Translate) => t(`score.m.${m}` as MessageKey);

/** "揽收及时率 66.7%，同类商家中位 100%：提升到 100% 约可加 8.6 分". */
export function hintText(h: ScoreHint, higherIsBetter: boolean, t: Translate): string {
  const vars = { metric: metricName(h.metric, t), value: fmtMetric(h.metric, h.value, t), median: fmtMetric(h.metric, h.peerMedian, t) };
  if (h.target === null) return t('score.hint.ok', vars);
  return t(higherIsBetter ? 'score.hint.up' : 'score.hint.down', { ...vars, target: fmtMetric(h.metric, h.target, t), gain: trim(Math.max(h.gain, 0.1), 1) });
}

/** A half-ring gauge 0–100 with the score in its middle. */
export function ScoreDial({ score, level }: { score: number; level: ScoreLevel }) {
  const r = 80;
  const cx = 100;
  const cy = 96;
  const at = (f: number) => {
    const a = Math.PI * (1 - f);
    return [cx + r * Math.cos(a), cy - r * Math.sin(a)] as const;
  };
  const f = Math.min(1, Math.max(0, score / 100));
  const [x0, y0] = at(0);
  const [x1, y1] = at(1);
  const [xs, ys] = at(f);
  const [xt0, yt0] = at(0.7);
  const [xt1, yt1] = at(0.7 + 0.012);
  return (
    <svg className="score-dial" viewBox="0 0 200 112" role="img" aria-label={fmtScore(score)}>
      <path d={`M ${x0} ${y0} A ${r} ${r} 0 0 1 ${x1} ${y1}`} className="score-dial-track" />
      {f > 0 && <path d={`M ${x0} ${y0} A ${r} ${r} 0 0 1 ${xs} ${ys}`} className={`score-dial-bar score-stroke-${level}`} />}
      <path d={`M ${xt0} ${yt0} A ${r} ${r} 0 0 1 ${xt1} ${yt1}`} className="score-dial-mark" />
      <text x={cx} y={cy - 14} textAnchor="middle" className={`score-dial-value score-fill-${level}`} data-testid="score-value">
        {fmtScore(score)}
      </text>
    </svg>
  );
}

/** The last 90 days' scores as a line (days without a score are skipped). */
export function Sparkline({ history, label }: { history: MyScore['history']; label: string }) {
  const pts = history.flatMap((h, i) => (h.score === null ? [] : [{ i, day: h.day, v: h.score }]));
  const W = 520;
  const H = 120;
  const pad = { l: 30, r: 10, t: 10, b: 22 };
  const lo = Math.max(0, Math.floor((Math.min(...pts.map((p) => p.v), 100) - 5) / 10) * 10);
  const hi = Math.min(100, Math.ceil((Math.max(...pts.map((p) => p.v), 0) + 5) / 10) * 10);
  const n = Math.max(history.length - 1, 1);
  const x = (i: number) => pad.l + ((W - pad.l - pad.r) * i) / n;
  const y = (v: number) => pad.t + ((H - pad.t - pad.b) * (hi - v)) / Math.max(hi - lo, 1);
  const line = pts.map((p) => `${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  const last = pts[pts.length - 1];
  return (
    <svg className="score-spark" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="score-history">
      {[lo, hi].map((v) => (
        <g key={v}>
          <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} className="score-spark-axis" />
          <text x={pad.l - 6} y={y(v) + 4} textAnchor="end" className="score-spark-tick">
            {v}
          </text>
        </g>
      ))}
      {lo < ALLIANCE_MIN && hi > ALLIANCE_MIN && <line x1={pad.l} x2={W - pad.r} y1={y(ALLIANCE_MIN)} y2={y(ALLIANCE_MIN)} className="score-spark-bar" />}
      {pts.length > 1 && <polyline points={line} className="score-spark-line" />}
      {last && <circle cx={x(last.i)} cy={y(last.v)} r={3.5} className="score-spark-dot" />}
      {history.length > 0 && (
        <>
          <text x={pad.l} y={H - 4} className="score-spark-tick">
            {history[0]!.day.slice(5)}
          </text>
          <text x={W - pad.r} y={H - 4} textAnchor="end" className="score-spark-tick">
            {history[history.length - 1]!.day.slice(5)}
          </text>
        </>
      )}
    </svg>
  );
}

const CSS = `
.score-page .mc-head { align-items: flex-start; }
.score-top { display: grid; grid-template-columns: 320px minmax(0, 1fr); gap: 0 16px; align-items: stretch; }
.score-top > .mc-card { display: flex; flex-direction: column; }
@media (max-width: 1100px) { .score-top { grid-template-columns: 1fr; } }
.score-big { text-align: center; }
.score-dial { width: 220px; max-width: 100%; display: block; margin: 0 auto; }
.score-dial-track { fill: none; stroke: #f0f0f3; stroke-width: 14; stroke-linecap: round; }
.score-dial-bar { fill: none; stroke-width: 14; stroke-linecap: round; }
.score-dial-mark { fill: none; stroke: #8c8c96; stroke-width: 18; }
.score-dial-value { font-size: 40px; font-weight: 700; font-variant-numeric: tabular-nums; }
.score-level { display: inline-block; margin: 2px 0 8px; padding: 2px 12px; border-radius: 999px; font-size: 13px; font-weight: 600; color: #fff; }
.score-bg-excellent { background: #13a36b; } .score-stroke-excellent { stroke: #13a36b; } .score-fill-excellent { fill: #13a36b; } .score-text-excellent { color: #13a36b; }
.score-bg-good { background: #2f7de1; } .score-stroke-good { stroke: #2f7de1; } .score-fill-good { fill: #2f7de1; } .score-text-good { color: #2f7de1; }
.score-bg-pass { background: #d48806; } .score-stroke-pass { stroke: #faad14; } .score-fill-pass { fill: #d48806; } .score-text-pass { color: #d48806; }
.score-bg-improve { background: #d4380d; } .score-stroke-improve { stroke: #ff7a45; } .score-fill-improve { fill: #d4380d; } .score-text-improve { color: #d4380d; }
.score-alliance { font-size: 13px; margin: 0 0 4px; }
.score-alliance-no { color: #d4380d; }
.score-alliance-ok { color: #13a36b; }
.score-dims { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 10px; margin: 0 0 14px; }
.score-dims div { padding: 10px 12px; border-radius: 8px; background: #fafafb; min-width: 0; }
.score-dims dt { font-size: 12px; color: var(--muted); }
.score-dims dd { margin: 2px 0 0; font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; }
.score-dims dd small { font-size: 11px; font-weight: 400; color: var(--muted); margin-left: 4px; }
.score-spark { width: 100%; height: auto; display: block; }
.score-spark-axis { stroke: #f0f0f2; stroke-width: 1; }
.score-spark-bar { stroke: #c9c9cf; stroke-width: 1; stroke-dasharray: 4 3; }
.score-spark-tick { font-size: 11px; fill: var(--muted); }
.score-spark-line { fill: none; stroke: var(--accent); stroke-width: 2; stroke-linejoin: round; }
.score-spark-dot { fill: var(--accent); stroke: #fff; stroke-width: 1.5; }
.score-card-head { display: flex; align-items: baseline; justify-content: space-between; gap: 12px; }
.score-table td { vertical-align: top; }
.score-table .score-dim-row td { background: #fafafb; font-weight: 600; font-size: 13px; }
.score-rank { display: flex; align-items: center; gap: 8px; white-space: nowrap; }
.score-rank-bar { width: 60px; height: 6px; border-radius: 3px; background: #f0f0f3; overflow: hidden; flex: none; }
.score-rank-bar span { display: block; height: 100%; background: var(--accent); }
.score-hint { font-size: 13px; line-height: 1.5; }
.score-hint-gain { color: #d4380d; }
.score-hint-ok { color: var(--muted); }
.score-unscored { text-align: center; padding: 24px 12px; }
.score-unscored-title { font-size: 18px; font-weight: 700; margin: 0 0 8px; }
.score-unscored-progress { width: 260px; max-width: 100%; height: 8px; border-radius: 4px; margin: 12px auto; background: #f0f0f3; overflow: hidden; }
.score-unscored-progress span { display: block; height: 100%; background: var(--accent); }
.score-msg { font-size: 13px; margin: 0; }
.score-spark-empty { padding: 36px 0; background: #fafafb; border-radius: 8px; }
.score-levels { margin: 4px 0 12px; }
.score-filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 10px; }
.score-filters label { display: flex; flex-direction: column; gap: 4px; font-size: 12px; color: var(--muted); }
.score-filters select, .score-filters input { height: 32px; border: 1px solid #dcdce0; border-radius: 8px; padding: 0 8px; background: #fff; font: inherit; font-size: 13px; color: var(--text); }
.score-filters input { width: 80px; }
.score-ops-table td.num, .score-ops-table th.num { text-align: right; }
.score-pager { display: flex; align-items: center; justify-content: flex-end; gap: 10px; margin-top: 12px; }
`;

export function ScoreStyles() {
  return (
    <style href="flywheel-experience-score" precedence="default">
      {CSS}
    </style>
  );
}
