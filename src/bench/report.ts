// From samples to the report: median and spread per row and implementation, the ratios, the
// binding overhead, the speed targets of targets.ts (pass/miss), the JSON written by --json, and the cells the
// text, Markdown and HTML reports share.
import os from 'node:os';
import type { Skipped } from './implementations.js';
import { ROWS, type RowId } from './rows.js';
import type { RunSettings, Samples } from './run.js';
import { caseId, SWEEP_OPS, SWEEP_UNITS, type SweepKind, type SweepOpId } from './sweep.js';
import { TARGETS, type Medians, type Target } from './targets.js';

export interface Stat {
  /** ops/s, the median over rounds. */
  median: number;
  min: number;
  max: number;
  /** Half the interquartile range as a fraction of the median: 0.03 means ±3 %. */
  spread: number;
  samples: number[];
}

export interface Ratio {
  id: string;
  label: string;
  /** numerator / denominator of the medians; null when either is missing. */
  value: number | null;
}

export { TARGETS, type Target } from './targets.js';

/**
 * What a backend's binding costs on one row (issue 17), from the medians of one run: its time per
 * operation above the plain C program over the same libolm build (native against C, WASM against
 * C (WASM)).
 */
export interface Overhead {
  backend: 'native' | 'wasm';
  baseline: 'c' | 'c-wasm';
  /** ns per operation, 1/backend − 1/baseline; null when either was not measured. */
  ns: number | null;
  /** The binding's share of the backend's time, 1 − backend/baseline. */
  share: number | null;
  /** Below zero, or no larger than the rounds' spread of the two times: not a measured cost. */
  noise: boolean;
}

export const OVERHEAD_PAIRS = [
  { backend: 'native', baseline: 'c' },
  { backend: 'wasm', baseline: 'c-wasm' },
] as const;

export interface RowReport {
  id: RowId;
  label: string;
  /** Keyed by implementation id; null: not measured (n/a). */
  results: Record<string, Stat | null>;
  ratios: Ratio[];
  overhead: Overhead[];
  /** misses: the targets' labels with the ratio; short: the same for the table. */
  target: { status: 'pass' | 'miss' | 'n/a'; misses: string[]; short: string[] };
}

/** One sweep: per operation and implementation, a result (or n/a) at each point. */
export interface SweepReport {
  kind: SweepKind;
  /** What the points count: "plaintext size" (bytes) or "messages ahead". */
  axis: string;
  points: number[];
  ops: Array<{ id: SweepOpId; label: string; results: Record<string, Array<Stat | null>> }>;
}

export interface ImplementationInfo {
  id: string;
  label: string;
  /** The package, libolm and crypto core measured. */
  version: string;
}

export interface BenchReport {
  tool: 'olm-universal bench';
  version: string;
  libolm: string;
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    os: string;
    platform: string;
    arch: string;
    memoryGiB: number;
    node: string;
    browser?: string;
  };
  settings: RunSettings & { quick: boolean };
  implementations: ImplementationInfo[];
  skipped: Skipped[];
  rows: RowReport[];
  sweeps: SweepReport[];
  /** The size target: our .wasm no larger than the reference's (bytes; null if not found). */
  wasmSize: { ours: number | null; reference: number | null; status: 'pass' | 'miss' | 'n/a' };
  /** Rows that miss a target, with the targets they miss and the likely reason read off the ratios. */
  misses: Array<{ row: string; misses: string[]; why: string[] }>;
}

/** The q-quantile of sorted values, interpolated between the two nearest. */
export function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const below = sorted[Math.floor(at)]!;
  return below + (sorted[Math.ceil(at)]! - below) * (at - Math.floor(at));
}

export function stat(values: ReadonlyArray<number | null> | undefined): Stat | null {
  const samples = (values ?? []).filter((v): v is number => v !== null && Number.isFinite(v));
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  // The interquartile range: robust to the odd round slowed by other work on the machine.
  const spread = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 2 / median;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, spread, samples };
}

