// One ECharts chart: inits on mount, disposes on unmount, follows its container's size. Only the
// charts and components the dashboards use are registered (tree-shaken from echarts/core), and
// it renders SVG: crisp at any zoom, and the browser test can read the marks it draws.
import { useEffect, useRef } from 'react';
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useI18n } from '../i18n';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** The dashboards' palette: Flywheel red first, then colours that stay apart for colour-blind eyes. */
export const PALETTE = ['#fe2c55', '#3d7eff', '#13a36b', '#ff9500', '#8b5cf6', '#20b2c8', '#a3a3ad'];

export function Chart({ option, height = 280, testId, label }: { option: ChartOption; height?: number; testId?: string; label: string }) {
  const { lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  // The locale is fixed at init (tooltips, number and date words), so a language switch re-inits.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = init(el, undefined, { renderer: 'svg', locale: lang === 'zh' ? 'ZH' : 'EN' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [lang]);

  useEffect(() => {
    // notMerge: a new range or tab replaces the series; merging would leave old ones behind.
    chart.current?.setOption({ color: PALETTE, ...option }, { notMerge: true });
  }, [option, lang]);

  return <div ref={box} className="ins-chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
