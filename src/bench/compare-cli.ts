// `olm-universal bench compare A.json B.json`: the options and the printed table.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { asReport, compareReports, DEFAULT_MIN_EFFECT, MIN_CASES, MIN_SAMPLES, type CompareResult } from './compare.js';
import { markdownTable } from './markdown.js';
import { formatRatio, formatStat, machineLine, type BenchReport } from './report.js';
import { textTable } from './text.js';

export const COMPARE_HELP = `usage: olm-universal bench compare A.json B.json [options]

Compares two runs of olm-universal bench --json: for every row and sweep point both measured on
the same implementation, B's median ops/s over A's (above 1x: B is faster), each with its spread
(± half the interquartile range of its rounds).

The run-wide factor is the median B/A over all of them: what moved every case alike (the machine's
load, or a change that speeds up everything), printed on its own. A case is flagged (FASTER or
SLOWER) when, with B divided by the run-wide factor, the two runs' interquartile ranges do not
overlap, and its B/A differs from the run-wide factor by at least the minimum effect and by at
least 3 median absolute deviations of log(B/A) across the cases (the scatter between these two
runs). Each run needs at least ${MIN_SAMPLES} rounds (else: too few samples); with fewer than ${MIN_CASES} cases
there is no run-wide factor. Anything else is "-": within the noise of the two runs.

  --min-effect F     the smallest change flagged, as a fraction (default ${DEFAULT_MIN_EFFECT}: 10 %); runs on a
                     busy or shared machine differ by more than that (see the B/A column of two
                     runs of one build), and need a larger one
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
  const head = ['operation', 'implementation', 'A ops/s', 'B ops/s', 'B/A', 'B/A / run-wide', 'change'];
  const body = result.comparisons.map((c) => [
    c.label,
    c.implLabel,
    formatStat(c.a),
    formatStat(c.b),
    formatRatio(c.ratio),
    formatRatio(c.ratio / result.runWide),
    c.verdict === 'same' ? '-' : c.verdict === 'too few samples' ? c.verdict : `${c.verdict.toUpperCase()}`,
  ]);
  const left = (i: number) => i < 2 || i === head.length - 1;
  const rule =
    `run-wide factor ${formatRatio(result.runWide)}; flagged: interquartile ranges apart and at least ` +
    `${((Math.exp(result.threshold) - 1) * 100).toFixed(0)} % off the run-wide factor ` +
    `(the larger of --min-effect ${Math.round(result.minEffect * 100)} % and 3 MADs of the cases; ${MIN_SAMPLES}+ rounds each)`;
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

/** The exit status: 1 with --fail-on-change when a change is flagged, else 0. */
export async function compareCommand(argv: string[]): Promise<number> {
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
    return 0;
  }
  if (positionals.length !== 2) throw new RangeError(`bench compare takes two JSON files, got ${positionals.length}`);
  const minEffect = values['min-effect'] === undefined ? DEFAULT_MIN_EFFECT : Number(values['min-effect']);
  if (!Number.isFinite(minEffect) || minEffect < 0)
    throw new RangeError(`--min-effect must be a fraction ≥ 0, got ${values['min-effect']}`);
  const [a, b] = await Promise.all(positionals.map(readReport));
  const result = compareReports(a!, b!, minEffect);
  if (result.comparisons.length === 0)
    throw new RangeError('the two runs have no row or sweep point measured on the same implementation');
  process.stdout.write(`${formatComparison(result, a!, b!, values.markdown)}\n`);
  return values['fail-on-change'] && result.comparisons.some((c) => c.verdict === 'faster' || c.verdict === 'slower') ? 1 : 0;
}
