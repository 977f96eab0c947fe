// What `olm-universal bench` says, from synthetic results (no timing): the footer when the
// reference or the C baseline was not measured, the reasons given for a miss, the install hints,
// and the HTML page's width with every implementation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserSkipReason, launchChromium } from '../dist/bench/browser-host.js';
import { BENCH_HELP } from '../dist/bench/main.js';
import { formatHtml } from '../dist/bench/html.js';
import { buildReport, formatText, type BenchReport } from '../dist/bench/report.js';
import { ROW_IDS } from '../dist/bench/rows.js';
import type { Skipped } from '../dist/bench/implementations.js';

const LABELS: Record<string, string> = {
  native: 'native',
  'native-stock': 'native (stock)',
  wasm: 'wasm',
  reference: '@matrix-org/olm',
  c: 'C',
  'c-stock': 'C (stock)',
  'wasm-browser': 'wasm (Chromium)',
};

/** A report as the bench builds it, every row measured by `ids` at the given ops/s. */
function report(speeds: Record<string, number>, skipped: Skipped[] = []): BenchReport {
  const ids = Object.keys(speeds);
  const samples = Object.fromEntries(ids.map((id) => [id, Object.fromEntries(ROW_IDS.map((row) => [row, [speeds[id]!]]))]));
  return buildReport({
    samples,
    implementations: ids.map((id) => ({ id, label: LABELS[id]! })),
    skipped,
    settings: { quick: true, rows: [...ROW_IDS], rounds: 1, minMs: 5, warmupMs: 0 },
    version: '0.1.0',
    libolm: '3.2.13',
    wasmSize: { ours: 300_000, reference: null },
  });
}

const NO_REFERENCE: Skipped = { id: 'reference', label: '@matrix-org/olm', reason: '@matrix-org/olm is not installed' };
const NO_C: Skipped = { id: 'c', label: 'C', reason: 'no C baseline' };

describe('without @matrix-org/olm and the C baseline', () => {
  const text = formatText(report({ native: 1000, wasm: 500 }, [NO_REFERENCE, NO_C]));

  it('says that no target was checked, not that every row meets its targets', () => {
    expect(text).not.toMatch(/meets its targets/);
    expect(text).toMatch(/no targets checked/i);
  });

  it('says how to add the reference', () => {
    expect(text).toMatch(/npm install (-D |--save-dev )?@matrix-org\/olm/);
  });

  it('has no ratio column for what was not measured', () => {
    expect(text).not.toMatch(/native\/ref|wasm\/ref|native\/c/);
  });
});

describe('the reasons given for a miss', () => {
  it('mention C only when C was measured', () => {
    const slow = report({ native: 100, wasm: 50, reference: 80 }, [NO_C]);
    expect(slow.misses.length).toBe(ROW_IDS.length);
    for (const miss of slow.misses) for (const why of miss.why) expect(why).not.toMatch(/\bC\b/);
    expect(formatText(slow)).not.toMatch(/native\/c|plain C|binding overhead/);
    const withC = report({ native: 100, wasm: 50, reference: 80, c: 110 });
    expect(withC.misses[0]!.why.join(' ')).toMatch(/\bC\b/);
  });

  it('checked targets are named, unchecked ones said to be unchecked', () => {
    const text = formatText(report({ native: 1000, wasm: 500, reference: 100 }, [NO_C]));
    expect(text).toMatch(/Every checked target is met/);
    expect(text).toMatch(/not checked: native within 10% of C \(C not measured\)/);
  });
});

describe('--browser', () => {
  it('names playwright-core in the help and when it is missing', () => {
    expect(BENCH_HELP).toMatch(/--browser .*playwright-core/s);
    const missing = Object.assign(new Error("Cannot find package 'playwright-core' imported from x"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(browserSkipReason(missing)).toMatch(/npm install (-D |--save-dev )?playwright-core/);
  });
});

describe('the HTML page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  // Every implementation the bench can show, with the widest numbers.
  const all = report(
    { native: 1_234_567, 'native-stock': 1_234_567, wasm: 1_234_567, reference: 1_234_567, c: 1_234_567, 'c-stock': 1_234_567, 'wasm-browser': 1_234_567 },
  );

  it.each([1000, 1200])('fits a %i px wide window with all seven implementations', async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.setContent(formatHtml(all));
    const overflow = {
      page: await page.$eval('html', (html) => html.scrollWidth),
      table: Math.ceil(await page.$eval('table', (table) => table.getBoundingClientRect().right)),
      chart: Math.ceil(await page.$eval('svg', (svg) => svg.getBoundingClientRect().right)),
    };
    expect(overflow.page).toBeLessThanOrEqual(width);
    expect(overflow.table).toBeLessThanOrEqual(width);
    expect(overflow.chart).toBeLessThanOrEqual(width);
    await page.close();
  });
});
