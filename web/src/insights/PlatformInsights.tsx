// 平台大盘 (/ops/insights): the platform's north star — global NPS beside GMV on one chart — the
// process metrics that move it (refund, complaint and 24 h pick-up rates, new creators' share of
// exposure), the experience score distribution, every definition spelled out, the CSV of the days,
// and a store lookup that opens any store's dashboard.
import { useMemo } from 'react';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { PlatformDashboard } from '../typesInsights';
import { Card, DefinitionList, ExportButton, KpiGrid, useDef, type KpiItem } from './bits';
import { Chart, type ChartOption } from './Chart';
import { yuanText } from './charts';
import { count, money, pct, shortDay, yuanNum, type DayRange } from './format';
import { insightsApi } from './insightsApi';
import { RangeBar, RangeProblem, rangeField, useRange } from './RangeBar';
import { StoreLookup } from './StoreLookup';

export function PlatformInsights() {
  const { t } = useI18n();
  const [range, setRange] = useRange();
  return (
    <div className="ins-page" data-testid="ops-insights">
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('ins.ops.title')}</h1>
          <p className="muted">{t('ins.ops.subtitle')}</p>
        </div>
        <ExportButton path={insightsApi.platformExport(range)} fallbackName={`platform-${range.from}-${range.to}.csv`} label={t('ins.export.platform')} testId="insights-export-platform" />
      </div>
      <Body key={`${range.from}|${range.to}`} range={range} onRange={setRange} />
    </div>
  );
}

function Body({ range, onRange }: { range: DayRange; onRange: (r: DayRange) => void }) {
  const { t } = useI18n();
  const p = useLoad(() => insightsApi.platform(range), [range.from, range.to]);
  return (
    <>
      <div className="mc-card ins-toolbar">
        <RangeBar range={range} onChange={onRange} error={p.error} days={p.data?.range.days} />
      </div>
      {rangeField(p.error) ? (
        <RangeProblem error={p.error} />
      ) : p.loading && !p.data ? (
        <Loading />
      ) : p.error || !p.data ? (
        <ErrorBox error={p.error} onRetry={p.reload} />
      ) : (
        <View data={p.data} />
      )}
      <Card title={t('ins.ops.lookup')} testId="insights-lookup-card">
        <StoreLookup />
      </Card>
    </>
  );
}

function View({ data }: { data: PlatformDashboard }) {
  const { t } = useI18n();
  const def = useDef(data.definitions);
  const x = data.totals;
  const north: KpiItem[] = [
    { id: 'gmv', label: t('ins.kpi.gmv'), value: money(x.gmvFen), def: def('gmv') },
    { id: 'orders', label: t('ins.kpi.orders'), value: count(x.orders), def: def('orders') },
    { id: 'buyers', label: t('ins.kpi.buyers'), value: count(x.buyers), def: '' },
    { id: 'nps', label: t('ins.kpi.nps'), value: x.nps === null ? '—' : String(x.nps), sub: t('ins.kpi.npsResponses', { n: x.npsResponses }), def: def('nps') },
  ];
  const process = [
    { id: 'refundRate', label: t('ins.kpi.refundRate'), value: pct(x.refundRate), sub: money(x.refundFen), def: def('refundRate') },
    { id: 'complaintRate', label: t('ins.kpi.complaintRate'), value: pct(x.complaintRate), sub: t('ins.ops.complaints', { n: x.complaints }), def: def('complaintRate') },
    { id: 'pickup24h', label: t('ins.kpi.pickup24h'), value: pct(x.pickupRate24h), def: def('pickup24h') },
    { id: 'newCreatorShare', label: t('ins.kpi.newCreatorShare'), value: pct(x.newCreatorShare), def: def('newCreatorShare') },
  ];
  return (
    <>
      <KpiGrid items={north} testId="insights-north" />
      <NpsGmv data={data} />
      <section className="ins-process" data-testid="insights-process">
        {process.map((m) => (
          <div key={m.id} className="mc-card ins-proc" data-testid={`proc-${m.id}`}>
            <div className="ins-kpi-label">{m.label}</div>
            <div className="ins-kpi-value" data-testid={`proc-${m.id}-value`}>
              {m.value}
            </div>
            {m.sub && <div className="ins-kpi-sub">{m.sub}</div>}
            <p className="ins-def-text" data-testid={`proc-${m.id}-def`}>
              {m.def}
            </p>
          </div>
        ))}
      </section>
      <Scores data={data} />
      <DefinitionList
        items={[
          { label: t('ins.kpi.gmv'), text: def('gmv') },
          { label: t('ins.kpi.orders'), text: def('orders') },
          { label: t('ins.kpi.nps'), text: def('nps') },
          ...process.map((m) => ({ label: m.label, text: m.def })),
          { label: t('ins.ops.scores'), text: def('scoreDistribution') },
        ]}
      />
    </>
  );
}

