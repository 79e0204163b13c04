// Chart options the dashboards share (pure: data in, ECharts option out).
import type { ChartOption } from './Chart';
import { money, shortDay, yuanNum } from './format';

const AXIS_LABEL = { color: '#8a8b91', fontSize: 11 };
const SPLIT = { lineStyle: { color: '#f0f0f2' } };
const GRID = { left: 8, right: 8, top: 40, bottom: 4, containLabel: true };

/** Tooltip text of a yuan value (series in yuan for the axes; shown as ¥ with two decimals). */
export const yuanText = (v: unknown): string => (typeof v === 'number' ? money(Math.round(v * 100)) : String(v ?? '—'));
const countText = (v: unknown): string => (typeof v === 'number' ? v.toLocaleString('en-US') : String(v ?? '—'));

/**
 * Bars of money on the left axis, a count line on the right: GMV and orders by day. Lines are
 * smoothed monotonically: a curve from a quiet day to a busy one must not overshoot the axis.
 */
export function moneyAndCount(days: string[], fen: number[], counts: number[], names: { money: string; count: string }): ChartOption {
  return {
    grid: GRID,
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, textStyle: { color: '#57585f' } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: days.map(shortDay), axisLabel: AXIS_LABEL, axisTick: { show: false }, axisLine: { lineStyle: { color: '#e4e4e7' } } },
    yAxis: [
      { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: (v: number) => `¥${v.toLocaleString('en-US')}` }, splitLine: SPLIT },
      { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: { show: false } },
    ],
    series: [
      { name: names.money, type: 'bar', data: fen.map(yuanNum), barMaxWidth: 22, itemStyle: { borderRadius: [4, 4, 0, 0] }, tooltip: { valueFormatter: yuanText } },
      { name: names.count, type: 'line', yAxisIndex: 1, data: counts, smooth: 0.3, smoothMonotone: 'x', symbolSize: 6, tooltip: { valueFormatter: countText } },
    ],
  };
}

/** Several count lines over days (traffic). */
export function countLines(days: string[], series: Array<{ name: string; data: number[] }>): ChartOption {
  return {
    grid: GRID,
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, textStyle: { color: '#57585f' } },
    tooltip: { trigger: 'axis' },
    color: ['#3d7eff', '#13a36b', '#ff9500'],
    xAxis: { type: 'category', data: days.map(shortDay), boundaryGap: false, axisLabel: AXIS_LABEL, axisTick: { show: false }, axisLine: { lineStyle: { color: '#e4e4e7' } } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: SPLIT },
    series: series.map((s) => ({ name: s.name, type: 'line' as const, data: s.data, smooth: 0.3, smoothMonotone: 'x' as const, symbolSize: 5, areaStyle: { opacity: 0.06 } })),
  };
}

/** A donut of money shares. */
export function moneyDonut(items: Array<{ name: string; fen: number; color: string }>): ChartOption {
  return {
    tooltip: { trigger: 'item', valueFormatter: yuanText },
    series: [
      {
        type: 'pie',
        radius: ['52%', '78%'],
        center: ['50%', '50%'],
        stillShowZeroSum: false,
        avoidLabelOverlap: true,
        label: { show: false },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        data: items.map((i) => ({ name: i.name, value: yuanNum(i.fen), itemStyle: { color: i.color } })),
      },
    ],
  };
}

/** Horizontal bars of money per category (fields). */
export function moneyBars(items: Array<{ name: string; fen: number; color: string }>): ChartOption {
  return {
    grid: { left: 8, right: 56, top: 4, bottom: 4, containLabel: true },
    tooltip: { trigger: 'item', valueFormatter: yuanText },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', inverse: true, data: items.map((i) => i.name), axisLabel: { color: '#57585f' }, axisTick: { show: false }, axisLine: { show: false } },
    series: [
      {
        type: 'bar',
        barWidth: 16,
        data: items.map((i) => ({ value: yuanNum(i.fen), itemStyle: { color: i.color, borderRadius: 4 } })),
        label: { show: true, position: 'right', color: '#161823', formatter: (p: { value?: unknown }) => yuanText(p.value) },
        showBackground: true,
        backgroundStyle: { color: '#f5f5f7', borderRadius: 4 },
      },
    ],
  };
}
