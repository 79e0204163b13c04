// A live room minute by minute: concurrent viewers online, viewers who came in, and what sold.
// Opened from a live row of a content table (the merchant's or the creator's).
import { useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { LiveMinutes } from '../typesInsights';
import { Card } from './bits';
import { Chart, type ChartOption } from './Chart';
import { yuanText } from './charts';
import { chinaMinute, count, money, yuanNum } from './format';

/** The live room whose minutes are open (?live=), kept in the URL beside the range. */
export function useLiveParam(): [string | null, (id: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const set = (id: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('live', id);
        else next.delete('live');
        return next;
      },
      { replace: true },
    );
  return [params.get('live'), set];
}

export function LivePanel({ roomId, title, load, onClose }: { roomId: string; title: string | null; load: (roomId: string) => Promise<LiveMinutes>; onClose: () => void }) {
  const { t } = useI18n();
  const live = useLoad(() => load(roomId), [roomId]);
  const box = useRef<HTMLDivElement>(null);
  // Opened from a table further up: bring it into view. (A block body: newer browsers return a
  // promise from scrollIntoView, and an effect may return only its cleanup.)
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [roomId]);
  const close = (
    <button type="button" className="btn btn-ghost btn-sm" onClick={onClose} data-testid="insights-live-close">
      {t('ins.live.close')}
    </button>
  );
  return (
    <div ref={box}>
      <Card title={title ? `${t('ins.live.title')} · ${title}` : t('ins.live.title')} actions={close} testId="insights-live">
        {live.loading && !live.data ? <Loading /> : live.error || !live.data ? <ErrorBox error={live.error} onRetry={live.reload} /> : <Minutes data={live.data} />}
      </Card>
    </div>
  );
}

function Minutes({ data }: { data: LiveMinutes }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const m = data.minutes;
    return {
      grid: { left: 8, right: 8, top: 40, bottom: 4, containLabel: true },
      legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: m.map((x) => chinaMinute(x.minute)), axisLabel: { color: '#8a8b91', fontSize: 11 }, axisTick: { show: false } },
      yAxis: [
        { type: 'value', minInterval: 1, axisLabel: { color: '#8a8b91', fontSize: 11 }, splitLine: { lineStyle: { color: '#f0f0f2' } } },
        { type: 'value', axisLabel: { color: '#8a8b91', fontSize: 11, formatter: (v: number) => `¥${v}` }, splitLine: { show: false } },
      ],
      series: [
        { name: t('ins.series.online'), type: 'line', data: m.map((x) => x.online), smooth: 0.3, smoothMonotone: 'x', symbolSize: 6, z: 3, color: '#fe2c55', areaStyle: { opacity: 0.08 } },
        { name: t('ins.series.viewers'), type: 'line', data: m.map((x) => x.viewers), smooth: 0.3, smoothMonotone: 'x', symbolSize: 6, z: 3, color: '#3d7eff' },
        { name: t('ins.series.gmv'), type: 'bar', yAxisIndex: 1, data: m.map((x) => yuanNum(x.gmvFen)), barMaxWidth: 14, z: 1, color: '#ff9500', itemStyle: { opacity: 0.6 }, tooltip: { valueFormatter: yuanText } },
        { name: t('ins.series.liveOrders'), type: 'line', yAxisIndex: 0, data: m.map((x) => x.orders), symbolSize: 4, z: 3, lineStyle: { type: 'dashed', width: 1 }, color: '#13a36b' },
      ],
    };
  }, [data, t]);
  const x = data.totals;
  return (
    <>
      <dl className="ins-live-totals" data-testid="insights-live-totals">
        <div>
          <dt>{t('ins.live.peak')}</dt>
          <dd>{count(x.peakOnline)}</dd>
        </div>
        <div>
          <dt>{t('ins.live.viewers')}</dt>
          <dd data-testid="insights-live-viewers">{count(x.viewers)}</dd>
        </div>
        <div>
          <dt>{t('ins.live.orders')}</dt>
          <dd>{count(x.orders)}</dd>
        </div>
        <div>
          <dt>{t('ins.live.gmv')}</dt>
          <dd data-testid="insights-live-gmv">{money(x.gmvFen)}</dd>
        </div>
      </dl>
      {data.minutes.length === 0 ? <Empty text={t('ins.live.empty')} /> : <Chart option={option} height={260} label={t('ins.live.label')} testId="insights-live-chart" />}
    </>
  );
}
