// `olm-universal bench` end to end, in tiny runs: the JSON's shape (never its speed), the text
// table, the --html chart rendered in Chromium, the sweeps' charts counted in Chromium, --impl,
// --markdown, --browser, and bad options.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../dist/bench/browser-host.js';
import type { BenchReport, Stat } from '../dist/bench/report.js';
import { ROW_IDS, ROWS } from '../dist/bench/rows.js';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'olm-bench-test-'));
// --quick with the hidden knobs turned down: one round of 5 ms per row, no warm-up.
const TINY = ['--quick', '--rounds', '1', '--min-time', '5', '--warmup', '0'];

async function bench(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, 'bench', ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function expectStat(stat: Stat | null | undefined, rounds: number) {
  expect(stat).not.toBeNull();
  expect(stat!.samples).toHaveLength(rounds);
  expect(stat!.median).toBeGreaterThan(0);
  expect(stat!.min).toBeLessThanOrEqual(stat!.median);
  expect(stat!.max).toBeGreaterThanOrEqual(stat!.median);
  expect(stat!.spread).toBeGreaterThanOrEqual(0);
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('olm-universal bench --quick --json --html', () => {
  const json = join(dir, 'bench.json');
  const html = join(dir, 'bench.html');
  let run: Awaited<ReturnType<typeof bench>>;
  let report: BenchReport;

  beforeAll(async () => {
    run = await bench([...TINY, '--json', json, '--html', html]);
    report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
  }, 120_000);

  it('exits cleanly and prints the table with every row', () => {
    expect(run.code).toBe(0);
    for (const row of ROWS) expect(run.stdout).toContain(row.label);
    expect(run.stdout).toMatch(/native\/ref +native\/c +wasm\/ref +wasm\/c-wasm +target/);
    expect(run.stderr).toContain('round 1/1');
  });

  it('writes JSON with the machine, the settings, the versions and every implementation', () => {
    expect(report.tool).toBe('olm-universal bench');
    expect(report.libolm).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number.isNaN(Date.parse(report.date))).toBe(false);
    expect(report.machine.cpus).toBeGreaterThan(0);
    expect(report.machine.cpuModel).not.toBe('');
    expect(report.machine.os).toMatch(/^Linux \d/);
    expect(report.machine.memoryGiB).toBeGreaterThan(0);
    expect(report.settings).toMatchObject({ quick: true, rounds: 1, minMs: 5, warmupMs: 0, sweeps: [] });
    expect(report.sweeps).toEqual([]);
    const version = (id: string) => report.implementations.find((impl) => impl.id === id)?.version;
    expect(version('native')).toMatch(/^olm-universal \d+\.\d+\.\d+, libolm 3\.2\.\d+, fast: /);
    expect(version('wasm')).toMatch(/^olm-universal .*, fast: x25519-25\.5/);
    expect(version('reference')).toBe('@matrix-org/olm 3.2.15');
    expect(version('towns')).toMatch(/^@towns-protocol\/olm 3\.2\.\d+$/);
    expect(version('c')).toMatch(/^libolm 3\.2\.\d+ in C/);
    expect(version('c-wasm')).toMatch(/^libolm 3\.2\.\d+ in C compiled to WASM/);
    for (const impl of report.implementations) expect(run.stdout).toContain(`  ${impl.label}: ${impl.version}`);
    // Source builds with the fast crypto core add the comparison columns: libolm's stock core,
    // and the fast core without the hardening (what it costs each row), as addon and as C; and
    // the WASM backend's limit, C compiled by emscripten (C (WASM)).
    const ids = report.implementations.map((impl) => impl.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'native',
        'native-stock',
        'native-unhardened',
        'wasm',
        'reference',
        'towns',
        'c',
        'c-stock',
        'c-unhardened',
        'c-wasm',
      ]),
    );
    for (const id of ids) expect(id).toMatch(/^(native|native-stock|native-unhardened|wasm|reference|towns|c|c-[\w.]+)$/);
    expect(report.skipped).toEqual([]);
    expect(report.wasmSize.ours).toBe(statSync(join(root, 'dist', 'olm-wasm.wasm')).size);
    expect(report.wasmSize.reference).toBe(statSync(join(root, 'node_modules', '@matrix-org', 'olm', 'olm.wasm')).size);
    expect(report.wasmSize.status).toBe(report.wasmSize.ours! <= report.wasmSize.reference! ? 'pass' : 'miss');
  });

  it('has one row per operation, each with a result or n/a per implementation', () => {
    expect(report.rows.map((row) => row.id)).toEqual(ROW_IDS);
    for (const row of report.rows) {
      expect(Object.keys(row.results).sort()).toEqual(report.implementations.map((impl) => impl.id).sort());
      // Every implementation has every operation: no n/a.
      for (const impl of report.implementations) expectStat(row.results[impl.id], 1);
      expect(row.target.status).not.toBe('n/a');
    }
  });

  it('derives ratios and targets from the medians', () => {
    for (const row of report.rows) {
      expect(row.ratios.map((ratio) => ratio.id)).toEqual([
        'native/reference',
        'native/c',
        'wasm/reference',
        'wasm/c-wasm',
        'wasm-browser/wasm',
      ]);
      const [nativeRef, nativeC, wasmRef, wasmC, browserWasm] = row.ratios.map((ratio) => ratio.value);
      // This run has no --browser: the Chromium target is not checked.
      expect(browserWasm).toBeNull();
      const median = (id: string) => row.results[id]?.median;
      if (median('native') !== undefined) {
        expect(nativeRef).toBeCloseTo(median('native')! / median('reference')!, 10);
        expect(nativeC).toBeCloseTo(median('native')! / median('c')!, 10);
        expect(row.target.misses.some((m) => m.startsWith('native ≥ 3x'))).toBe(nativeRef! < 3);
      } else expect(nativeRef).toBeNull();
      if (median('wasm') !== undefined) {
        expect(wasmRef).toBeCloseTo(median('wasm')! / median('reference')!, 10);
        expect(wasmC).toBeCloseTo(median('wasm')! / median('c-wasm')!, 10);
        expect(row.target.misses.some((m) => m.startsWith('wasm ≥ 0.9x C (WASM)'))).toBe(wasmC! < 0.9);
      }
      expect(row.target.status).toBe(
        row.target.misses.length > 0 ? 'miss' : nativeRef === null && wasmRef === null ? 'n/a' : 'pass',
      );
    }
    expect(report.misses.map((miss) => miss.row)).toEqual(
      report.rows.filter((r) => r.target.status === 'miss').map((r) => r.label),
    );
  });

  it("gives each backend's binding overhead per row: ns per operation above its C baseline, and its share", () => {
    for (const row of report.rows) {
      expect(row.overhead.map((o) => [o.backend, o.baseline])).toEqual([
        ['native', 'c'],
        ['wasm', 'c-wasm'],
      ]);
      for (const o of row.overhead) {
        const [ours, c] = [row.results[o.backend]!.median, row.results[o.baseline]!.median];
        expect(o.ns).toBeCloseTo(1e9 / ours - 1e9 / c, 6);
        expect(o.share).toBeCloseTo(1 - ours / c, 10);
        // A number either way; below zero it cannot be a cost, and is marked as noise.
        expect(Number.isFinite(o.ns)).toBe(true);
        if (o.ns! < 0) expect(o.noise).toBe(true);
      }
    }
    // The text report's own table: one line per row, both backends, "~" marking the noise.
    const lines = run.stdout.split('\n');
    const head = lines.findIndex((line) => line.startsWith('binding overhead (per op)'));
    expect(lines[head]).toMatch(/^binding overhead \(per op\) +native − C +wasm − C \(WASM\)$/);
    for (const [i, row] of report.rows.entries()) {
      const cells = /^(.+?) {2,}([+-][\d.]+ (?:ns|µs) \(-?\d+%\)(?: ~)?) +([+-][\d.]+ (?:ns|µs) \(-?\d+%\)(?: ~)?)$/.exec(
        lines[head + 2 + i]!,
      );
      expect(cells?.[1]).toBe(row.label);
      expect(cells![2]!.endsWith('~')).toBe(row.overhead[0]!.noise);
      expect(cells![3]!.endsWith('~')).toBe(row.overhead[1]!.noise);
    }
  });

  it('writes an HTML chart that renders in Chromium with one bar per implementation per row', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(`file://${html}`);
      const shot = join(dir, 'bench.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
      expect(statSync(shot).size).toBeGreaterThan(20_000);
      const bars = await page.$$eval('svg rect.bar', (rects) =>
        rects.map((rect) => ({
          row: rect.getAttribute('data-row'),
          impl: rect.getAttribute('data-impl'),
          ops: rect.getAttribute('data-ops'),
          width: rect.getBoundingClientRect().width,
        })),
      );
      expect(bars).toHaveLength(report.rows.length * report.implementations.length);
      for (const row of report.rows) {
        for (const impl of report.implementations) {
          const matching = bars.filter((bar) => bar.row === row.id && bar.impl === impl.id);
          expect(matching).toHaveLength(1);
          const result = row.results[impl.id];
          expect(matching[0]!.ops).toBe(result ? result.median.toFixed(1) : 'n/a');
          if (result) expect(matching[0]!.width).toBeGreaterThan(0);
          else expect(matching[0]!.width).toBe(0);
        }
      }
      expect(await page.locator('table:not(.overhead) tbody tr').count()).toBe(report.rows.length);
      // The binding overhead's table: a line per row, native and wasm each against its C.
      expect(await page.locator('table.overhead tbody tr').count()).toBe(report.rows.length);
      expect(await page.locator('table.overhead thead th').allTextContents()).toEqual([
        'binding overhead (per op)',
        'native − C',
        'wasm − C (WASM)',
      ]);
    } finally {
      await browser.close();
    }
  });
});

