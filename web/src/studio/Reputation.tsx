// 带货口碑 (/studio/reputation): the creator's 带货口碑分 — the dial, the orders it rests on and its
// parts (return rate, complaint rate, buyers' NPS, each with its points) — and the NPS of the orders
// their content sold (the last 90 days). With too few orders it says how many there are so far.
import { request } from '../api';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { experienceApi } from '../experience/experienceApi';
import { fmtScore, levelOf, ScoreDial, ScoreStyles } from '../experience/ScoreParts';
import { useI18n } from '../i18n';
import type { NpsReport, Reputation as Rep } from '../typesExperience';

const rate = (x: number | null) => (x === null ? '—' : `${Number((x * 100).toFixed(1))}%`);

export function Reputation() {
  const { t } = useI18n();
  const rep = useLoad(() => request<Rep>('GET', '/api/v1/me/creator/reputation'), []);
  const nps = useLoad(() => experienceApi.creator(), []);
  return (
    <div className="score-page" data-testid="studio-reputation">
      <ScoreStyles />
      <style href="flywheel-reputation" precedence="default">
        {CSS}
      </style>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('rep.title')}</h1>
          <p className="muted">{t('rep.subtitle')}</p>
        </div>
      </div>
      {rep.loading && !rep.data ? <Loading /> : rep.error || !rep.data ? <ErrorBox error={rep.error} onRetry={rep.reload} /> : <Score rep={rep.data} />}
      {nps.loading && !nps.data ? <Loading /> : nps.error || !nps.data ? <ErrorBox error={nps.error} onRetry={nps.reload} /> : <Nps report={nps.data} />}
    </div>
  );
}

function Score({ rep }: { rep: Rep }) {
  const { t } = useI18n();
  const parts: Array<{ key: 'returns' | 'complaints' | 'nps'; value: string; sub?: string }> = [
    { key: 'returns', value: rate(rep.returnRate) },
    { key: 'complaints', value: rate(rep.complaintRate) },
    { key: 'nps', value: rep.nps === null ? '—' : String(rep.nps), sub: t('rep.part.responses', { n: rep.npsResponses }) },
  ];
  const level = rep.score === null ? null : levelOf(rep.score);
  return (
    <div className="score-top">
      <section className="mc-card score-big" data-testid="rep-score">
        {rep.score === null || level === null ? (
          <div className="score-unscored">
            <p className="score-unscored-title">{t('rep.notYet')}</p>
            <p className="muted">{t('rep.notYetText', { n: rep.orders })}</p>
          </div>
        ) : (
          <>
            <ScoreDial score={rep.score} level={level} />
            <span className={`score-level score-bg-${level}`}>{t(`score.level.${level}`)}</span>
            <p className="muted small">{t('rep.orders', { n: rep.orders })}</p>
          </>
        )}
      </section>
      <section className="mc-card">
        <h2 className="mc-card-title">{t('rep.parts')}</h2>
        <dl className="score-dims" data-testid="rep-parts">
          {parts.map((p) => (
            <div key={p.key} data-testid={`rep-part-${p.key}`}>
              <dt>{t(`rep.part.${p.key}`)}</dt>
              <dd>
                {p.value}
                {p.sub && <small>{p.sub}</small>}
              </dd>
              <p className="rep-points muted small">{t('rep.part.points', { n: fmtScore(rep.parts[p.key]) })}</p>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

function Nps({ report }: { report: NpsReport }) {
  const { t } = useI18n();
  const s = report.summary;
  return (
    <section className="mc-card" data-testid="rep-nps">
      <h2 className="mc-card-title">{t('rep.nps.title')}</h2>
      {s.responses === 0 || s.nps === null ? (
        <p className="muted">{t('rep.nps.empty')}</p>
      ) : (
        <div className="rep-nps">
          <strong className="rep-nps-value" data-testid="rep-nps-value">
            {s.nps}
          </strong>
          <div>
            <p className="muted small">{t('rep.part.responses', { n: s.responses })}</p>
            <p className="muted small">{t('rep.nps.hint', { p: s.promoters, m: s.passives, d: s.detractors })}</p>
          </div>
        </div>
      )}
    </section>
  );
}

const CSS = `
.rep-points { margin: 4px 0 0; }
.rep-nps { display: flex; align-items: center; gap: 20px; }
.rep-nps p { margin: 2px 0; }
.rep-nps-value { font-size: 40px; font-weight: 700; color: var(--accent); font-variant-numeric: tabular-nums; }
`;
