// `bench compare A.json B.json`: every row and sweep point both runs measured on the same
// implementation, B's median over A's, and whether the change is beyond the noise.
//
// The rule: a change is flagged when the two runs' interquartile ranges (the middle half of each
// run's per-round samples) do not overlap AND the medians differ by at least --min-effect
// (default 5 %), with at least 3 samples on each side. Rounds are interleaved within a run, so the
// interquartile range is each run's own noise; disjoint ranges mean at least three quarters of the
// rounds of one run are beyond three quarters of the other's, and the minimum effect keeps a
// very quiet run from flagging a 1 % drift nobody would act on.
import { quantile, type BenchReport, type Stat } from './report.js';
import { SWEEP_UNITS } from './sweep.js';

export const MIN_SAMPLES = 3;
export const DEFAULT_MIN_EFFECT = 0.05;

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
  /** Differences between the runs that bear on the comparison (machine, versions, settings). */
  warnings: string[];
  minEffect: number;
}

const iqr = (s: Stat): [number, number] => {
  const sorted = [...s.samples].sort((x, y) => x - y);
  return [quantile(sorted, 0.25), quantile(sorted, 0.75)];
};

export function verdict(a: Stat, b: Stat, minEffect: number): Verdict {
  if (a.samples.length < MIN_SAMPLES || b.samples.length < MIN_SAMPLES) return 'too few samples';
  const [aLow, aHigh] = iqr(a);
  const [bLow, bHigh] = iqr(b);
  const ratio = b.median / a.median;
  if (bLow > aHigh && ratio >= 1 + minEffect) return 'faster';
  if (bHigh < aLow && ratio <= 1 / (1 + minEffect)) return 'slower';
  return 'same';
}

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
  const comparisons: Comparison[] = [];
  for (const [id, caseA] of cases(a)) {
    const caseB = inB.get(id);
    if (caseB === undefined) continue;
    for (const impl of a.implementations) {
      const sa = caseA.results[impl.id];
      const sb = caseB.results[impl.id];
      if (!sa || !sb) continue;
      comparisons.push({
        id,
        label: caseA.label,
        impl: impl.id,
        implLabel: impl.label,
        a: sa,
        b: sb,
        ratio: sb.median / sa.median,
        verdict: verdict(sa, sb, minEffect),
      });
    }
  }
  return { comparisons, warnings: warnings(a, b), minEffect };
}

/** Rejects anything but a `bench --json` file. */
export function asReport(json: unknown, name: string): BenchReport {
  const report = json as Partial<BenchReport> | null;
  if (report?.tool !== 'olm-universal bench' || !Array.isArray(report.rows) || !Array.isArray(report.implementations)) {
    throw new TypeError(`${name} is not the JSON of olm-universal bench --json`);
  }
  return report as BenchReport;
}
