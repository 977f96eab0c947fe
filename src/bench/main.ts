// `olm-universal bench`: options, the implementations, the run, the outputs.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatHtml } from './html.js';
import {
  cBaselines,
  cWasmBaseline,
  ourBackend,
  ourNativeComparisons,
  reference,
  towns,
  type Implementation,
  type Skipped,
} from './implementations.js';
import { formatMarkdown } from './markdown.js';
import { makeAheadFixture } from './ops-ours.js';
import { Progress } from './progress.js';
import { buildReport } from './report.js';
import { formatText } from './text.js';
import { isRowId, ROW_IDS, ROWS, type RowId } from './rows.js';
import { runRounds, type Case } from './run.js';
import { caseId, DEFAULT_POINTS, isSweepKind, MAX_POINT, SWEEP_KINDS, SWEEP_OPS, SWEEP_UNITS, type SweepKind } from './sweep.js';
import { sweepFigure } from './sweep-chart.js';

export const BENCH_HELP = `usage: olm-universal bench [options]
       olm-universal bench compare A.json B.json [--min-effect F] [--markdown]

Measures libolm operations on olm-universal's native and WASM backends, @matrix-org/olm and
@towns-protocol/olm (when installed) and the plain C baselines (when built: native, and compiled
to WASM), interleaved row by row and round by round, and prints a table, with each backend's
binding overhead per operation (its time above its C baseline).

  --quick          a short run (under a minute): fewer rounds, less time per row
  --impl A,B       only these implementations (ids or names as in the table: native, native-stock,
                   native-unhardened, wasm, reference, towns, c, c-<variant>, c-wasm,
                   wasm-browser);
                   default: every one available
  --rows A,B       only these rows (ids as in the JSON)
  --sweep KIND     instead of the table (unless --rows is given too), measure over a range:
                   size:  Megolm and Olm encrypt/decrypt, plaintexts of 16 B to 1 MiB
                   ahead: Megolm import+decrypt of a message 1 to 65,536 indices ahead
                   (steps of 4x; --sweep size,ahead for both); ops/s and MB/s per implementation,
                   charted in the --html page
  --sizes A,B      the size sweep's points in bytes (default 16,64,...,1048576)
  --ahead A,B      the ahead sweep's points (default 1,4,...,65536)
  --json FILE      write the results as JSON: the machine, the versions, the settings and every
                   sample (the input of bench compare)
  --html FILE      write a self-contained page: the machine, the versions, the targets, a bar chart
                   (log scale), the table and the sweeps' line charts
  --svg FILE       write the sweeps' charts as one SVG image
  --markdown       print the table (and the sweeps) as Markdown instead of plain text
  --browser        also measure the WASM backend in headless Chromium: needs the playwright-core
                   package (npm install -D playwright-core) and Chromium at /usr/bin/chromium
  --rounds N       rounds (default 7, --quick 3)
  --min-time MS    time per case, implementation and round (default 250, --quick 60)
  --warmup MS      time per case of the warm-up round, 0 for none (default 100, --quick 25)

bench compare: see olm-universal bench compare --help.
`;

const positive = (value: string | undefined, fallback: number, name: string, allowZero = false): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !allowZero))
    throw new RangeError(`--${name} must be a positive number, got ${value}`);
  return n;
};

function packageVersion(): string {
  const json = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return json.version;
}

/** Size in bytes of a file found by `locate`, or null. */
function sizeOf(locate: () => string | URL): number | null {
  try {
    return statSync(locate()).size;
  } catch {
    return null;
  }
}

/** A comma-separated list of whole numbers within 1..max. */
function points(value: string, name: string, max: number): number[] {
  const list = value.split(',').map((item) => {
    const n = Number(item);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new RangeError(`--${name}: each point must be a whole number from 1 to ${max}, got ${item}`);
    return n;
  });
  return [...new Set(list)].sort((a, b) => a - b);
}

/** The ids --impl accepts: every implementation the bench knows, found or not. */
const KNOWN_IMPLEMENTATIONS = [
  'native',
  'native-stock',
  'native-unhardened',
  'wasm',
  'reference',
  'towns',
  'c',
  'c-wasm',
  'wasm-browser',
];

/** --impl's names (ids or table labels, any case) as ids; C variants are c-<variant>. */
function chosenImplementations(value: string | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  const labels: Record<string, string> = {
    '@matrix-org/olm': 'reference',
    '@towns-protocol/olm': 'towns',
    'wasm (chromium)': 'wasm-browser',
  };
  return new Set(
    value.split(',').map((name) => {
      const key = name.trim().toLowerCase();
      const variant = /^(native|c) \(([\w.]+)\)$/.exec(key);
      const id = labels[key] ?? (variant ? `${variant[1]}-${variant[2]}` : key);
      if (!KNOWN_IMPLEMENTATIONS.includes(id) && !/^c-[\w.]+$/.test(id)) {
        throw new RangeError(`--impl: unknown implementation ${name} (known: ${KNOWN_IMPLEMENTATIONS.join(', ')}, c-<variant>)`);
      }
      return id;
    }),
  );
}

