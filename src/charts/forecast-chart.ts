import type { ForecastResult } from '../scheduling';

const WIDTH = 1000;

/**
 * Vega-Lite spec of a forecast: weekly utilization band, weekly wait band, and courses per year
 * against the target. Bands are p10–p90 shaded with p50 and p90 lines, so both the typical and the
 * bad case are visible.
 */
export function forecastChartSpec(result: ForecastResult, title = 'Beamtime capacity forecast', scenario = 'as is'): object {
  const rows = result.weeks.map((w) => ({
    week: w.start,
    isoWeek: w.isoWeek,
    u10: w.utilization.p10 * 100,
    u50: w.utilization.p50 * 100,
    u90: w.utilization.p90 * 100,
    w10: w.waitDays.p10,
    w50: w.waitDays.p50,
    w90: w.waitDays.p90,
  }));
  const x = { field: 'week', type: 'temporal', title: null, axis: { format: '%d %b %Y', labelAngle: 0, tickCount: 12 } };
  const band = (lo: string, hi: string, color: string, yTitle: string, domain?: number[]) => ({
    mark: { type: 'area', opacity: 0.25, color },
    encoding: {
      x,
      y: { field: lo, type: 'quantitative', title: yTitle, ...(domain ? { scale: { domain } } : {}) },
      y2: { field: hi },
    },
  });
  const line = (field: string, color: string, dashed = false) => ({
    mark: { type: 'line', color, strokeWidth: dashed ? 1.5 : 2.5, ...(dashed ? { strokeDash: [6, 4] } : {}) },
    encoding: { x, y: { field, type: 'quantitative' } },
  });
  const y = result.headline;
  const s = y.coursesStartedPerYear;
  const yearRow = [{ label: 'started/year', p10: s.p10, p50: s.p50, p90: s.p90, target: y.target }];
  const max = Math.max(y.target, s.p90) * 1.15;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: title,
      // The scenario first: two charts side by side must say which what-if each one shows.
      subtitle: [`Scenario: ${scenario}`, `${result.from} → ${result.to} · seed ${result.seed} · ${result.runs} runs · shaded p10–p90, solid p50, dashed p90`],
    },
    background: 'white',
    config: { view: { stroke: null }, font: 'sans-serif' },
    vconcat: [
      {
        width: WIDTH,
        height: 180,
        title: 'Room utilization per week (booked / open room minutes, %)',
        data: { values: rows },
        layer: [band('u10', 'u90', '#1f77b4', 'utilization %', [0, 100]), line('u50', '#1f77b4'), line('u90', '#1f77b4', true)],
      },
      {
        width: WIDTH,
        height: 180,
        title: 'Wait from submission to first fraction (days), by week of arrival',
        data: { values: rows },
        layer: [band('w10', 'w90', '#d62728', 'days'), line('w50', '#d62728'), line('w90', '#d62728', true)],
      },
      {
        width: WIDTH,
        height: 60,
        title: `Courses started per year: p50 ${Math.round(s.p50)} (p10–p90 ${Math.round(s.p10)}–${Math.round(s.p90)}) vs target ${y.target}; P(≥ target) ${Math.round(y.probabilityReachingTarget * 100)} %`,
        data: { values: yearRow },
        layer: [
          {
            mark: { type: 'bar', color: '#2ca02c', opacity: 0.35, height: 30 },
            encoding: {
              x: { field: 'p10', type: 'quantitative', title: 'courses per year', scale: { domain: [0, max] } },
              x2: { field: 'p90' },
              y: { field: 'label', type: 'nominal', title: null },
            },
          },
          {
            mark: { type: 'tick', color: '#2ca02c', thickness: 4, size: 40 },
            encoding: { x: { field: 'p50', type: 'quantitative' }, y: { field: 'label', type: 'nominal' } },
          },
          {
            mark: { type: 'rule', color: 'black', strokeWidth: 2, strokeDash: [4, 3] },
            encoding: { x: { field: 'target', type: 'quantitative' } },
          },
          {
            mark: { type: 'text', align: 'left', dx: 4, dy: -22, fontWeight: 'bold' },
            encoding: { x: { field: 'target', type: 'quantitative' }, text: { value: `target ${y.target}/yr` } },
          },
        ],
      },
    ],
  };
}
