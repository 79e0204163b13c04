// The daily trend card: sales (GMV bars, orders line) or traffic (count lines), one tab at a time.
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import { Card } from './bits';
import { Chart } from './Chart';
import { countLines, moneyAndCount } from './charts';

export interface TrendData {
  days: string[];
  gmvFen: number[];
  orders: number[];
  traffic: Array<{ name: string; data: number[] }>;
}

export function Trend({ data }: { data: TrendData }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<'sales' | 'traffic'>('sales');
  const option = useMemo(
    () => (tab === 'sales' ? moneyAndCount(data.days, data.gmvFen, data.orders, { money: t('ins.series.gmv'), count: t('ins.series.orders') }) : countLines(data.days, data.traffic)),
    [data, tab, t],
  );
  const tabs = (
    <div className="seg" role="tablist">
      {(['sales', 'traffic'] as const).map((k) => (
        <button key={k} type="button" role="tab" aria-selected={tab === k} className={`seg-item seg-btn ${tab === k ? 'on' : ''}`} onClick={() => setTab(k)} data-testid={`insights-trend-${k}`}>
          {t(`ins.trend.${k}`)}
        </button>
      ))}
    </div>
  );
  return (
    <Card title={t('ins.trend.title')} actions={tabs} testId="insights-trend">
      <Chart option={option} height={300} label={t(tab === 'sales' ? 'ins.trend.label' : 'ins.trend.trafficLabel')} testId="insights-trend-chart" />
    </Card>
  );
}