/** `olm-universal bench [compare]`; the exit status. */
export async function bench(argv: string[]): Promise<number> {
  if (argv[0] === 'compare') return (await import('./compare-cli.js')).compareCommand(argv.slice(1));
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      impl: { type: 'string' },
      sweep: { type: 'string' },
      sizes: { type: 'string' },
      ahead: { type: 'string' },
      json: { type: 'string' },
      html: { type: 'string' },
      svg: { type: 'string' },
      markdown: { type: 'boolean', default: false },
      browser: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      'min-time': { type: 'string' },
      warmup: { type: 'string' },
      rows: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(BENCH_HELP);
    return 0;
  }
  const quick = values.quick;
  const kinds =
    values.sweep === undefined
      ? []
      : [...new Set(values.sweep.split(','))].map((kind) => {
          if (!isSweepKind(kind)) throw new RangeError(`--sweep: unknown sweep ${kind} (sweeps: ${SWEEP_KINDS.join(', ')})`);
          return kind;
        });
  if (values.svg !== undefined && kinds.length === 0)
    throw new RangeError("--svg writes the sweeps' charts: add --sweep size or --sweep ahead");
  const pointsOf = (kind: SweepKind): number[] => {
    const given = kind === 'size' ? values.sizes : values.ahead;
    return given === undefined ? [...DEFAULT_POINTS[kind]] : points(given, kind === 'size' ? 'sizes' : 'ahead', MAX_POINT[kind]);
  };
  // A sweep replaces the table unless rows are asked for too.
  const rows: RowId[] =
    values.rows === undefined
      ? kinds.length > 0
        ? []
        : [...ROW_IDS]
      : values.rows.split(',').map((id) => {
          if (!isRowId(id)) throw new RangeError(`--rows: unknown row ${id} (rows: ${ROW_IDS.join(', ')})`);
          return id;
        });
  const chosen = chosenImplementations(values.impl);
  const settings = {
    quick,
    rows,
    sweeps: kinds.map((kind) => ({ kind, points: pointsOf(kind) })),
    rounds: Math.round(positive(values.rounds, quick ? 3 : 7, 'rounds')),
    minMs: positive(values['min-time'], quick ? 60 : 250, 'min-time'),
    warmupMs: positive(values.warmup, quick ? 25 : 100, 'warmup', true),
  };
  const version = packageVersion();

  const progress = new Progress();
  progress.update('loading the implementations');
  const { load } = await import('../node.js');
  const libolm = (await load()).version;
  const aheadPoints = settings.sweeps.find((sweep) => sweep.kind === 'ahead')?.points;
  // One fixture for every implementation, made by our fastest backend (setup, not measured).
  const ahead = aheadPoints && makeAheadFixture(await load(), aheadPoints);
  const wanted = (id: string): boolean => chosen === undefined || chosen.has(id);
  const candidates: Array<Implementation | Skipped> = [
    ...(wanted('native') ? [await ourBackend('native', version, ahead)] : []),
    ...(await ourNativeComparisons(version, ahead)).filter((impl) => wanted(impl.id)),
    ...(wanted('wasm') ? [await ourBackend('wasm', version, ahead)] : []),
    ...(wanted('reference') ? [await reference(ahead)] : []),
    ...(wanted('towns') ? [await towns(ahead)] : []),
    // The C programs have the table's rows only: without rows they would be n/a throughout.
    ...(rows.length > 0 ? [...cBaselines(libolm), ...cWasmBaseline(libolm)].filter((impl) => wanted(impl.id)) : []),
  ];
  let browserVersion: string | undefined;
  if (values.browser || chosen?.has('wasm-browser')) {
    const { browserWasm } = await import('./browser-host.js');
    const browser = await browserWasm(version, ahead);
    if ('measure' in browser) browserVersion = browser.browserVersion;
    candidates.push(browser);
  }
  const implementations = candidates.filter((c): c is Implementation => 'measure' in c);
  const skipped = candidates.filter((c): c is Skipped => !('measure' in c));
  for (const s of skipped) progress.line(`not measured: ${s.label}: ${s.reason}`);
  for (const id of chosen ?? []) {
    if (!candidates.some((c) => c.id === id)) progress.line(`not measured: ${id}: not built or not available here`);
  }
  if (implementations.length === 0) throw new Error('no implementation to measure');

  const cases: Case[] = [
    ...rows.map((id) => ({ id, label: ROWS.find((row) => row.id === id)!.label })),
    ...settings.sweeps.flatMap(({ kind, points: list }) =>
      SWEEP_OPS[kind].flatMap((op) =>
        list.map((n) => ({ id: caseId(op.id, n), label: `${op.label} ${SWEEP_UNITS[kind].short(n)}` })),
      ),
    ),
  ];
  let samples;
  try {
    samples = await runRounds(implementations, cases, settings, progress);
  } finally {
    for (const impl of implementations) await impl.close?.();
  }
  const report = buildReport({
    samples,
    implementations: implementations.map(({ id, label, version: v }) => ({ id, label, version: v })),
    skipped,
    settings,
    version,
    libolm,
    wasmSize: {
      ours: sizeOf(() => new URL('../olm-wasm.wasm', import.meta.url)),
      reference: sizeOf(() => createRequire(import.meta.url).resolve('@matrix-org/olm/olm.wasm')),
    },
    ...(browserVersion !== undefined ? { browser: browserVersion } : {}),
  });
  process.stdout.write(`${values.markdown ? formatMarkdown(report) : formatText(report)}\n`);
  if (values.json !== undefined) {
    await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
    progress.line(`wrote ${values.json}`);
  }
  if (values.html !== undefined) {
    await writeFile(values.html, formatHtml(report));
    progress.line(`wrote ${values.html}`);
  }
  if (values.svg !== undefined) {
    await writeFile(values.svg, sweepFigure(report));
    progress.line(`wrote ${values.svg}`);
  }
  return 0;
}
