// Pieces of an NPS report shared by the operators' dashboard and the merchant console: the big
// number with its mix of promoters, passives and detractors, the survey counts, the trend card,
// the figure tables and the latest comments.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import type { NpsFigure, NpsReport } from '../typesExperience';
import { NpsChart } from './NpsChart';
import { bandOf } from './SurveyCard';

const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((100 * part) / whole));
const signed = (v: number) => (v > 0 ? `+${v}` : String(v));

export function NpsValue({ nps, className = '' }: { nps: number | null; className?: string }) {
  const { t } = useI18n();
  const tone = nps === null ? 'none' : nps >= 30 ? 'good' : nps >= 0 ? 'fair' : 'poor';
  return <span className={`nps-value nps-tone-${tone} ${className}`}>{nps === null ? t('nps.none') : signed(nps)}</span>;
}

/** One bar split into promoters, passives and detractors. */
export function MixBar({ f }: { f: NpsFigure }) {
  const parts = [
    ['promoter', f.promoters],
    ['passive', f.passives],
    ['detractor', f.detractors],
  ] as const;
  return (
    <div className="nps-mix" aria-hidden="true">
      {parts.map(([k, v]) => (v > 0 ? <span key={k} className={`nps-mix-${k}`} style={{ flexGrow: v }} /> : null))}
    </div>
  );
}

export function Headline({ report, title }: { report: NpsReport; title: string }) {
  const { t } = useI18n();
  const f = report.summary;
  const s = report.surveys;
  return (
    <section className="mc-card nps-headline">
      <div className="nps-big">
        <div className="muted small">{title}</div>
        <NpsValue nps={f.nps} className="nps-value-xl" />
        <div className="muted small" data-testid="nps-responses">
          {t('nps.responses', { n: f.responses })}
        </div>
      </div>
      <div className="nps-split">
        <MixBar f={f} />
        <dl className="nps-legend">
          {(['promoters', 'passives', 'detractors'] as const).map((k) => (
            <div key={k} className={`nps-legend-${k}`}>
              <dt>{t(`nps.${k}`)}</dt>
              <dd>
                {pct(f[k], f.responses)}% <span className="muted small">({f[k]})</span>
              </dd>
            </div>
          ))}
        </dl>
      </div>
      <dl className="nps-surveys">
        <div>
          <dt>{t('nps.surveys.issued')}</dt>
          <dd>{s.issued}</dd>
        </div>
        <div>
          <dt>{t('nps.surveys.answered')}</dt>
          <dd>{s.answered}</dd>
        </div>
        <div>
          <dt>{t('nps.surveys.rate')}</dt>
          <dd>{s.issued ? `${pct(s.answered, s.issued)}%` : '—'}</dd>
        </div>
        <div>
          <dt>{t('nps.surveys.capped')}</dt>
          <dd>{s.capped}</dd>
        </div>
      </dl>
    </section>
  );
}

export function TrendCard({ report, tools }: { report: NpsReport; tools?: ReactNode }) {
  const { t } = useI18n();
  const any = report.trend.some((p) => p.nps !== null);
  return (
    <section className="mc-card">
      <div className="nps-card-head">
        <h2 className="mc-card-title">{t('nps.trend')}</h2>
        {tools}
      </div>
      <NpsChart trend={report.trend} label={t('nps.trend')} />
      {!any && <p className="muted small center">{t('nps.trendEmpty')}</p>}
    </section>
  );
}

/** Named figures as a table: name, NPS, answers and their mix. */
export function FigureTable({ title, rows, testId }: { title: string; rows: Array<NpsFigure & { id: string; name: string }>; testId: string }) {
  const { t } = useI18n();
  return (
    <section className="mc-card" data-testid={testId}>
      <h2 className="mc-card-title">{title}</h2>
      {rows.length === 0 ? (
        <p className="muted small">{t('nps.noneYet')}</p>
      ) : (
        <table className="mc-table nps-table">
          <thead>
            <tr>
              <th>{t('nps.col.name')}</th>
              <th className="num">{t('nps.col.nps')}</th>
              <th className="num">{t('nps.col.responses')}</th>
              <th>{t('nps.col.mix')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td className="num">
                  <NpsValue nps={r.nps} />
                </td>
                <td className="num">{r.responses}</td>
                <td>
                  <MixBar f={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function Comments({ report }: { report: NpsReport }) {
  const { t, lang } = useI18n();
  return (
    <section className="mc-card" data-testid="nps-comments">
      <h2 className="mc-card-title">{t('nps.comments')}</h2>
      {report.comments.length === 0 ? (
        <p className="muted small">{t('nps.noneYet')}</p>
      ) : (
        <ul className="nps-comments">
          {report.comments.map((c) => (
            <li key={c.surveyId}>
              <span className={`nps-chip nps-${bandOf(c.score)}`}>{c.score}</span>
              <div>
                <div>{c.comment}</div>
                <div className="muted small">
                  {[c.storeName, t(`nps.kind.${c.kind}`), new Date(c.at).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en')].filter(Boolean).join(' · ')}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