export function buildReport(options: {
  samples: Samples;
  implementations: ImplementationInfo[];
  skipped: Skipped[];
  settings: RunSettings & { quick: boolean };
  version: string;
  libolm: string;
  browser?: string;
  wasmSize: { ours: number | null; reference: number | null };
}): BenchReport {
  const { samples, implementations } = options;
  const rows = options.settings.rows.map((id): RowReport => {
    const results = Object.fromEntries(implementations.map((impl) => [impl.id, stat(samples[impl.id]?.[id])]));
    const medians = mediansOf(results);
    const ratios = TARGETS.map(({ id: ratioId, of, against, heading }) => {
      const a = medians[of];
      const b = medians[against];
      return { id: ratioId, label: heading ?? `${of}/${against}`, value: a !== undefined && b !== undefined ? a / b : null };
    });
    const missed = TARGETS.filter((target, i) => {
      const value = ratios[i]!.value;
      return value !== null && value < target.atLeast(id, medians);
    });
    const misses = missed.map(
      (target) => `${target.label(id, medians)} (${formatRatio(ratios[TARGETS.indexOf(target)]!.value)})`,
    );
    const checked = ratios.some((ratio) => ratio.value !== null);
    const status = misses.length > 0 ? 'miss' : checked ? 'pass' : 'n/a';
    const target = { status, misses, short: missed.map((t) => t.short(id, medians)) } as const;
    const overhead = OVERHEAD_PAIRS.map(({ backend, baseline }) =>
      overheadOf(backend, baseline, results[backend] ?? null, results[baseline] ?? null),
    );
    return { id, label: ROWS.find((row) => row.id === id)!.label, results, ratios, overhead, target };
  });
  const cpus = os.cpus();
  return {
    tool: 'olm-universal bench',
    version: options.version,
    libolm: options.libolm,
    date: new Date().toISOString(),
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      os: `${os.type()} ${os.release()}`,
      platform: os.platform(),
      arch: os.arch(),
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      ...(options.browser !== undefined ? { browser: options.browser } : {}),
    },
    settings: options.settings,
    implementations,
    skipped: options.skipped,
    rows,
    sweeps: options.settings.sweeps.map(({ kind, points }) => ({
      kind,
      axis: SWEEP_UNITS[kind].axis,
      points: [...points],
      ops: SWEEP_OPS[kind].map((op) => ({
        id: op.id,
        label: op.label,
        results: Object.fromEntries(
          implementations.map((impl) => [impl.id, points.map((n) => stat(samples[impl.id]?.[caseId(op.id, n)]))]),
        ),
      })),
    })),
    wasmSize: { ...options.wasmSize, status: sizeStatus(options.wasmSize) },
    misses: rows
      .filter((row) => row.target.misses.length > 0)
      .map((row) => ({ row: row.label, misses: row.target.misses, why: whyMissed(row) })),
  };
}

/** A row's medians by implementation: what the targets read. */
const mediansOf = (results: Record<string, Stat | null>): Medians =>
  Object.fromEntries(Object.entries(results).map(([impl, result]) => [impl, result?.median]));

/** A backend's time per operation above its C baseline's, from the two medians. */
export function overheadOf(
  backend: Overhead['backend'],
  baseline: Overhead['baseline'],
  ours: Stat | null,
  c: Stat | null,
): Overhead {
  if (ours === null || c === null) return { backend, baseline, ns: null, share: null, noise: false };
  const [t, tc] = [1e9 / ours.median, 1e9 / c.median];
  const ns = t - tc;
  // The rounds' spread of each time (half the interquartile range): a difference within it is noise.
  const uncertainty = t * ours.spread + tc * c.spread;
  return { backend, baseline, ns, share: ns / t, noise: ns < 0 || ns <= uncertainty };
}

function sizeStatus({ ours, reference }: { ours: number | null; reference: number | null }): 'pass' | 'miss' | 'n/a' {
  return ours === null || reference === null ? 'n/a' : ours <= reference ? 'pass' : 'miss';
}

export function sizeLine({ wasmSize: size }: BenchReport): string {
  const bytes = (n: number | null) => (n === null ? 'n/a' : `${n.toLocaleString('en')} B`);
  return `.wasm size: ours ${bytes(size.ours)}, @matrix-org/olm ${bytes(size.reference)} (target: no larger): ${size.status}`;
}

