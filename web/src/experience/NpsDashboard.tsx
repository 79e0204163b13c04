// NPS 体验 (/ops/nps): the platform's global NPS with its trend, by top-level category, the
// stores to improve and the best-loved ones, and the latest comments.
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { NpsReport } from '../typesExperience';
import { experienceApi } from './experienceApi';
import { ControlBar, useControls } from './NpsControls';
import { Comments, FigureTable, Headline, TrendCard } from './NpsParts';
import './experience.css';

export function NpsDashboard() {
  const { t } = useI18n();
  const [controls, setControls, query] = useControls();
  const report = useLoad(() => experienceApi.ops(query), [query]);
  return (
    <div className="nps-page" data-testid="nps-dashboard">
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('nps.title')}</h1>
          <p className="muted">{t('nps.ops.subtitle')}</p>
        </div>
        <ControlBar value={controls} onChange={setControls} kinds />
      </div>
      {report.loading && !report.data ? <Loading /> : report.error || !report.data ? <ErrorBox error={report.error} onRetry={report.reload} /> : <Body report={report.data} />}
    </div>
  );
}

function Body({ report }: { report: NpsReport }) {
  const { t, lang } = useI18n();
  const categories = report.categories.map((c) => ({ ...c, name: lang === 'zh' ? c.nameZh : c.nameEn }));
  return (
    <>
      <div className="nps-top">
        <Headline report={report} title={t('nps.global')} />
        <TrendCard report={report} />
      </div>
      <div className="nps-grid">
        <FigureTable title={t('nps.categories')} rows={categories} testId="nps-categories" />
        <FigureTable title={t('nps.bottomStores')} rows={report.bottomStores} testId="nps-bottom-stores" />
        <FigureTable title={t('nps.topStores')} rows={report.topStores} testId="nps-top-stores" />
        <Comments report={report} />
      </div>
    </>
  );
}
