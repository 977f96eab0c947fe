// `olm-universal bench compare`: the rule on synthetic runs (a known change among jittered cases,
// a run-wide shift, too few rounds), then real runs of this build: twice the same (no change
// beyond the noise), and once with one row slowed by the test hook (flagged: that row only).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asReport, compareReports } from '../dist/bench/compare.js';
import { buildReport, type BenchReport } from '../dist/bench/report.js';
import { ROW_IDS, type RowId } from '../dist/bench/rows.js';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'olm-bench-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function olmUniversal(args: string[], env: NodeJS.ProcessEnv = process.env) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { timeout: 120_000, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const ROWS: RowId[] = ROW_IDS.slice(0, 8);

/** A run of `ROWS` on native and wasm: five rounds at `speed(row)` ops/s with ±4 % jitter. */
function run(speed: (row: RowId, impl: string) => number, rounds = 5): BenchReport {
  const jitter = [1, 1.04, 0.96, 1.02, 0.98, 1.01, 0.99];
  const samples = Object.fromEntries(
    ['native', 'wasm'].map((impl) => [
      impl,
      Object.fromEntries(ROWS.map((row) => [row, jitter.slice(0, rounds).map((j) => speed(row, impl) * j)])),
    ]),
  );
  return buildReport({
    samples,
    implementations: ['native', 'wasm'].map((id) => ({ id, label: id, version: `${id} 1.0` })),
    skipped: [],
    settings: { quick: false, rows: ROWS, sweeps: [], rounds, minMs: 100, warmupMs: 0 },
    version: '0.1.0',
    libolm: '3.2.13',
    wasmSize: { ours: null, reference: null },
  });
}

// Each case at its own speed, with a little between-run scatter (±3 %) in B.
const base = (row: RowId, impl: string) => 1000 * (ROWS.indexOf(row) + 1) * (impl === 'wasm' ? 0.5 : 1);
const scatter = (row: RowId, impl: string) => 1 + 0.03 * Math.sin(ROWS.indexOf(row) * 7 + impl.length);

describe('the rule', () => {
  it('flags one case slowed by 2x among cases that only scatter', () => {
    const a = run(base);
    const b = run(
      (row, impl) =>
        base(row, impl) * scatter(row, impl) * (row === 'sha256-1k' || (row === ROWS[3] && impl === 'wasm') ? 0.5 : 1),
    );
    const { comparisons, runWide } = compareReports(a, b);
    expect(runWide).toBeCloseTo(1, 1);
    const flagged = comparisons.filter((c) => c.verdict !== 'same').map((c) => `${c.id}/${c.impl}/${c.verdict}`);
    expect(flagged).toEqual([`${ROWS[3]}/wasm/slower`]);
  });

  it('flags a 2x speed-up as faster', () => {
    const a = run(base);
    const b = run((row, impl) => base(row, impl) * scatter(row, impl) * (row === ROWS[0] && impl === 'native' ? 2 : 1));
    expect(
      compareReports(a, b)
        .comparisons.filter((c) => c.verdict !== 'same')
        .map((c) => c.verdict),
    ).toEqual(['faster']);
  });

  it('reports a shift of every case alike as the run-wide factor, not as changes', () => {
    const a = run(base);
    const b = run((row, impl) => base(row, impl) * scatter(row, impl) * 0.7);
    const result = compareReports(a, b);
    expect(result.runWide).toBeCloseTo(0.7, 1);
    expect(result.comparisons.every((c) => c.verdict === 'same')).toBe(true);
  });

  it('does not flag a change within the minimum effect, nor with fewer than 3 rounds', () => {
    const a = run(base);
    const b = run((row, impl) => base(row, impl) * (row === ROWS[2] ? 1.04 : 1));
    expect(compareReports(a, b).comparisons.every((c) => c.verdict === 'same')).toBe(true);
    const few = compareReports(
      run(base, 2),
      run((row, impl) => base(row, impl) * 0.5, 2),
    );
    expect(few.comparisons.every((c) => c.verdict === 'too few samples')).toBe(true);
  });

  it('takes only bench --json output', () => {
    expect(() => asReport({ tool: 'something else' }, 'x.json')).toThrow(TypeError);
    expect(asReport(JSON.parse(JSON.stringify(run(base))), 'a.json').rows).toHaveLength(ROWS.length);
  });
});

