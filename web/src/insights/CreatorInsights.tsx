// 数据中心 (/studio/insights): what a creator sold and how their content was watched over a
// China-day range — totals, the daily chart, each video's and live room's funnel, and a live
// room's minutes (?live=).
import { useMemo } from 'react';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { MyCreatorDashboard } from '../typesInsights';
import { Card, KpiGrid, useDef, type KpiItem } from './bits';
import { ContentTable } from './ContentTable';
import { count, money, type DayRange } from './format';
import { insightsApi } from './insightsApi';
import { LivePanel, useLiveParam } from './LivePanel';
import { RangeBar, RangeProblem, rangeField, useRange } from './RangeBar';
import { Trend, type TrendData } from './Trend';

export function CreatorInsights() {
  const { t } = useI18n();
  const [range, setRange] = useRange();
  return (
    <div className="ins-page" data-testid="creator-insights">
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('ins.studio.title')}</h1>
          <p className="muted">{t('ins.studio.subtitle')}</p>
        </div>
      </div>
      <Body key={`${range.from}|${range.to}`} range={range} onRange={setRange} />
    </div>
  );
}

function Body({ range, onRange }: { range: DayRange; onRange: (r: DayRange) => void }) {
  const mine = useLoad(() => insightsApi.mine(range), [range.from, range.to]);
  return (
    <>
      <div className="mc-card ins-toolbar">
        <RangeBar range={range} onChange={onRange} error={mine.error} days={mine.data?.range.days} />
      </div>
      {rangeField(mine.error) ? (
        <RangeProblem error={mine.error} />
      ) : mine.loading && !mine.data ? (
        <Loading />
      ) : mine.error || !mine.data ? (
        <ErrorBox error={mine.error} onRetry={mine.reload} />
      ) : (
        <View data={mine.data} />
      )}
    </>
  );
}

function View({ data }: { data: MyCreatorDashboard }) {
  const { t } = useI18n();
  const def = useDef(data.definitions);
  const [liveId, setLive] = useLiveParam();
  const x = data.totals;
  const kpis: KpiItem[] = [
    { id: 'gmv', label: t('ins.kpi.gmv'), value: money(x.gmvFen), def: def('gmv') },
    { id: 'orders', label: t('ins.kpi.orders'), value: count(x.orders), def: '' },
    { id: 'views', label: t('ins.kpi.views'), value: count(x.views), def: def('views') },
    { id: 'impressions', label: t('ins.kpi.impressions'), value: count(x.impressions), def: def('impressions') },
    { id: 'gpm', label: t('ins.kpi.gpm'), value: money(x.gpmFen), def: def('gpm') },
  ];
  const trend = useMemo<TrendData>(
    () => ({
      days: data.days.map((d) => d.day),
      gmvFen: data.days.map((d) => d.gmvFen),
      orders: data.days.map((d) => d.orders),
      traffic: [
        { name: t('ins.series.impressions'), data: data.days.map((d) => d.impressions) },
        { name: t('ins.series.views'), data: data.days.map((d) => d.views) },
      ],
    }),
    [data, t],
  );
  return (
    <>
      <KpiGrid items={kpis} />
      <Trend data={trend} />
      <Card title={t('ins.content.title')} testId="insights-content">
        {data.content.length === 0 ? (
          <Empty text={t('ins.studio.contentEmpty')} />
        ) : (
          <ContentTable items={data.content} definitions={data.definitions} liveId={liveId} onLive={setLive} />
        )}
      </Card>
      {liveId && <LivePanel roomId={liveId} title={data.content.find((c) => c.id === liveId)?.title ?? null} load={insightsApi.myLive} onClose={() => setLive(null)} />}
    </>
  );
}
