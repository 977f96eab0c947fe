// `olm-universal bench compare A.json B.json`: the options and the printed table.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { asReport, compareReports, DEFAULT_MIN_EFFECT, MIN_SAMPLES, type CompareResult } from './compare.js';
import { markdownTable } from './markdown.js';
import { formatRatio, formatStat, machineLine, textTable, type BenchReport } from './report.js';

export const COMPARE_HELP = `usage: olm-universal bench compare A.json B.json [options]

Compares two runs of olm-universal bench --json: for every row and sweep point both measured on
the same implementation, B's median ops/s over A's (above 1x: B is faster), each with its spread
(± half the interquartile range of its rounds).

A change is flagged (faster/slower) when the two runs' interquartile ranges do not overlap and the
medians differ by at least the minimum effect; each run needs at least ${MIN_SAMPLES} rounds (else: too few
samples). Anything else is "same": within the noise of the two runs.

  --min-effect F     the smallest change flagged, as a fraction (default ${DEFAULT_MIN_EFFECT}: 5 %)
  --markdown         print the table as Markdown
  --fail-on-change   exit with status 1 when any change is flagged (for CI)
`;

async function readReport(path: string): Promise<BenchReport> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new TypeError(`${path}: ${(error as Error).message}`);
  }
  return asReport(json, path);
}

export function formatComparison(result: CompareResult, a: BenchReport, b: BenchReport, markdown: boolean): string {
  const changed = result.comparisons.filter((c) => c.verdict === 'faster' || c.verdict === 'slower');
  const head = ['operation', 'implementation', 'A ops/s', 'B ops/s', 'B/A', 'change'];
  const body = result.comparisons.map((c) => [
    c.label,
    c.implLabel,
    formatStat(c.a),
    formatStat(c.b),
    formatRatio(c.ratio),
    c.verdict === 'same' ? '-' : c.verdict === 'too few samples' ? c.verdict : `${c.verdict.toUpperCase()}`,
  ]);
  const left = (i: number) => i < 2 || i === head.length - 1;
  const rule =
    `flagged: interquartile ranges apart and a change of at least ${Math.round(result.minEffect * 100)} %` +
    ` (${MIN_SAMPLES}+ rounds each)`;
  const summary =
    changed.length === 0
      ? `No change beyond the noise (${result.comparisons.length} compared).`
      : `${changed.length} of ${result.comparisons.length} changed beyond the noise: ` +
        changed.map((c) => `${c.label} on ${c.implLabel} ${formatRatio(c.ratio)}`).join('; ');
  const out = markdown
    ? [`**A**: ${machineLine(a)}`, '', `**B**: ${machineLine(b)}`, '', markdownTable(head, body, left), '', rule, '', summary]
    : [`A: ${machineLine(a)}`, `B: ${machineLine(b)}`, '', ...textTable(head, body, left), '', rule, summary];
  for (const warning of result.warnings) out.push(`${markdown ? '- ' : ''}note: ${warning}`);
  return out.join('\n');
}

export async function compareCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      'min-effect': { type: 'string' },
      markdown: { type: 'boolean', default: false },
      'fail-on-change': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(COMPARE_HELP);
    return;
  }
  if (positionals.length !== 2) throw new RangeError(`bench compare takes two JSON files, got ${positionals.length}`);
  const minEffect = values['min-effect'] === undefined ? DEFAULT_MIN_EFFECT : Number(values['min-effect']);
  if (!Number.isFinite(minEffect) || minEffect < 0) throw new RangeError(`--min-effect must be a fraction ≥ 0, got ${values['min-effect']}`);
  const [a, b] = await Promise.all(positionals.map(readReport));
  const result = compareReports(a!, b!, minEffect);
  if (result.comparisons.length === 0) throw new RangeError('the two runs have no row or sweep point measured on the same implementation');
  process.stdout.write(`${formatComparison(result, a!, b!, values.markdown)}\n`);
  if (values['fail-on-change'] && result.comparisons.some((c) => c.verdict === 'faster' || c.verdict === 'slower')) process.exitCode = 1;
}
