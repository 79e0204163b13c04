// 数据罗盘 (/merchant/insights): the current store's dashboard over a China-day range, its content
// (with a live room's minutes under ?live=), its creators, and CSV exports of each.
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { useMerchant } from '../merchant/context';
import type { DayRange } from './format';
import { Card, ExportButton } from './bits';
import { ContentTable } from './ContentTable';
import { CreatorsTable } from './CreatorsTable';
import { insightsApi } from './insightsApi';
import { LivePanel, useLiveParam } from './LivePanel';
import { RangeBar, RangeProblem, rangeField, useRange } from './RangeBar';
import { StoreView } from './StoreView';

export function MerchantInsights() {
  const { t } = useI18n();
  const { current } = useMerchant();
  const [range, setRange] = useRange();
  if (!current) return <Empty text={t('ins.m.noStore')} />;
  const storeId = current.id;
  const exp = (table: 'days' | 'content' | 'creators') => (
    <ExportButton
      path={insightsApi.storeExport(storeId, table, range)}
      fallbackName={`insights-${table}-${range.from}-${range.to}.csv`}
      label={t(`ins.export.${table}`)}
      testId={`insights-export-${table}`}
    />
  );
  return (
    <div className="ins-page" data-testid="merchant-insights">
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('ins.m.title')}</h1>
          <p className="muted">{t('ins.m.subtitle', { store: current.name })}</p>
        </div>
        <div className="ins-exports">
          <span className="muted small">{t('ins.export')}</span>
          {exp('days')}
          {exp('content')}
          {exp('creators')}
        </div>
      </div>
      {/* Keyed by store and range: a switch starts clean instead of showing the old store's figures. */}
      <Body key={`${storeId}|${range.from}|${range.to}`} storeId={storeId} range={range} onRange={setRange} />
    </div>
  );
}

function Body({ storeId, range, onRange }: { storeId: string; range: DayRange; onRange: (r: DayRange) => void }) {
  const { t } = useI18n();
  const dash = useLoad(() => insightsApi.store(storeId, range), [storeId, range.from, range.to]);
  const bad = rangeField(dash.error) !== null;
  return (
    <>
      <div className="mc-card ins-toolbar">
        <RangeBar range={range} onChange={onRange} error={dash.error} days={dash.data?.range.days} />
        {dash.data?.trafficAsOf && <span className="muted small">{t('ins.trafficAsOf', { time: new Date(dash.data.trafficAsOf).toLocaleTimeString() })}</span>}
      </div>
      {bad ? (
        <RangeProblem error={dash.error} />
      ) : dash.loading && !dash.data ? (
        <Loading />
      ) : dash.error || !dash.data ? (
        <ErrorBox error={dash.error} onRetry={dash.reload} />
      ) : (
        <>
          <StoreView data={dash.data} />
          <Content storeId={storeId} range={range} />
          <Creators storeId={storeId} range={range} />
        </>
      )}
    </>
  );
}

function Content({ storeId, range }: { storeId: string; range: DayRange }) {
  const { t } = useI18n();
  const [liveId, setLive] = useLiveParam();
  const content = useLoad(() => insightsApi.content(storeId, range), [storeId, range.from, range.to]);
  const items = content.data?.items ?? [];
  return (
    <>
      <Card title={t('ins.content.title')} testId="insights-content">
        <p className="muted small ins-card-sub">{t('ins.content.subtitle')}</p>
        {content.loading && !content.data ? (
          <Loading />
        ) : content.error || !content.data ? (
          <ErrorBox error={content.error} onRetry={content.reload} />
        ) : items.length === 0 ? (
          <Empty text={t('ins.content.empty')} />
        ) : (
          <ContentTable items={items} definitions={content.data.definitions} liveId={liveId} onLive={setLive} />
        )}
      </Card>
      {liveId && <LivePanel roomId={liveId} title={items.find((i) => i.id === liveId)?.title ?? null} load={(id) => insightsApi.live(storeId, id)} onClose={() => setLive(null)} />}
    </>
  );
}

function Creators({ storeId, range }: { storeId: string; range: DayRange }) {
  const { t } = useI18n();
  const creators = useLoad(() => insightsApi.creators(storeId, range), [storeId, range.from, range.to]);
  return (
    <Card title={t('ins.creators.title')} testId="insights-creators">
      <p className="muted small ins-card-sub">{t('ins.creators.subtitle')}</p>
      {creators.loading && !creators.data ? (
        <Loading />
      ) : creators.error || !creators.data ? (
        <ErrorBox error={creators.error} onRetry={creators.reload} />
      ) : creators.data.items.length === 0 ? (
        <Empty text={t('ins.creators.empty')} />
      ) : (
        <CreatorsTable items={creators.data.items} />
      )}
    </Card>
  );
}
