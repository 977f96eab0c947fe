// The plain-text report printed at the end of a run (and the column layout bench compare reuses).
// The report's parts every format lays out its own way.
import * as parts from './report.js';
import type { BenchReport } from './report.js';
import { sweepTables } from './sweep-table.js';

/** Columns padded to their widest cell; those for which `left` is true are left-aligned. */
export function textTable(head: readonly string[], body: readonly string[][], left: (column: number) => boolean): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (left(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}

export function formatText(report: BenchReport): string {
  const out = [
    `olm-universal bench ${report.version} · ${parts.machineLine(report)}`,
    ...parts.versionLines(report).map((line) => `  ${line}`),
  ];
  if (report.rows.length > 0) {
    const { head, body } = parts.tableCells(report);
    out.push('', ...textTable(head, body, (i) => i === 0 || i === head.length - 1), '');
    out.push('ops/s: median over rounds ± half the interquartile range.', parts.sizeLine(report));
    const overhead = parts.overheadCells(report);
    if (overhead) out.push('', ...textTable(overhead.head, overhead.body, (i) => i === 0), ...parts.OVERHEAD_NOTE);
  }
  for (const table of sweepTables(report)) out.push('', table.title, ...textTable(table.head, table.body, (i) => i < 2));
  if (report.sweeps.length > 0) out.push('');
  for (const skipped of report.skipped) out.push(`not measured: ${skipped.label}: ${skipped.reason}`);
  if (report.rows.length === 0) return out.join('\n');
  out.push(...parts.targetSummary(report));
  if (report.misses.length > 0) {
    out.push(`${report.misses.length} of ${report.rows.length} rows miss a target:`);
    for (const miss of report.misses) {
      out.push(`  ${miss.row}: ${miss.misses.join('; ')}`);
      for (const reason of miss.why) out.push(`    - ${reason}`);
    }
  }
  const na = report.rows.filter((row) => Object.values(row.results).some((r) => r === null));
  if (na.length > 0) out.push(`n/a: not available on that implementation in this build (${na.length} rows).`);
  return out.join('\n');
}
