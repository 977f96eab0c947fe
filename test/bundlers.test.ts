// The WASM backend through the common bundlers, from the packed tarball: one project
// (test/bundlers/: the bundlers' versions pinned by its lock file, the app, the configs) installed
// once with the tarball, built by each bundler at once, each build served on 127.0.0.1 and opened
// in headless Chromium, where the app round-trips Olm and Megolm and writes <html data-status>.
// The commands are the ones README gives. Needs `npm run prebuildify` (set-up runs it).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../dist/bench/browser-host.js';
import { serve } from '../examples/serve.mjs';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'olm-bundlers-'));
const project = join(work, 'project');
const env = { ...process.env, OLM_BACKEND: '', npm_config_update_notifier: 'false' };

/** Runs a command to its end; its stdout + stderr, or an error that holds them. */
function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd, env });
    let log = '';
    child.stdout.on('data', (data: Buffer) => (log += data.toString()));
    child.stderr.on('data', (data: Buffer) => (log += data.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolveRun(log);
      else reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${log}`));
    });
  });
}
const bin = (name: string): string => join(project, 'node_modules', '.bin', name);

/** The builds, started together in beforeAll: each bundler's command and the page it gets. */
const BUILDS = {
  vite: { out: 'vite', command: ['vite', 'build', 'app', '--outDir', '../out/vite', '--logLevel', 'warn'] },
  webpack: { out: 'webpack', command: ['webpack', '--no-stats'], page: '<script src="./main.js"></script>' },
  'esbuild ESM': {
    out: 'esbuild-esm',
    command: ['esbuild', 'app/wasm-url.ts', '--bundle', '--format=esm', '--loader:.wasm=file', '--outdir=out/esbuild-esm'],
    page: '<script type="module" src="./wasm-url.js"></script>',
  },
  'esbuild IIFE': {
    out: 'esbuild-iife',
    command: ['esbuild', 'app/wasm-url.ts', '--bundle', '--loader:.wasm=file', '--outdir=out/esbuild-iife'],
    page: '<script src="./wasm-url.js"></script>',
  },
  'esbuild IIFE, wasmBinary': {
    out: 'esbuild-iife-binary',
    command: ['esbuild', 'app/wasm-binary.js', '--bundle', '--loader:.wasm=file', '--outdir=out/esbuild-iife-binary'],
    page: '<script src="./wasm-binary.js"></script>',
  },
  'esbuild IIFE, no options': {
    out: 'esbuild-iife-default',
    command: ['esbuild', 'app/default.js', '--bundle', '--outdir=out/esbuild-iife-default', '--log-level=error'],
    page: '<script src="./default.js"></script>',
  },
  rollup: { out: 'rollup', command: ['rollup', '-c', '--silent'], page: '<script type="module" src="./default.js"></script>' },
  parcel: {
    out: 'parcel',
    command: [
      'parcel',
      'build',
      'app/index.html',
      '--dist-dir',
      'out/parcel',
      '--cache-dir',
      'out/.parcel-cache',
      '--no-source-maps',
      '--no-autoinstall',
      '--log-level',
      'warn',
    ],
  },
  'server bundle': {
    out: 'server',
    command: [
      'esbuild',
      'app/server.js',
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--external:olm-universal',
      '--outfile=out/server/server.mjs',
    ],
  },
} satisfies Record<string, { out: string; command: string[]; page?: string }>;
type BuildName = keyof typeof BUILDS;
const outDir = (name: BuildName): string => join(project, 'out', BUILDS[name].out);

let builds: Map<BuildName, Promise<string>>;
let browser: Browser;
const servers: Server[] = [];
const timings: string[] = [];

beforeAll(async () => {
  const started = Date.now();
  const packed = JSON.parse(await run('npm', ['pack', '--json', '--pack-destination', work], root)) as Array<{
    filename: string;
  }>;
  const tarball = join(work, packed[0]!.filename);
  cpSync(join(root, 'test', 'bundlers'), project, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|out|\.parcel-cache)$/.test(source),
  });
  // The bundlers from the lock file, then the tarball beside them, as a user adds a dependency.
  const npm = ['--prefer-offline', '--no-audit', '--no-fund'];
  await run('npm', ['ci', ...npm], project);
  await run('npm', ['install', '--no-save', ...npm, tarball], project);
  timings.push(`install ${Date.now() - started} ms`);
  builds = new Map(
    Object.entries(BUILDS).map(([name, { command }]) => {
      const [tool, ...args] = command as [string, ...string[]];
      const start = Date.now();
      return [
        name as BuildName,
        run(bin(tool), args, project).then((log) => {
          timings.push(`${name} ${Date.now() - start} ms`);
          return log;
        }),
      ];
    }),
  );
  for (const build of builds.values()) build.catch(() => {}); // each test reports its own
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) server.close();
  rmSync(work, { recursive: true, force: true });
  console.log(`bundlers: ${timings.join(', ')}`);
}, 60_000); // removing the project's 190 MB of node_modules

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = await serve({ site: work, packageDir: undefined });
  const address = server.address();
  server.close();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/** Serves `site`, opens `path` in Chromium; the status the app wrote. */
async function status(site: string, path = '/'): Promise<string> {
  const server = await serve({ site, packageDir: undefined });
  servers.push(server);
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return open(`http://127.0.0.1:${port}${path}`);
}

/** Opens `url` in Chromium; the status the app wrote. */
async function open(url: string): Promise<string> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(url);
    await page.waitForSelector('html[data-status]', { timeout: 20_000 }).catch(() => {
      throw new Error(`the page reported nothing; page errors: ${errors.join('; ')}`);
    });
    return (await page.getAttribute('html', 'data-status')) ?? '';
  } finally {
    await page.close();
  }
}