/** The sweep charts of an --html page as Chromium lays them out: per chart, its lines. */
async function sweepCharts(html: string) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(`file://${html}`);
    return await page.$$eval('svg.sweep-chart', (svgs) =>
      svgs.map((svg) => ({
        sweep: svg.getAttribute('data-sweep'),
        op: svg.getAttribute('data-op'),
        metric: svg.getAttribute('data-metric'),
        right: svg.getBoundingClientRect().right,
        lines: Object.fromEntries(
          [...svg.querySelectorAll('path.series')].map((path) => [
            path.getAttribute('data-impl'),
            Number(path.getAttribute('data-points')),
          ]),
        ),
        dots: svg.querySelectorAll('circle').length,
      })),
    );
  } finally {
    await browser.close();
  }
}

describe('olm-universal bench --sweep', () => {
  it('size: Megolm and Olm over plaintext sizes, charted per implementation (ops/s and MB/s)', async () => {
    const [json, html] = [join(dir, 'sweep-size.json'), join(dir, 'sweep-size.html')];
    const run = await bench([...TINY, '--sweep', 'size', '--sizes', '16,4096,1048576', '--json', json, '--html', html]);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
    // A sweep alone: no table rows.
    expect(report.rows).toEqual([]);
    expect(report.sweeps.map((s) => [s.kind, s.points])).toEqual([['size', [16, 4096, 1048576]]]);
    const sweep = report.sweeps[0]!;
    expect(sweep.ops.map((op) => op.id)).toEqual(['megolm-encrypt', 'megolm-decrypt', 'olm-encrypt', 'olm-encrypt-decrypt']);
    const measured = report.implementations.map((impl) => impl.id);
    expect(measured).toEqual(expect.arrayContaining(['native', 'wasm', 'reference', 'towns']));
    // The C baseline has the table's rows only: a sweep alone leaves it out.
    expect(measured.filter((id) => id.startsWith('c'))).toEqual([]);
    for (const op of sweep.ops) for (const id of measured) for (const point of op.results[id]!) expectStat(point, 1);
    expect(run.stdout).toMatch(/^sweep: plaintext size/m);
    expect(run.stdout).toMatch(/^Megolm encrypt +native +\S+ [\d.]+MB\/s/m);

    const charts = await sweepCharts(html);
    expect(charts.map((c) => `${c.op}/${c.metric}`)).toEqual(sweep.ops.flatMap((op) => [`${op.id}/ops`, `${op.id}/mbps`]));
    for (const chart of charts) {
      expect(chart.lines).toEqual(Object.fromEntries(measured.map((id) => [id, 3])));
      expect(chart.dots).toBe(measured.length * 3);
      expect(chart.right).toBeLessThanOrEqual(1000);
    }
  }, 120_000);

  it('ahead: Megolm import+decrypt N messages ahead, from one shared fixture', async () => {
    const [json, html, svg] = [join(dir, 'sweep-ahead.json'), join(dir, 'sweep-ahead.html'), join(dir, 'sweep-ahead.svg')];
    const run = await bench([
      ...TINY,
      '--sweep',
      'ahead',
      '--ahead',
      '1,1000',
      '--impl',
      'native,wasm,reference,towns',
      '--json',
      json,
      '--html',
      html,
      '--svg',
      svg,
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
    expect(report.implementations.map((impl) => impl.id)).toEqual(['native', 'wasm', 'reference', 'towns']);
    expect(report.sweeps[0]!.ops.map((op) => op.id)).toEqual(['megolm-decrypt-ahead']);
    for (const id of ['native', 'wasm', 'reference', 'towns'])
      for (const point of report.sweeps[0]!.ops[0]!.results[id]!) expectStat(point, 1);
    const charts = await sweepCharts(html);
    expect(charts.map((c) => c.metric)).toEqual(['ops', 'us']);
    for (const chart of charts) expect(chart.lines).toEqual({ native: 2, wasm: 2, reference: 2, towns: 2 });
    // --svg: the same figure on its own, for a README.
    const image = readFileSync(svg, 'utf8');
    expect(image).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(image.match(/class="sweep-chart"/g)).toHaveLength(2);
  }, 120_000);
});

describe('olm-universal bench --impl and --markdown', () => {
  it('measures only the implementations named (ids or the table names)', async () => {
    const json = join(dir, 'impl.json');
    const run = await bench([
      ...TINY,
      '--impl',
      'wasm,@towns-protocol/olm,native (stock)',
      '--rows',
      'sha256-1k',
      '--json',
      json,
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
    expect(report.implementations.map((impl) => impl.id)).toEqual(['native-stock', 'wasm', 'towns']);
  }, 120_000);

  it('prints the table as Markdown', async () => {
    const run = await bench([...TINY, '--impl', 'native,reference', '--rows', 'sha256-1k,sas-mac', '--markdown']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\| operation \(ops\/s\) \| native \| @matrix-org\/olm \| native\/ref \| target \|$/m);
    expect(run.stdout).toMatch(/^\| :-- \| --: \| --: \| --: \| :-- \|$/m);
    expect(run.stdout).toMatch(/^\| sha256 1 KiB \| \S+ ±\d+% \| \S+ ±\d+% \| [\d.]+x \| (pass|miss.*) \|$/m);
    expect(run.stdout).toMatch(/^\| SAS MAC \|/m);
  }, 120_000);
});

describe('olm-universal bench --browser', () => {
  it('measures the WASM backend in Chromium as its own column, rows and sweeps', async () => {
    const json = join(dir, 'browser.json');
    const run = await bench([
      ...TINY,
      '--browser',
      '--rows',
      'megolm-encrypt-32,megolm-decrypt-1k',
      '--sweep',
      'ahead',
      '--ahead',
      '16',
      '--json',
      json,
    ]);
    expect(run.stderr).not.toContain('not measured');
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
    expect(report.implementations.map((impl) => impl.id)).toContain('wasm-browser');
    expect(report.machine.browser).toMatch(/^Chromium \d+/);
    for (const row of report.rows) expectStat(row.results['wasm-browser'], 1);
    // The sweeps run in the page too, on the fixture the host made.
    expectStat(report.sweeps[0]!.ops[0]!.results['wasm-browser']![0], 1);
  }, 120_000);
});

describe('olm-universal bench rejects bad options', () => {
  it.each([
    [['--rounds', '0'], '--rounds must be a positive number'],
    [['--min-time', 'fast'], '--min-time must be a positive number'],
    [['--rows', 'megolm-encrypt-32,nope'], 'unknown row nope'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['--sweep', 'width'], 'unknown sweep width'],
    [['--sweep', 'size', '--sizes', '16,0'], '--sizes: each point must be a whole number from 1 to'],
    [['--impl', 'native,libsignal'], '--impl: unknown implementation libsignal'],
    [['--rows', 'sha256-1k', '--svg', 'x.svg'], '--svg writes the sweeps'],
  ])('%j', async (args, message) => {
    const run = await bench(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });

  it('names the subcommands', async () => {
    const { code, stderr } = await promisify(execFile)(process.execPath, [cli, 'frob']).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(code).toBe(2);
    expect(stderr).toContain('usage: olm-universal <command>');
    expect(stderr).toMatch(/^  bench /m);
  });
});
