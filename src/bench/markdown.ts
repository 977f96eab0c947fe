// --markdown: the report as Markdown for a README or a pull request: the machine and versions,
// the table, the sweeps' tables and the notes.
// The report's parts every format lays out its own way.
import * as parts from './report.js';
import type { BenchReport } from './report.js';
import { sweepTables } from './sweep-table.js';

/** A cell's text with Markdown's table syntax escaped. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** A Markdown table; columns for which `left` is true are left-aligned, the numbers right-aligned. */
export function markdownTable(head: readonly string[], body: readonly string[][], left: (column: number) => boolean): string {
  const align = head.map((_, i) => (left(i) ? ':--' : '--:'));
  return [head, align, ...body].map((cells) => `| ${cells.map(cell).join(' | ')} |`).join('\n');
}

export function formatMarkdown(report: BenchReport): string {
  const out = [
    `**olm-universal bench ${report.version}** · ${parts.machineLine(report)}`,
    '',
    ...parts.versionLines(report).map((line) => `- ${line}`),
  ];
  if (report.rows.length > 0) {
    const { head, body } = parts.tableCells(report);
    out.push(
      '',
      markdownTable(head, body, (i) => i === 0 || i === head.length - 1),
      '',
      'ops/s: median over rounds ± half the interquartile range.',
      '',
    );
    const overhead = parts.overheadCells(report);
    if (overhead)
      out.push(
        markdownTable(overhead.head, overhead.body, (i) => i === 0),
        '',
        parts.OVERHEAD_NOTE.join(' '),
        '',
      );
    out.push(parts.sizeLine(report), '', ...parts.targetSummary(report).map((line) => `- ${line}`));
    for (const miss of report.misses) out.push(`- **${miss.row}**: ${miss.misses.join('; ')}`);
  }
  for (const table of sweepTables(report)) {
    out.push(
      '',
      `**${table.title}**`,
      '',
      markdownTable(table.head, table.body, (i) => i < 2),
    );
  }
  for (const skipped of report.skipped) out.push('', `Not measured: ${skipped.label}: ${skipped.reason}.`);
  return out.join('\n');
}
