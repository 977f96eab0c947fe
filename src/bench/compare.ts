// `bench compare A.json B.json`: every row and sweep point both runs measured on the same
// implementation, B's median over A's, and whether the change is beyond the noise.
//
// Two kinds of noise: within a run, the rounds' spread (interleaving keeps a burst of load from
// hitting one column, but it still moves the rounds); between runs, the machine's load as a
// whole, which moves every case alike (on a shared machine easily 20 % or more). So:
// - the run-wide factor g is the median of B/A over every case compared: what moved everything;
// - a case is flagged when, after dividing B by g, (1) the two runs' interquartile ranges (the
//   middle half of each run's per-round samples) do not overlap, and (2) its B/A differs from g
//   by at least the minimum effect (default 10 %) and by at least 3 median absolute deviations of
//   log(B/A) over the cases (the between-run scatter of this pair of runs);
// - each side needs 3 rounds or more; with fewer than 4 cases there is no run-wide estimate
//   (g = 1, no scatter term). A change of every case alike shows as g, reported on its own.
import { quantile, type BenchReport, type Stat } from './report.js';
import { SWEEP_UNITS } from './sweep.js';

export const MIN_SAMPLES = 3;
export const DEFAULT_MIN_EFFECT = 0.1;

export type Verdict = 'faster' | 'slower' | 'same' | 'too few samples';

export interface Comparison {
  /** A row id, or a sweep point `op@n`. */
  id: string;
  label: string;
  impl: string;
  implLabel: string;
  a: Stat;
  b: Stat;
  /** b's median / a's median: above 1 is faster. */
  ratio: number;
  verdict: Verdict;
}

export interface CompareResult {
  comparisons: Comparison[];
  /** The run-wide factor: the median B/A over every case (1 with fewer than MIN_CASES cases). */
  runWide: number;
  /** The smallest |log(B/A / runWide)| flagged: the minimum effect or 3 MADs, whichever is larger. */
  threshold: number;
  /** Differences between the runs that bear on the comparison (machine, versions, settings). */
  warnings: string[];
  minEffect: number;
}

const iqr = (s: Stat): [number, number] => {
  const sorted = [...s.samples].sort((x, y) => x - y);
  return [quantile(sorted, 0.25), quantile(sorted, 0.75)];
};

/** Below this many cases there is no run-wide factor or scatter to estimate. */
export const MIN_CASES = 4;

/** a against b, b divided by the run-wide factor; threshold: the smallest |log ratio| flagged. */
export function verdict(a: Stat, b: Stat, runWide: number, threshold: number): Verdict {
  if (a.samples.length < MIN_SAMPLES || b.samples.length < MIN_SAMPLES) return 'too few samples';
  const [aLow, aHigh] = iqr(a);
  const [bLow, bHigh] = iqr(b).map((v) => v / runWide) as [number, number];
  const change = Math.log(b.median / runWide / a.median);
  if (bLow > aHigh && change >= threshold) return 'faster';
  if (bHigh < aLow && -change >= threshold) return 'slower';
  return 'same';
}

const median = (values: readonly number[]): number =>
  quantile(
    [...values].sort((x, y) => x - y),
    0.5,
  );

/** The cases of one report: rows, then sweep points, each with its results per implementation. */
function cases(report: BenchReport): Map<string, { label: string; results: Record<string, Stat | null> }> {
  const found = new Map<string, { label: string; results: Record<string, Stat | null> }>();
  for (const row of report.rows) found.set(row.id, { label: row.label, results: row.results });
  for (const sweep of report.sweeps ?? []) {
    for (const op of sweep.ops) {
      sweep.points.forEach((n, i) => {
        const results = Object.fromEntries(Object.entries(op.results).map(([impl, list]) => [impl, list[i] ?? null]));
        found.set(`${op.id}@${n}`, { label: `${op.label} ${SWEEP_UNITS[sweep.kind].short(n)}`, results });
      });
    }
  }
  return found;
}

function warnings(a: BenchReport, b: BenchReport): string[] {
  const out: string[] = [];
  const differs = (what: string, x: unknown, y: unknown) => {
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`${what} differs: ${String(x)} → ${String(y)}`);
  };
  differs('CPU', a.machine.cpuModel, b.machine.cpuModel);
  differs('CPUs', a.machine.cpus, b.machine.cpus);
  differs('OS', a.machine.os, b.machine.os);
  differs('Node', a.machine.node, b.machine.node);
  differs('time per case (ms)', a.settings.minMs, b.settings.minMs);
  for (const impl of a.implementations) {
    const other = b.implementations.find((i) => i.id === impl.id);
    if (other) differs(`${impl.label}'s version`, impl.version, other.version);
  }
  return out;
}

export function compareReports(a: BenchReport, b: BenchReport, minEffect = DEFAULT_MIN_EFFECT): CompareResult {
  const inB = cases(b);
  const pairs: Array<Omit<Comparison, 'verdict'>> = [];
  for (const [id, caseA] of cases(a)) {
    const caseB = inB.get(id);
    if (caseB === undefined) continue;
    for (const impl of a.implementations) {
      const sa = caseA.results[impl.id];
      const sb = caseB.results[impl.id];
      if (!sa || !sb) continue;
      pairs.push({ id, label: caseA.label, impl: impl.id, implLabel: impl.label, a: sa, b: sb, ratio: sb.median / sa.median });
    }
  }
  const logs = pairs.map((p) => Math.log(p.ratio));
  const estimated = logs.length >= MIN_CASES;
  const center = estimated ? median(logs) : 0;
  const scatter = estimated ? 3 * median(logs.map((l) => Math.abs(l - center))) : 0;
  const runWide = Math.exp(center);
  const threshold = Math.max(Math.log(1 + minEffect), scatter);
  const comparisons = pairs.map((p) => ({ ...p, verdict: verdict(p.a, p.b, runWide, threshold) }));
  return { comparisons, runWide, threshold, warnings: warnings(a, b), minEffect };
}

/** Rejects anything but a `bench --json` file. */
export function asReport(json: unknown, name: string): BenchReport {
  const report = json as Partial<BenchReport> | null;
  if (report?.tool !== 'olm-universal bench' || !Array.isArray(report.rows) || !Array.isArray(report.implementations)) {
    throw new TypeError(`${name} is not the JSON of olm-universal bench --json`);
  }
  return report as BenchReport;
}
