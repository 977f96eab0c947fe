// The sweeps as line charts: per sweep a figure (one SVG, legend on top) of small charts, two per
// line, one per operation and metric (ops/s; MB/s for sizes; µs per op for "ahead", where the
// ratchet's O(log N) shows as a straight line on the log x axis). Every chart is an
// <svg class="sweep-chart"> with data-sweep/-op/-metric, every line a <path class="series">
// with data-impl and data-points (the points measured), so tests can count them.
import { machineLine, type BenchReport, type SweepReport } from './report.js';
import { colorOf, decadeLabel, escape } from './style.js';
import { SWEEP_UNITS } from './sweep.js';

export const FIGURE_WIDTH = 940;
const CHART_WIDTH = FIGURE_WIDTH / 2;
const CHART_HEIGHT = 230;
const MARGIN = { left: 58, right: 28, top: 24, bottom: 40 };

interface Metric {
  id: 'ops' | 'mbps' | 'us';
  title: string;
  log: boolean;
  /** The value plotted from the median ops/s at point n. */
  value(ops: number, n: number): number;
}

const METRICS: Record<SweepReport['kind'], Metric[]> = {
  size: [
    { id: 'ops', title: 'ops/s', log: true, value: (ops) => ops },
    { id: 'mbps', title: 'MB/s of plaintext', log: true, value: (ops, n) => (ops * n) / 1e6 },
  ],
  ahead: [
    { id: 'ops', title: 'ops/s', log: true, value: (ops) => ops },
    { id: 'us', title: 'µs per import+decrypt', log: false, value: (ops) => 1e6 / ops },
  ],
};

const number = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toPrecision(2));

/** Linear ticks: about five round steps from 0 to the maximum. */
function linearTicks(max: number): number[] {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? power * 10;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
}

function chart(
  report: BenchReport,
  sweep: SweepReport,
  op: SweepReport['ops'][number],
  metric: Metric,
  x0: number,
  y0: number,
): string {
  const impls = report.implementations.filter((impl) => op.results[impl.id]?.some((r) => r !== null));
  const values = impls.flatMap((impl) =>
    op.results[impl.id]!.flatMap((r, i) => (r ? [metric.value(r.median, sweep.points[i]!)] : [])),
  );
  const plotW = CHART_WIDTH - MARGIN.left - MARGIN.right;
  const plotH = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;
  const [pMin, pMax] = [Math.min(...sweep.points), Math.max(...sweep.points)];
  const x = (n: number): number =>
    MARGIN.left + (pMax === pMin ? plotW / 2 : ((Math.log2(n) - Math.log2(pMin)) / (Math.log2(pMax) - Math.log2(pMin))) * plotW);
  const parts: string[] = [`<text x="${MARGIN.left}" y="15" class="title">${escape(`${op.label}: ${metric.title}`)}</text>`];
  let y: (v: number) => number;
  if (values.length === 0) {
    y = () => MARGIN.top + plotH;
    parts.push(
      `<text x="${MARGIN.left + plotW / 2}" y="${MARGIN.top + plotH / 2}" text-anchor="middle" class="na">not measured</text>`,
    );
  } else if (metric.log) {
    const lo = Math.floor(Math.log10(Math.min(...values)));
    const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...values))));
    y = (v) => MARGIN.top + plotH - ((Math.log10(v) - lo) / (hi - lo)) * plotH;
    for (let e = lo; e <= hi; e++) {
      parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(10 ** e)}" y2="${y(10 ** e)}" class="grid"/>`);
      parts.push(`<text x="${MARGIN.left - 5}" y="${y(10 ** e) + 4}" text-anchor="end" class="axis">${decadeLabel(e)}</text>`);
    }
  } else {
    const ticks = linearTicks(Math.max(...values));
    const top = ticks[ticks.length - 1]!;
    y = (v) => MARGIN.top + plotH - (v / top) * plotH;
    for (const t of ticks) {
      parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(t)}" y2="${y(t)}" class="grid"/>`);
      parts.push(`<text x="${MARGIN.left - 5}" y="${y(t) + 4}" text-anchor="end" class="axis">${number(t)}</text>`);
    }
  }
  // Every point's label when they fit (about 46 px each), else every other one.
  const every = sweep.points.length * 46 > plotW ? 2 : 1;
  sweep.points.forEach((n, i) => {
    if (i % every !== 0 && i !== sweep.points.length - 1) return;
    parts.push(
      `<text x="${x(n)}" y="${MARGIN.top + plotH + 14}" text-anchor="middle" class="axis">${escape(SWEEP_UNITS[sweep.kind].short(n))}</text>`,
    );
  });
  parts.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${CHART_HEIGHT - 6}" text-anchor="middle" class="axis">${escape(sweep.axis)} (log scale)</text>`,
  );
  for (const impl of impls) {
    const results = op.results[impl.id]!;
    let d = '';
    let measured = 0;
    results.forEach((r, i) => {
      if (r === null) return;
      const command = d === '' || results[i - 1] === null ? 'M' : 'L';
      const px = x(sweep.points[i]!).toFixed(1);
      const py = y(metric.value(r.median, sweep.points[i]!)).toFixed(1);
      d += `${command}${px},${py}`;
      measured++;
      parts.push(
        `<circle cx="${px}" cy="${py}" r="2.5" fill="${colorOf(impl.id)}"><title>${escape(impl.label)} at ` +
          `${escape(SWEEP_UNITS[sweep.kind].short(sweep.points[i]!))}: ${number(metric.value(r.median, sweep.points[i]!))} ${escape(metric.title)}</title></circle>`,
      );
    });
    parts.push(
      `<path class="series" data-impl="${escape(impl.id)}" data-points="${measured}" d="${d}" fill="none" stroke="${colorOf(impl.id)}" stroke-width="1.8"/>`,
    );
  }
  return (
    `<svg x="${x0}" y="${y0}" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" class="sweep-chart" data-sweep="${sweep.kind}" ` +
    `data-op="${op.id}" data-metric="${metric.id}">${parts.join('')}</svg>`
  );
}

