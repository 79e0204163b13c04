// A store's dashboard (the merchant's /merchant/insights and the operators' store lookup): KPI
// cards with their definitions, the daily trend (sales or traffic), and the split by field and by
// FACT channel.
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import type { InsightsChannel, InsightsField, StoreDashboard } from '../typesInsights';
import { Card, KpiGrid, useDef, type KpiItem } from './bits';
import { Chart, PALETTE } from './Chart';
import { moneyBars, moneyDonut } from './charts';
import { count, money, pct } from './format';
import { Trend, type TrendData } from './Trend';

export const CHANNEL_COLOR: Record<InsightsChannel, string> = { F: '#fe2c55', A: '#3d7eff', C: '#ff9500', T: '#8b5cf6', N: '#a3a3ad' };
const FIELD_COLOR: Record<InsightsField, string> = { content: PALETTE[0]!, centre: PALETTE[1]!, other: PALETTE[6]! };

export function StoreView({ data }: { data: StoreDashboard }) {
  const { t } = useI18n();
  const def = useDef(data.definitions);
  const x = data.totals;
  const kpis: KpiItem[] = [
    { id: 'gmv', label: t('ins.kpi.gmv'), value: money(x.gmvFen), def: def('gmv') },
    { id: 'orders', label: t('ins.kpi.orders'), value: count(x.orders), def: def('orders') },
    { id: 'buyers', label: t('ins.kpi.buyers'), value: count(x.buyers), def: def('buyers') },
    { id: 'aov', label: t('ins.kpi.aov'), value: money(x.aovFen), def: def('aov') },
    { id: 'refunds', label: t('ins.kpi.refunds'), value: money(x.refundFen), def: def('refunds') },
    { id: 'visitors', label: t('ins.kpi.visitors'), value: count(x.visitors), def: def('visitors') },
    { id: 'conversion', label: t('ins.kpi.conversion'), value: pct(x.conversion), def: def('conversion') },
    { id: 'impressions', label: t('ins.kpi.impressions'), value: count(x.impressions), def: def('impressions') },
    { id: 'views', label: t('ins.kpi.views'), value: count(x.views), def: def('views') },
  ];
  const trend = useMemo<TrendData>(
    () => ({
      days: data.days.map((d) => d.day),
      gmvFen: data.days.map((d) => d.gmvFen),
      orders: data.days.map((d) => d.orders),
      traffic: [
        { name: t('ins.series.impressions'), data: data.days.map((d) => d.impressions) },
        { name: t('ins.series.views'), data: data.days.map((d) => d.views) },
        { name: t('ins.series.visitors'), data: data.days.map((d) => d.visitors) },
      ],
    }),
    [data, t],
  );
  return (
    <>
      <KpiGrid items={kpis} />
      <Trend data={trend} />
      <div className="ins-two">
        <FieldSplit data={data} />
        <ChannelSplit data={data} />
      </div>
    </>
  );
}

function FieldSplit({ data }: { data: StoreDashboard }) {
  const { t } = useI18n();
  const def = useDef(data.definitions);
  const option = useMemo(
    () => moneyBars(data.fields.map((f) => ({ name: t(`ins.field.${f.field}`), fen: f.gmvFen, color: FIELD_COLOR[f.field] }))),
    [data, t],
  );
  return (
    <Card title={t('ins.field.title')} def={def('fields')} testId="insights-fields">
      <Chart option={option} height={120} label={t('ins.field.label')} testId="insights-fields-chart" />
      <table className="mc-table ins-mini">
        <thead>
          <tr>
            <th />
            <th className="num">{t('ins.col.gmv')}</th>
            <th className="num">{t('ins.col.orders')}</th>
            <th className="num">{t('ins.col.buyers')}</th>
            <th className="num">{t('ins.kpi.views')}</th>
          </tr>
        </thead>
        <tbody>
          {data.fields.map((f) => (
            <tr key={f.field} data-testid={`insights-field-${f.field}`}>
              <td>
                <i className="ins-dot" style={{ background: FIELD_COLOR[f.field] }} />
                {t(`ins.field.${f.field}`)}
              </td>
              <td className="num">{money(f.gmvFen)}</td>
              <td className="num">{count(f.orders)}</td>
              <td className="num">{count(f.buyers)}</td>
              <td className="num">{count(f.views)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="ins-def-text">{def('fields')}</p>
    </Card>
  );
}

function ChannelSplit({ data }: { data: StoreDashboard }) {
  const { t } = useI18n();
  const def = useDef(data.definitions);
  const option = useMemo(
    () => moneyDonut(data.channels.map((c) => ({ name: t(`ins.ch.${c.channel}`), fen: c.gmvFen, color: CHANNEL_COLOR[c.channel] }))),
    [data, t],
  );
  const none = data.channels.every((c) => c.gmvFen === 0);
  return (
    <Card title={t('ins.fact.title')} def={def('fact')} testId="insights-fact">
      <div className="ins-donut-row">
        <div className="ins-donut">
          <Chart option={option} height={170} label={t('ins.fact.label')} testId="insights-fact-chart" />
          {none && <span className="ins-donut-empty muted small">{t('ins.noSales')}</span>}
        </div>
        <table className="mc-table ins-mini">
          <tbody>
            {data.channels.map((c) => (
              <tr key={c.channel} data-testid={`insights-channel-${c.channel}`}>
                <td>
                  <i className="ins-dot" style={{ background: CHANNEL_COLOR[c.channel] }} />
                  {t(`ins.ch.${c.channel}`)}
                </td>
                <td className="num">{money(c.gmvFen)}</td>
                <td className="num ins-share">{pct(c.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="ins-def-text">{def('fact')}</p>
    </Card>
  );
}