/** Waits for the build; its log (warnings) and the status of its page. */
async function built(name: BuildName): Promise<{ log: string; status: string }> {
  const log = await builds.get(name)!;
  const out = outDir(name);
  const { page } = BUILDS[name] as { page?: string };
  if (page !== undefined) writeFileSync(join(out, 'index.html'), `<!doctype html><meta charset="utf-8">${page}\n`);
  // The browser build's graph only: no native addon, no node: module (Parcel, run with
  // --no-autoinstall, fails on anything that needs a Node polyfill).
  for (const file of readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'))) {
    const code = readFileSync(join(out, file), 'utf8');
    expect(code.match(/(from|import\(|require\()\s*["'`]node:|node-gyp-build|loadNative/g) ?? [], file).toEqual([]);
  }
  return { log, status: await status(out) };
}

const OK = /^ok wasm 3\.2\.13$/;
const wasmFiles = (name: BuildName): string[] =>
  readdirSync(outDir(name), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.wasm'));

describe('bundled for the browser, in headless Chromium (WASM backend, Olm + Megolm round trip)', () => {
  it('Vite: no configuration', async () => {
    const { log, status: result } = await built('vite');
    expect(log).not.toMatch(/warn|error/i);
    expect(result).toMatch(OK);
    expect(wasmFiles('vite')).toHaveLength(1);
  }, 240_000);

  it('Vite dev server: no configuration', async () => {
    const port = await freePort();
    const vite = spawn(bin('vite'), ['app', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
      cwd: project,
      env,
    });
    try {
      let log = '';
      await new Promise<void>((ready, fail) => {
        vite.stdout.on('data', (data: Buffer) => (log += data.toString()) && /ready in/.test(log) && ready());
        vite.stderr.on('data', (data: Buffer) => (log += data.toString()));
        vite.on('close', (code) => fail(new Error(`vite exited (${code}):\n${log}`)));
      });
      expect(await open(`http://127.0.0.1:${port}/`)).toMatch(OK);
    } finally {
      vite.kill();
    }
  }, 120_000);

  it('webpack: no configuration beyond entry and output', async () => {
    expect((await built('webpack')).status).toMatch(OK);
    expect(wasmFiles('webpack')).toHaveLength(1);
  }, 240_000);

  it('esbuild, ESM: init({ wasmUrl }) with the .wasm imported as a file', async () => {
    expect((await built('esbuild ESM')).status).toMatch(OK);
  }, 240_000);

  it("TypeScript: the .wasm's import is typed (a string)", async () => {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], project);
  }, 60_000);

  it('esbuild, IIFE (its default format): init({ wasmUrl })', async () => {
    expect((await built('esbuild IIFE')).status).toMatch(OK);
  }, 240_000);

  it('esbuild, IIFE: init({ wasmBinary })', async () => {
    expect((await built('esbuild IIFE, wasmBinary')).status).toMatch(OK);
  }, 240_000);

  it('esbuild, IIFE: init() without a source says what to pass', async () => {
    expect((await built('esbuild IIFE, no options')).status).toMatch(
      /^error: TypeError: olm-universal: .*no import\.meta\.url.*init\(\{ wasmUrl \}\).*wasmBinary/,
    );
  }, 240_000);

  it('rollup + node-resolve + importMetaAssets()', async () => {
    expect((await built('rollup')).status).toMatch(OK);
    expect(wasmFiles('rollup')).toHaveLength(1);
  }, 240_000);

  it('Parcel 2: no configuration', async () => {
    expect((await built('parcel')).status).toMatch(OK);
    expect(wasmFiles('parcel')).toHaveLength(1);
  }, 240_000);

  it('a plain page with an import map, no bundler', async () => {
    expect(await status(project, '/importmap.html')).toMatch(OK);
  }, 60_000);
});

describe('bundled for Node', () => {
  it('esbuild --platform=node --external:olm-universal: the native backend at run time', async () => {
    await builds.get('server bundle');
    const result = spawnSync(process.execPath, [join(outDir('server bundle'), 'server.mjs')], { env, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('ok native 3.2.13');
  }, 240_000);
});