function NpsGmv({ data }: { data: PlatformDashboard }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 8, top: 40, bottom: 4, containLabel: true },
      legend: { top: 0, left: 'center', icon: 'roundRect', itemWidth: 12, itemHeight: 8 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.days.map((d) => shortDay(d.day)), axisLabel: { color: '#8a8b91', fontSize: 11 }, axisTick: { show: false } },
      yAxis: [
        { type: 'value', name: 'GMV', axisLabel: { color: '#8a8b91', fontSize: 11, formatter: (v: number) => `¥${v.toLocaleString('en-US')}` }, splitLine: { lineStyle: { color: '#f0f0f2' } } },
        // NPS runs from −100 to 100: a fixed axis keeps a day's swing honest.
        { type: 'value', name: 'NPS', min: -100, max: 100, interval: 50, axisLabel: { color: '#8a8b91', fontSize: 11 }, splitLine: { show: false } },
      ],
      series: [
        { name: t('ins.series.gmv'), type: 'bar', data: data.days.map((d) => yuanNum(d.gmvFen)), barMaxWidth: 22, color: '#fe2c55', itemStyle: { borderRadius: [4, 4, 0, 0] }, tooltip: { valueFormatter: yuanText } },
        // Days without answers have no NPS: a gap, not a zero.
        { name: t('ins.series.nps'), type: 'line', yAxisIndex: 1, data: data.days.map((d) => d.nps), connectNulls: true, smooth: 0.3, smoothMonotone: 'x', symbolSize: 6, color: '#3d7eff' },
      ],
    }),
    [data, t],
  );
  return (
    <Card title={t('ins.ops.npsGmv')} testId="insights-nps-gmv">
      <Chart option={option} height={320} label={t('ins.ops.npsGmvLabel')} testId="insights-nps-gmv-chart" />
    </Card>
  );
}

function Scores({ data }: { data: PlatformDashboard }) {
  const { t } = useI18n();
  const def = useDef(data.definitions);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 8, top: 16, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: data.scores.map((s) => (s.band === 'unscored' ? t('ins.ops.band.unscored') : s.band)), axisTick: { show: false }, axisLabel: { color: '#57585f' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#8a8b91', fontSize: 11 }, splitLine: { lineStyle: { color: '#f0f0f2' } } },
      series: [
        {
          name: t('ins.ops.stores'),
          type: 'bar',
          barMaxWidth: 40,
          label: { show: true, position: 'top', color: '#161823' },
          data: data.scores.map((s, i) => ({ value: s.stores, itemStyle: { color: ['#fe2c55', '#ff9500', '#f5c400', '#13a36b', '#0f8a5a', '#c4c4c8'][i] ?? '#3d7eff', borderRadius: [4, 4, 0, 0] } })),
        },
      ],
    }),
    [data, t],
  );
  return (
    <Card title={t('ins.ops.scores')} def={def('scoreDistribution')} testId="insights-scores">
      <Chart option={option} height={220} label={t('ins.ops.scoresLabel')} testId="insights-scores-chart" />
    </Card>
  );
}