/** The reason a row misses, as far as the ratios tell it (C = the same libolm with no binding). */
export function whyMissed(row: RowReport): string[] {
  const ratio = (id: string): number | null => row.ratios.find((r) => r.id === id)?.value ?? null;
  const medians = mediansOf(row.results);
  const target = (id: string): number => TARGETS.find((t) => t.id === id)!.atLeast(row.id, medians);
  const overhead = (backend: Overhead['backend']): string => {
    const o = row.overhead.find((x) => x.backend === backend);
    if (o === undefined || o.ns === null) return '';
    return ` (${formatNs(o.ns)} per operation${o.noise ? ", within the rounds' spread" : ''})`;
  };
  const [nativeRef, nativeC, wasmRef, wasmC] = ['native/reference', 'native/c', 'wasm/reference', 'wasm/c-wasm'].map(ratio);
  const why: string[] = [];
  if (nativeRef != null && nativeRef < 3) {
    const cRef = nativeC != null ? nativeRef / nativeC : null;
    // Only what was measured: without the C baseline there is no telling binding from crypto code.
    why.push(
      cRef === null
        ? `native runs at ${formatRatio(nativeRef)} the reference's speed here`
        : cRef < 3
          ? `plain C is only ${formatRatio(cRef)} the reference here: reaching 3x needs faster crypto code, not a faster binding`
          : 'the binding loses what plain C gains over the reference',
    );
  }
  if (nativeC != null && nativeC < target('native/c')) {
    why.push(
      `binding overhead: ${Math.round((1 - nativeC) * 100)}% of the time is spent outside libolm (conversions, copies, objects)${overhead('native')}`,
    );
  }
  if (wasmRef != null && wasmRef < target('wasm/reference')) {
    why.push(
      `our WASM build runs at ${formatRatio(wasmRef)} the reference's speed here (target ${formatRatio(target('wasm/reference'))})`,
    );
  }
  if (wasmC != null && wasmC < target('wasm/c-wasm')) {
    why.push(
      `WASM binding overhead: ${Math.round((1 - wasmC) * 100)}% of the time is spent outside libolm (heap copies, conversions, objects)${overhead('wasm')}`,
    );
  }
  return why;
}

/** A time difference per operation: "+850 ns", "+12.3 µs", "-40 ns". */
export function formatNs(ns: number): string {
  const sign = ns < 0 ? '-' : '+';
  const abs = Math.abs(ns);
  if (abs < 1000) return `${sign}${abs.toFixed(0)} ns`;
  const us = abs / 1000;
  return `${sign}${us >= 100 ? us.toFixed(0) : us >= 10 ? us.toFixed(1) : us.toFixed(2)} µs`;
}

/** An overhead cell: "+1.20 µs (16%)", marked "~" when it is noise; "n/a" when not measured. */
export function formatOverhead(overhead: Overhead | undefined): string {
  if (overhead === undefined || overhead.ns === null || overhead.share === null) return 'n/a';
  return `${formatNs(overhead.ns)} (${Math.round(overhead.share * 100)}%)${overhead.noise ? ' ~' : ''}`;
}

/** The backends whose overhead some row has: both the backend and its C baseline measured. */
const overheadShown = (report: BenchReport): Array<(typeof OVERHEAD_PAIRS)[number]> =>
  OVERHEAD_PAIRS.filter(({ backend }) => report.rows.some((row) => row.overhead.find((o) => o.backend === backend)?.ns != null));

/**
 * The binding overhead table's cells (text, Markdown and HTML), a table of its own so the main
 * one keeps its width; null when no backend was measured beside its C baseline.
 */
export function overheadCells(report: BenchReport): { head: string[]; body: string[][] } | null {
  const shown = overheadShown(report);
  if (shown.length === 0) return null;
  const name = (id: string): string =>
    report.implementations.find((impl) => impl.id === id)?.label ?? IMPLEMENTATION_NAMES[id] ?? id;
  return {
    head: ['binding overhead (per op)', ...shown.map(({ backend, baseline }) => `${name(backend)} − ${name(baseline)}`)],
    body: report.rows.map((row) => [
      row.label,
      ...shown.map(({ backend }) => formatOverhead(row.overhead.find((o) => o.backend === backend))),
    ]),
  };
}

