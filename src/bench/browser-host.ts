// --browser: the WASM backend measured in headless Chromium (Debian's, driven by playwright-core),
// its files served from this package's dist/ on 127.0.0.1.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import type { BrowserBench } from './browser.js';
import type { Implementation, Skipped } from './implementations.js';
import type { AheadFixture } from './sweep.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

const DIST = fileURLToPath(new URL('../', import.meta.url));
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.html': 'text/html; charset=utf-8',
};
const PAGE =
  '<!doctype html><meta charset="utf-8"><title>olm-universal bench</title><script type="module" src="/bench/browser.js"></script>';

/** Serves dist/ (and the bench page at /) on 127.0.0.1 until close(). */
export async function serveDist(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(DIST + path);
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (path === '/') return send(200, TYPES['.html']!, PAGE);
    if (!file.startsWith(DIST) || file.includes(`${sep}..`) || !(extname(file) in TYPES))
      return send(404, 'text/plain', 'not found');
    readFile(file).then(
      (body) => send(200, TYPES[extname(file)]!, body),
      () => send(404, 'text/plain', 'not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Why --browser measured nothing: the package to install, or what Chromium said. */
export function browserSkipReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes('playwright-core')) {
    return `--browser drives Chromium through the playwright-core package, which is not installed: npm install -D playwright-core`;
  }
  return `Chromium did not start (${CHROMIUM_PATH}, through playwright-core): ${message}`;
}

/** Our WASM backend in Chromium, one page for the whole run. */
export async function browserWasm(
  packageVersion: string,
  ahead?: AheadFixture,
): Promise<(Implementation & { browserVersion: string }) | Skipped> {
  const id = 'wasm-browser';
  const label = 'wasm (Chromium)';
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    return { id, label, reason: browserSkipReason(error) };
  }
  const server = await serveDist();
  const close = async () => {
    await browser.close();
    await server.close();
  };
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page
      .waitForFunction(() => 'olmBench' in globalThis, undefined, { timeout: 30_000 })
      .catch(() => {
        throw new Error(`the bench page did not load: ${errors.join('; ') || 'timeout'}`);
      });
    type Page = { olmBench: BrowserBench };
    const built = await page.evaluate(() => {
      const { version, primitives } = (globalThis as unknown as Page).olmBench;
      return { version, primitives };
    });
    if (ahead !== undefined) await page.evaluate((fixture) => (globalThis as unknown as Page).olmBench.setAhead(fixture), ahead);
    return {
      id,
      label,
      version: `olm-universal ${packageVersion}, libolm ${built.version}, ${built.primitives}`,
      browserVersion: `Chromium ${browser.version()}`,
      measure: (row, minMs) =>
        page.evaluate(([r, ms]) => (globalThis as unknown as Page).olmBench.measure(r, ms), [row, minMs] as const),
      close,
    };
  } catch (error) {
    await close();
    return { id, label, reason: (error as Error).message };
  }
}
