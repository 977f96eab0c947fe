// --html: one self-contained page (no scripts, no external files): the machine, the versions and
// the targets, an SVG bar chart of ops/s per operation and implementation on a log scale, the
// table, then the sweeps' line charts (sweep-chart.ts). Every bar is a <rect class="bar"> with
// data-row / data-impl / data-ops (n/a bars have zero width), so tools can check the chart.
// The report's parts every format lays out its own way.
import * as parts from './report.js';
import type { BenchReport } from './report.js';
import { colorOf, decadeLabel, escape } from './style.js';
import { sweepSvg } from './sweep-chart.js';
import { TARGETS } from './targets.js';

function chart(report: BenchReport): string {
  const impls = report.implementations;
  const medians = report.rows.flatMap((row) => impls.map((impl) => row.results[impl.id]?.median ?? 0)).filter((v) => v > 0);
  const lo = Math.floor(Math.log10(Math.min(...medians, 10)));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...medians, 10))));
  const labelWidth = 250;
  const width = 620;
  const bar = 11;
  const group = impls.length * (bar + 2) + 12;
  const x = (value: number): number => Math.max(1, ((Math.log10(value) - lo) / (hi - lo)) * width);
  const parts: string[] = [];
  // The legend starts at the left edge and wraps: nine implementations need two lines.
  let lx = 10;
  let ly = 4;
  for (const impl of impls) {
    const w = 16 + impl.label.length * 7 + 18; // about 7 px per character at 12 px
    if (lx + w > labelWidth + width + 20) [lx, ly] = [10, ly + 18];
    parts.push(`<rect x="${lx}" y="${ly}" width="12" height="12" fill="${colorOf(impl.id)}"/>`);
    parts.push(`<text x="${lx + 16}" y="${ly + 10}">${escape(impl.label)}</text>`);
    lx += w;
  }
  const top = ly + 30;
  const height = top + report.rows.length * group + 8;
  for (let e = lo; e <= hi; e++) {
    const gx = labelWidth + ((e - lo) / (hi - lo)) * width;
    parts.push(`<line x1="${gx}" x2="${gx}" y1="${top - 6}" y2="${height - 8}" stroke="#ddd"/>`);
    parts.push(`<text x="${gx}" y="${top - 9}" text-anchor="middle" class="axis">${decadeLabel(e)}</text>`);
  }
  report.rows.forEach((row, r) => {
    const gy = top + r * group;
    parts.push(
      `<text x="${labelWidth - 8}" y="${gy + group / 2}" text-anchor="end" dominant-baseline="middle">${escape(row.label)}</text>`,
    );
    impls.forEach((impl, i) => {
      const result = row.results[impl.id];
      const y = gy + 6 + i * (bar + 2);
      const w = result ? x(result.median) : 0;
      const value = result ? result.median.toFixed(1) : 'n/a';
      parts.push(
        `<rect class="bar" data-row="${row.id}" data-impl="${escape(impl.id)}" data-ops="${value}" x="${labelWidth}" y="${y}" ` +
          `width="${w.toFixed(1)}" height="${bar}" fill="${colorOf(impl.id)}"><title>${escape(row.label)} · ${escape(impl.label)}: ` +
          `${result ? `${Math.round(result.median).toLocaleString('en')} ops/s` : 'n/a'}</title></rect>`,
      );
      if (!result) parts.push(`<text x="${labelWidth + 4}" y="${y + bar - 2}" class="na">n/a</text>`);
    });
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + width + 20}" height="${height}" ` +
    `role="img" aria-label="operations per second, log scale">${parts.join('')}</svg>`
  );
}

/** A table cell; "1.23M ±4%" as the number with its spread below it, to keep the columns narrow. */
const cell = (text: string): string => {
  const spread = /^(\S+) (±\d+%)$/.exec(text);
  return spread ? `${escape(spread[1]!)}<small>${escape(spread[2]!)}</small>` : escape(text);
};

/**
 * A header that may wrap after "/" and "-", and with a soft hyphen in the middle of words over
 * nine letters ("unhar-dened"): ten implementations' names must fit 1000 px.
 */
const breakable = (text: string): string =>
  escape(text)
    .replace(/[A-Za-z]{10,}/g, (word) => `${word.slice(0, word.length >> 1)}&shy;${word.slice(word.length >> 1)}`)
    .replace(/([/-])/g, '$1<wbr>');