/** One sweep's figure: the legend, then each operation's charts side by side. */
export function sweepSvg(report: BenchReport, sweep: SweepReport, standalone = false): string {
  const legend: string[] = [];
  let lx = 10;
  let ly = 6;
  // Only the implementations with a result in this sweep (the C baseline has no sweeps).
  const shown = report.implementations.filter((impl) => sweep.ops.some((op) => op.results[impl.id]?.some((r) => r !== null)));
  for (const impl of shown) {
    const width = 30 + impl.label.length * 7 + 16;
    if (lx + width > FIGURE_WIDTH) [lx, ly] = [10, ly + 18];
    legend.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly + 7}" y2="${ly + 7}" stroke="${colorOf(impl.id)}" stroke-width="3"/>`);
    legend.push(`<text x="${lx + 28}" y="${ly + 11}">${escape(impl.label)}</text>`);
    lx += width;
  }
  const top = ly + 26;
  const charts = sweep.ops.flatMap((op, row) =>
    METRICS[sweep.kind].map((metric, column) => chart(report, sweep, op, metric, column * CHART_WIDTH, top + row * CHART_HEIGHT)),
  );
  const chartsEnd = top + sweep.ops.length * CHART_HEIGHT;
  // A standalone image says where it was measured: the page has that line above its charts.
  const caption = standalone ? `<text x="10" y="${chartsEnd + 14}" class="axis">${escape(machineLine(report))}</text>` : '';
  const height = chartsEnd + (standalone ? 22 : 0);
  // A standalone file (--svg, docs/) carries its own font and colours; the page styles the inline one.
  const style = standalone
    ? '<style>text{font:12px system-ui,sans-serif;fill:#222}text.axis{fill:#666;font-size:10px}text.title{font-weight:600}' +
      'text.na{fill:#999}line.grid{stroke:#e4e4e4}</style><rect width="100%" height="100%" fill="#fff"/>'
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${FIGURE_WIDTH}" height="${height}" viewBox="0 0 ${FIGURE_WIDTH} ${height}" ` +
    `class="sweep" data-sweep="${sweep.kind}" role="img" aria-label="${escape(`sweep over ${sweep.axis}`)}">${style}${legend.join('')}${charts.join('')}${caption}</svg>`
  );
}

/** --svg: every sweep's figure stacked in one image, each with the machine in a caption line. */
export function sweepFigure(report: BenchReport): string {
  if (report.sweeps.length === 1) return `${sweepSvg(report, report.sweeps[0]!, true)}\n`;
  const figures = report.sweeps.map((sweep) => sweepSvg(report, sweep, true));
  const heights = figures.map((svg) => Number(/height="(\d+)"/.exec(svg)?.[1] ?? 0));
  let y = 0;
  const placed = figures.map((svg, i) => {
    const at = svg.replace('<svg ', `<svg y="${y}" `);
    y += heights[i]!;
    return at;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${FIGURE_WIDTH}" height="${y}" viewBox="0 0 ${FIGURE_WIDTH} ${y}">${placed.join('')}</svg>\n`;
}
