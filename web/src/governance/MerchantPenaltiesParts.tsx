// Pieces of a store's standing shared by 违规与申诉 (merchant console) and the operators' 治理 page:
// the summary (points, reach, alliance gate with its reasons in words), the penalties table (kind,
// reason, dates, status with the appeal and its reply) and their styles.
import type { ReactNode } from 'react';
import type { Lang, Translate } from '../i18n';
import { useI18n } from '../i18n';
import type { Penalty, StoreStanding } from './governanceApi';

/** "12/03" (month/day, China time); with the year when not this year. */
export function fmtDay(iso: string | null, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameYear = d.getFullYear() === new Date().getFullYear();
  return d.toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-US', { timeZone: 'Asia/Shanghai', ...(sameYear ? {} : { year: 'numeric' }), month: '2-digit', day: '2-digit' });
}

const pct = (f: number) => `${Math.round(f * 100)}%`;

export function kindText(p: Penalty, t: Translate): string {
  if (p.kind === 'points') return t('gov.kind.pointsN', { n: p.points });
  if (p.kind === 'reduced_reach') return t('gov.kind.reachN', { pct: pct(p.factor) });
  return t(`gov.penalty.${p.kind}`);
}

/** What a penalty's status reads as: an active one whose appeal was rejected reads 已驳回. */
export function statusKey(p: Penalty): 'active' | 'appealed' | 'revoked' | 'expired' | 'rejected' {
  if (p.status === 'active' && p.appealOutcome === 'rejected') return 'rejected';
  return p.status;
}

export const canAppeal = (p: Penalty) => p.status === 'active' && p.appealText === null;

export function StandingSummary({ standing }: { standing: StoreStanding }) {
  const { t, lang } = useI18n();
  const { reach, alliance } = standing;
  const cut = reach.factor < 1;
  return (
    <section className="mc-card gov-summary" data-testid="gov-standing">
      <div className="gov-sum-item">
        <span className="gov-sum-label">{t('gov.standing.points')}</span>
        <strong className={standing.points > 0 ? 'gov-bad' : ''} data-testid="gov-points">
          {t('gov.standing.pointsUnit', { n: standing.points })}
        </strong>
      </div>
      <div className="gov-sum-item">
        <span className="gov-sum-label">{t('gov.standing.reach')}</span>
        <strong className={cut ? 'gov-bad' : 'gov-ok'} data-testid="gov-reach">
          {!cut ? t('gov.standing.reachOk') : reach.until ? t('gov.standing.reachCut', { pct: pct(reach.factor), until: fmtDay(reach.until, lang) }) : t('gov.standing.reachCutOpen', { pct: pct(reach.factor) })}
        </strong>
      </div>
      <div className="gov-sum-item">
        <span className="gov-sum-label">{t('gov.standing.alliance')}</span>
        <strong className={alliance.allowed ? 'gov-ok' : 'gov-bad'} data-testid="gov-alliance">
          {alliance.allowed ? t('gov.standing.allianceOk') : t('gov.standing.allianceNo')}
        </strong>
        {alliance.reasons.length > 0 && (
          <ul className="gov-reasons muted small" data-testid="gov-alliance-reasons">
            {alliance.reasons.map((r) => (
              <li key={r}>
                {r === 'score_below_threshold'
                  ? alliance.score === null
                    ? t('gov.gate.score_below_thresholdNone', { min: alliance.minScore })
                    : t('gov.gate.score_below_threshold', { score: Math.round(alliance.score * 10) / 10, min: alliance.minScore })
                  : alliance.suspendedUntil
                    ? t('gov.gate.alliance_suspended', { until: fmtDay(alliance.suspendedUntil, lang) })
                    : t('gov.gate.alliance_suspendedOpen')}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

export function PenaltyTable({ penalties, action }: { penalties: Penalty[]; action: (p: Penalty) => ReactNode }) {
  const { t, lang } = useI18n();
  return (
    <section className="card mc-table-wrap gov-table-wrap">
      <table className="mc-table gov-table">
        <thead>
          <tr>
            <th>{t('gov.list.kind')}</th>
            <th>{t('gov.list.note')}</th>
            <th>{t('gov.list.period')}</th>
            <th>{t('gov.list.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {penalties.map((p) => {
            const st = statusKey(p);
            return (
              <tr key={p.id} data-testid="gov-penalty-row" data-penalty={p.id}>
                <td className="gov-kind">{kindText(p, t)}</td>
                <td>
                  {p.note}
                  {p.appealText && <div className="gov-appeal-text muted small">{t('gov.appeal.mine', { text: p.appealText })}</div>}
                  {p.appealNote && <div className="gov-appeal-text muted small">{t('gov.appeal.reply', { note: p.appealNote })}</div>}
                </td>
                <td className="muted small gov-nowrap">{p.endsAt ? t('gov.period.range', { from: fmtDay(p.startsAt, lang), to: fmtDay(p.endsAt, lang) }) : t('gov.period.from', { from: fmtDay(p.startsAt, lang) })}</td>
                <td>
                  <span className={`gov-status gov-status-${st}`} data-testid="gov-penalty-status">
                    {t(`gov.status.${st}`)}
                  </span>
                </td>
                <td className="actions">{action(p)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

const CSS = `
.gov-summary { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 12px; }
@media (max-width: 900px) { .gov-summary { grid-template-columns: 1fr; } }
.gov-sum-item { padding: 12px 14px; border-radius: 8px; background: #fafafb; min-width: 0; }
.gov-sum-label { display: block; font-size: 12px; color: var(--muted); margin-bottom: 4px; }
.gov-sum-item strong { font-size: 18px; }
.gov-bad { color: #d4380d; }
.gov-ok { color: #13a36b; }
.gov-reasons { margin: 6px 0 0; padding-left: 18px; }
.card.gov-table-wrap { margin: 0 0 16px; }
.gov-table td { vertical-align: top; }
.gov-kind { white-space: nowrap; font-weight: 600; }
.gov-nowrap { white-space: nowrap; }
.gov-appeal-text { margin-top: 4px; }
.gov-status { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; white-space: nowrap; }
.gov-status-active { background: #fff1f0; color: #cf1322; }
.gov-status-appealed { background: #fff7e6; color: #d46b08; }
.gov-status-revoked { background: #f6ffed; color: #389e0d; }
.gov-status-expired { background: #f5f5f5; color: #8c8c8c; }
.gov-status-rejected { background: #fff1f0; color: #a8071a; }
.gov-lookup { display: flex; align-items: flex-end; gap: 10px; flex-wrap: wrap; }
.gov-lookup label { display: flex; flex-direction: column; gap: 4px; font-size: 12px; color: var(--muted); }
.gov-lookup input { height: 34px; width: 300px; max-width: 100%; border: 1px solid #dcdce0; border-radius: 8px; padding: 0 10px; font: inherit; font-size: 13px; }
.gov-tabs { display: flex; gap: 8px; margin: 0 0 16px; }
`;

export function GovStyles() {
  return (
    <style href="flywheel-governance" precedence="default">
      {CSS}
    </style>
  );
}
