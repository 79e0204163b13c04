// 店铺 NPS (/merchant/nps): the current store's NPS with its trend, by category, and what its
// buyers said.
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { useMerchant } from '../merchant/context';
import type { NpsReport } from '../typesExperience';
import { experienceApi } from './experienceApi';
import { ControlBar, useControls } from './NpsControls';
import { Comments, FigureTable, Headline, TrendCard } from './NpsParts';
import './experience.css';

export function MerchantNps() {
  const { t } = useI18n();
  const { current } = useMerchant();
  const [controls, setControls, query] = useControls();
  const storeId = current?.id ?? null;
  const report = useLoad(() => (storeId ? experienceApi.store(storeId, query) : Promise.resolve(null)), [storeId, query]);
  return (
    <div className="nps-page" data-testid="merchant-nps">
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('nps.m.nav')}</h1>
          <p className="muted">{t('nps.m.subtitle')}</p>
        </div>
        <ControlBar value={controls} onChange={setControls} />
      </div>
      {!storeId ? (
        <Empty text={t('nps.m.noStore')} />
      ) : report.loading && !report.data ? (
        <Loading />
      ) : report.error || !report.data ? (
        <ErrorBox error={report.error} onRetry={report.reload} />
      ) : (
        <Body report={report.data} />
      )}
    </div>
  );
}

function Body({ report }: { report: NpsReport }) {
  const { t, lang } = useI18n();
  return (
    <>
      <div className="nps-top">
        <Headline report={report} title={t('nps.storeNps')} />
        <TrendCard report={report} />
      </div>
      <div className="nps-grid">
        <FigureTable title={t('nps.categories')} rows={report.categories.map((c) => ({ ...c, name: lang === 'zh' ? c.nameZh : c.nameEn }))} testId="nps-categories" />
        <Comments report={report} />
      </div>
    </>
  );
}
