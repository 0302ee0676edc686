import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useSyncExternalStore } from 'react';

// Only what the dashboard draws (tree-shaken), rendered as SVG: crisp at any zoom and its labels are
// real text in the DOM (searchable, readable by tests).
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export interface ChartClick { seriesName?: string; name: string; dataIndex: number; value: unknown }

/**
 * Colours from the theme's CSS variables, so light and dark both read well, and the page's resolved
 * font: ECharts measures labels (to truncate them) in the font it is given, and 'inherit' measures in a
 * canvas default narrower than what the SVG then draws, so long labels ran past the chart's edge.
 */
export function themeColors() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { font: getComputedStyle(document.body).fontFamily || 'sans-serif', text: v('--text', '#1b1f24'), muted: v('--muted', '#5b6573'), border: v('--border', '#dde1e7'), accent: v('--accent', '#2f6fed'), ok: v('--ok', '#1f8a4c'), warn: v('--warn', '#b26a00'), bad: v('--bad', '#c62828') };
}

/** One chart in a card-sized box; `onClick` gets the clicked element (bar, point). */
export function EChart({ option, onClick, label, height = 240 }: { option: ChartOption; onClick?: (e: ChartClick) => void; label: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);
  useEffect(() => {
    const el = ref.current!;
    const c = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (e) => click.current?.(e as unknown as ChartClick));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={ref} className="echart" style={{ height }} role="img" aria-label={label} />;
}

/** The `data-theme` on <html>, as React state: charts re-read colours after the theme has switched. */
export function useThemeAttr(): string {
  return useSyncExternalStore(
    (cb) => {
      const mo = new MutationObserver(cb);
      mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
      return () => mo.disconnect();
    },
    () => document.documentElement.dataset.theme ?? 'light',
  );
}
