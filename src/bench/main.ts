// `olm-universal bench`: options, the implementations, the run, the outputs.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatHtml } from './html.js';
import { cBaselines, ourBackend, ourNativeComparisons, reference, type Implementation, type Skipped } from './implementations.js';
import { Progress } from './progress.js';
import { buildReport, formatText } from './report.js';
import { isRowId, ROW_IDS, type RowId } from './rows.js';
import { runRounds } from './run.js';

export const BENCH_HELP = `usage: olm-universal bench [options]

Measures libolm operations on olm-universal's native and WASM backends, @matrix-org/olm (when
installed) and the plain C baseline (when built), interleaved row by row and round by round, and
prints a table.

  --quick          a short run (under a minute): fewer rounds, less time per row
  --json FILE      write the results as JSON
  --html FILE      write a self-contained page with a bar chart (log scale) and the table
  --browser        also measure the WASM backend in headless Chromium: needs the playwright-core
                   package (npm install -D playwright-core) and Chromium at /usr/bin/chromium
  --rounds N       rounds (default 7, --quick 3)
  --min-time MS    time per row, implementation and round (default 250, --quick 60)
  --warmup MS      time per row of the warm-up round, 0 for none (default 100, --quick 25)
  --rows A,B       only these rows (ids as in the JSON)
`;

const positive = (value: string | undefined, fallback: number, name: string, allowZero = false): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !allowZero)) throw new RangeError(`--${name} must be a positive number, got ${value}`);
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

export async function bench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      html: { type: 'string' },
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
    return;
  }
  const quick = values.quick;
  const rows: RowId[] = values.rows === undefined ? [...ROW_IDS] : values.rows.split(',').map((id) => {
    if (!isRowId(id)) throw new RangeError(`--rows: unknown row ${id} (rows: ${ROW_IDS.join(', ')})`);
    return id;
  });
  const settings = {
    quick,
    rows,
    rounds: Math.round(positive(values.rounds, quick ? 3 : 7, 'rounds')),
    minMs: positive(values['min-time'], quick ? 60 : 250, 'min-time'),
    warmupMs: positive(values.warmup, quick ? 25 : 100, 'warmup', true),
  };

  const progress = new Progress();
  progress.update('loading the implementations');
  const candidates: Array<Implementation | Skipped> = [
    await ourBackend('native'),
    ...(await ourNativeComparisons()),
    await ourBackend('wasm'),
    await reference(),
    ...cBaselines(),
  ];
  let browserVersion: string | undefined;
  if (values.browser) {
    const { browserWasm } = await import('./browser-host.js');
    const browser = await browserWasm();
    if ('measure' in browser) browserVersion = browser.browserVersion;
    candidates.push(browser);
  }
  const implementations = candidates.filter((c): c is Implementation => 'measure' in c);
  const skipped = candidates.filter((c): c is Skipped => !('measure' in c));
  for (const s of skipped) progress.line(`not measured: ${s.label}: ${s.reason}`);

  let samples;
  try {
    samples = await runRounds(implementations, settings, progress);
  } finally {
    for (const impl of implementations) await impl.close?.();
  }
  const { load } = await import('../node.js');
  const libolm = (await load()).version;
  const report = buildReport({
    samples,
    implementations: implementations.map(({ id, label }) => ({ id, label })),
    skipped,
    settings,
    version: packageVersion(),
    libolm,
    wasmSize: {
      ours: sizeOf(() => new URL('../olm-wasm.wasm', import.meta.url)),
      reference: sizeOf(() => createRequire(import.meta.url).resolve('@matrix-org/olm/olm.wasm')),
    },
    ...(browserVersion !== undefined ? { browser: browserVersion } : {}),
  });
  process.stdout.write(`${formatText(report)}\n`);
  if (values.json !== undefined) {
    await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
    progress.line(`wrote ${values.json}`);
  }
  if (values.html !== undefined) {
    await writeFile(values.html, formatHtml(report));
    progress.line(`wrote ${values.html}`);
  }
}