/** The rows' part of the page: the bar chart, the table, the notes and the misses. */
function rowsSection(report: BenchReport): string {
  const { head, body } = parts.tableCells(report);
  const table =
    `<table><thead><tr>${head.map((h) => `<th>${breakable(h)}</th>`).join('')}</tr></thead><tbody>` +
    body
      .map((cells, r) => {
        const status = report.rows[r]!.target.status;
        return `<tr>${cells.map((c, i) => `<td${i === cells.length - 1 ? ` class="${status}"` : ''}>${cell(c)}</td>`).join('')}</tr>`;
      })
      .join('') +
    '</tbody></table>';
  const overhead = parts.overheadCells(report);
  const overheadTable = overhead
    ? `<h2>Binding overhead</h2>\n<table class="overhead"><thead><tr>${overhead.head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>` +
      overhead.body.map((cells) => `<tr>${cells.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('') +
      `</tbody></table>\n<p>${escape(parts.OVERHEAD_NOTE.join(' '))}</p>`
    : '';
  const notes = [
    `ops/s: median over ${report.settings.rounds} interleaved rounds, ± half the interquartile range.`,
    parts.sizeLine(report),
    ...parts.targetSummary(report),
    ...(report.misses.length > 0 ? [`${report.misses.length} of ${report.rows.length} rows miss a target:`] : []),
  ];
  const missList = report.misses.length
    ? `<ul>${report.misses.map((m) => `<li><b>${escape(m.row)}</b>: ${escape(m.misses.join('; '))}<ul>${m.why.map((w) => `<li>${escape(w)}</li>`).join('')}</ul></li>`).join('')}</ul>`
    : '';
  return `<h2>Operations per second (log scale)</h2>
${chart(report)}
<h2>Table</h2>
${table}
${notes.map((n) => `<p>${escape(n)}</p>`).join('\n')}
${missList}
${overheadTable}`;
}

function sweepsSection(report: BenchReport): string {
  return report.sweeps
    .map(
      (sweep) =>
        `<h2>Sweep: ${escape(sweep.axis)}</h2>\n<p>Median over ${report.settings.rounds} interleaved rounds per point; hover a point for its value.</p>\n${sweepSvg(report, sweep)}`,
    )
    .join('\n');
}

export function formatHtml(report: BenchReport): string {
  const versions = parts
    .versionLines(report)
    .map((line) => `<li>${escape(line)}</li>`)
    .join('');
  const targets = TARGETS.map((t) => `<li>${escape(t.summary)}</li>`).join('');
  const skipped = report.skipped.map((s) => `<p>Not measured: ${escape(s.label)}: ${escape(s.reason)}.</p>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>olm-universal bench</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 10px; color: #222; }
svg text { font: 12px system-ui, sans-serif; fill: #222; } svg text.axis { fill: #777; } svg text.na { fill: #999; font-size: 10px; }
svg.sweep text.axis { font-size: 10px; } svg.sweep text.title { font-weight: 600; } svg.sweep line.grid { stroke: #e4e4e4; }
svg { max-width: 100%; height: auto; }
/* Eleven implementations, five ratios and the target column fit 1000 px: numbers keep to one
   line, headers, operation names and misses wrap, the ± spread sits under its number. */
table { border-collapse: collapse; margin-top: 16px; font-size: 11px; max-width: 100%; }
th, td { padding: 3px 2px; border-bottom: 1px solid #e4e4e4; text-align: right; vertical-align: top; }
td { white-space: nowrap; } th { font-weight: 600; font-size: 11px; } td small { display: block; color: #777; font-size: 10px; }
th:first-child, td:first-child, th:last-child, td:last-child { text-align: left; white-space: normal; }
table.overhead td:last-child { text-align: right; white-space: nowrap; } table.overhead td + td, table.overhead th + th { padding-left: 20px; }
td:first-child { min-width: 8em; } td:last-child { min-width: 7em; } td.pass { color: #2a7a2a; } td.miss { color: #b02020; }
p.machine { color: #555; } ul.versions, ul.targets { color: #444; margin: 4px 0; }
</style></head><body>
<h1>olm-universal bench</h1>
<p class="machine">${escape(parts.machineLine(report))}</p>
<h2>Versions</h2>
<ul class="versions">${versions}</ul>
${report.rows.length > 0 ? `<h2>Targets</h2>\n<ul class="targets">${targets}</ul>\n${rowsSection(report)}` : ''}
${sweepsSection(report)}
${skipped}
</body></html>
`;
}