/** What the overhead table's numbers are, under it (two lines in the text report). */
export const OVERHEAD_NOTE = [
  'binding overhead: time per operation above plain C over the same libolm build (1/backend − 1/C, from the medians),',
  "and its share of the backend's time; ~: negative or within the rounds' spread (noise).",
] as const;

export function formatOps(value: number): string {
  const [scaled, unit] = value >= 1e6 ? [value / 1e6, 'M'] : value >= 1e3 ? [value / 1e3, 'k'] : [value, ''];
  return `${scaled >= 100 ? scaled.toFixed(0) : scaled >= 10 ? scaled.toFixed(1) : scaled.toFixed(2)}${unit}`;
}

export function formatRatio(value: number | null): string {
  return value === null ? 'n/a' : `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}x`;
}

export function formatStat(result: Stat | null): string {
  return result === null ? 'n/a' : `${formatOps(result.median)} ±${Math.round(result.spread * 100)}%`;
}

/** The targets some row could check: both sides measured. */
export function checkedTargets(report: BenchReport): Target[] {
  return TARGETS.filter((_, i) => report.rows.some((row) => row.ratios[i]?.value != null));
}

const IMPLEMENTATION_NAMES: Record<string, string> = {
  reference: '@matrix-org/olm',
  towns: '@towns-protocol/olm',
  c: 'C',
  'c-wasm': 'C (WASM)',
  native: 'native',
  wasm: 'wasm',
};

/**
 * The footer's account of the targets: which were checked and met, which were not checked and
 * why (what was not measured), and how to add @matrix-org/olm. Misses are listed separately.
 */
export function targetSummary(report: BenchReport): string[] {
  const checked = checkedTargets(report);
  const unchecked = TARGETS.filter((target) => !checked.includes(target));
  const measured = new Set(report.implementations.map((impl) => impl.id));
  const lines: string[] = [];
  if (checked.length === 0) lines.push('No targets checked: each compares two implementations, and no such pair was measured.');
  else if (report.misses.length === 0) lines.push(`Every checked target is met (${checked.map((t) => t.summary).join('; ')}).`);
  for (const target of unchecked) {
    const missing = [target.of, target.against].filter((id) => !measured.has(id)).map((id) => IMPLEMENTATION_NAMES[id] ?? id);
    lines.push(`not checked: ${target.summary} (${missing.join(' and ')} not measured)`);
  }
  if (!measured.has('reference')) {
    lines.push('To compare with @matrix-org/olm, install it beside olm-universal: npm install -D @matrix-org/olm');
  }
  return lines;
}

/** The table's cells, shared by the text and the HTML report: ratio columns only for checked targets. */
export function tableCells(report: BenchReport): { head: string[]; body: string[][] } {
  const shown = TARGETS.map((target, i) => [target, i] as const).filter(([target]) => checkedTargets(report).includes(target));
  const head = [
    'operation (ops/s)',
    ...report.implementations.map((impl) => impl.label),
    ...shown.map(([t]) => `${t.of}/${t.against === 'reference' ? 'ref' : t.against}`),
    'target',
  ];
  const body = report.rows.map((row) => [
    row.label,
    ...report.implementations.map((impl) => formatStat(row.results[impl.id] ?? null)),
    ...shown.map(([, i]) => formatRatio(row.ratios[i]?.value ?? null)),
    row.target.status === 'miss' ? `miss: ${row.target.short.join(', ')}` : row.target.status,
  ]);
  return { head, body };
}

export function machineLine(report: BenchReport): string {
  const m = report.machine;
  return (
    `${report.date.slice(0, 16).replace('T', ' ')} UTC · ${m.cpuModel} · ${m.cpus} CPUs · ${m.os ?? m.platform} ${m.arch} · ` +
    `node ${m.node}${m.browser ? ` · ${m.browser}` : ''} · libolm ${report.libolm} · ${report.settings.rounds} rounds x ` +
    `${report.settings.minMs} ms${report.settings.quick ? ' (--quick)' : ''}`
  );
}

/** What each column measured: "native: olm-universal 0.1.0, libolm 3.2.13, fast: …". */
export function versionLines(report: BenchReport): string[] {
  return report.implementations.map((impl) => `${impl.label}: ${impl.version ?? 'unknown'}`);
}