describe('olm-universal bench compare', () => {
  const [a, b] = [join(dir, 'synthetic-a.json'), join(dir, 'synthetic-b.json')];
  beforeAll(() => {
    writeFileSync(a, JSON.stringify(run(base)));
    writeFileSync(
      b,
      JSON.stringify(run((row, impl) => base(row, impl) * scatter(row, impl) * (row === ROWS[1] && impl === 'native' ? 0.5 : 1))),
    );
  });

  it('prints the ratios, the rule and the flagged case', async () => {
    const { code, stdout } = await olmUniversal(['bench', 'compare', a, b]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^operation +implementation +A ops\/s +B ops\/s +B\/A +B\/A \/ run-wide +change$/m);
    expect(stdout).toMatch(/^one-time keys x50 +native +\S+ ±\d+% +\S+ ±\d+% +0\.\d+x +0\.\d+x +SLOWER$/m);
    expect(stdout).toMatch(/^run-wide factor 1\.0\dx; flagged: interquartile ranges apart/m);
    expect(stdout).toMatch(/^1 of 16 changed beyond the noise: one-time keys x50 on native 0\.\d+x$/m);
  });

  it('--markdown prints a Markdown table; --fail-on-change exits 1 on a change', async () => {
    const md = await olmUniversal(['bench', 'compare', a, b, '--markdown', '--fail-on-change']);
    expect(md.code).toBe(1);
    expect(md.stdout).toMatch(
      /^\| operation \| implementation \| A ops\/s \| B ops\/s \| B\/A \| B\/A \/ run-wide \| change \|$/m,
    );
    expect(md.stdout).toMatch(/^\| one-time keys x50 \| native \| .* \| SLOWER \|$/m);
    expect((await olmUniversal(['bench', 'compare', a, a, '--fail-on-change'])).code).toBe(0);
  });

  it.each([
    [['bench', 'compare', 'only-one.json'], 'takes two JSON files, got 1'],
    [
      ['bench', 'compare', join(root, 'package.json'), join(root, 'package.json')],
      'is not the JSON of olm-universal bench --json',
    ],
    [['bench', 'compare', 'a.json', 'b.json', '--min-effect=-1'], '--min-effect must be a fraction'],
  ])('%j is refused', async (args, message) => {
    const { code, stderr } = await olmUniversal(args);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });

  it('has --help', async () => {
    const { code, stdout } = await olmUniversal(['bench', 'compare', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: olm-universal bench compare A\.json B\.json/);
    expect(stdout).toContain('3 median absolute deviations');
  });
});

describe('bench compare on real runs of this build', () => {
  // Six rows on both backends, five interleaved rounds of 40 ms: about 5 s a run. The test machine
  // is shared (2 cores, several jobs): between two runs of one build a row moved by up to 5x
  // (sha256 1 KiB on native, a burst of load over most of one run), beyond what either run's rounds
  // show. So these comparisons ask for a change of 2x at least (--min-effect 1), the slowed row is
  // slowed 8x, and a test that meets such a burst is retried (twice) with fresh runs.
  const args = [
    '--impl',
    'native,wasm',
    '--rows',
    'megolm-encrypt-32,megolm-decrypt-1k,sha256-1k,ed25519-sign,pk-encrypt,sas-mac',
  ];
  const settings = ['--rounds', '5', '--min-time', '40', '--warmup', '20'];
  const slow = 'wasm:sha256-1k:8';

  /** One run into a fresh JSON file, its report read back. */
  async function realRun(name: string, env: NodeJS.ProcessEnv): Promise<[string, BenchReport]> {
    const json = join(dir, `${name}-${Date.now()}.json`);
    expect((await olmUniversal(['bench', ...args, ...settings, '--json', json], env)).code).toBe(0);
    return [json, asReport(JSON.parse(readFileSync(json, 'utf8')), name)];
  }

  it('the same build twice: no change beyond the noise', { retry: 2, timeout: 120_000 }, async () => {
    const [a] = await realRun('a', process.env);
    // The hook is ignored outside vitest: this is the same build, unslowed.
    const outsideVitest: NodeJS.ProcessEnv = { ...process.env, OLM_BENCH_TEST_SLOW: slow };
    delete outsideVitest['VITEST'];
    const [same] = await realRun('same', outsideVitest);
    const { stdout } = await olmUniversal(['bench', 'compare', a, same, '--min-effect', '1']);
    expect(stdout).toMatch(/^No change beyond the noise \(12 compared\)\.$/m);
  });

  it('one row slowed: that row is flagged, on that implementation only', { retry: 2, timeout: 120_000 }, async () => {
    const [a, reportA] = await realRun('a', process.env);
    // The hook: wasm's sha256 1 KiB runs its operation 8 times per timed run.
    const [slowed, reportSlowed] = await realRun('slowed', { ...process.env, VITEST: 'true', OLM_BENCH_TEST_SLOW: slow });
    const flagged = compareReports(reportA, reportSlowed, 1).comparisons.filter((c) => c.verdict !== 'same');
    expect(flagged.map((c) => `${c.id}/${c.impl}/${c.verdict}`)).toEqual(['sha256-1k/wasm/slower']);
    const { stdout } = await olmUniversal(['bench', 'compare', a, slowed, '--min-effect', '1']);
    expect(stdout).toMatch(/^1 of 12 changed beyond the noise: sha256 1 KiB on wasm 0\.\d+x$/m);
  });
});
