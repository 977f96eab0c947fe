// The package as users get it: `npm pack`, then temporary projects installed from that tarball as a
// user would (the registry resolves its dependencies; no reliance on what an earlier run left in
// ~/.npm) that use it as CommonJS, as ES modules, from strict TypeScript, from
// a Vite-built page and a bundler-free page in headless Chromium, and from two worker threads; and
// the install from source where no prebuild matches. Needs `npm run prebuildify` (set-up runs it).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../dist/bench/browser-host.js';
import { serve } from '../examples/serve.mjs';

const root = resolve(import.meta.dirname, '..');
const fixtures = join(root, 'test', 'consumer');
const work = mkdtempSync(join(tmpdir(), 'olm-consumers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// node-gyp reads headers from the running Node's own tree (never downloads them); JOBS caps make.
const nodeDir = resolve(dirname(process.execPath), '..');
const env = { ...process.env, npm_config_nodedir: nodeDir, JOBS: '2', OLM_BACKEND: '' };

/** Runs a command; its stdout, and stdout + stderr as `log`. */
function run(command: string, args: string[], options: SpawnSyncOptions = {}): { stdout: string; log: string } {
  const result = spawnSync(command, args, { env, encoding: 'utf8', ...options });
  const [stdout, log] = [String(result.stdout), `${String(result.stdout)}${String(result.stderr)}`];
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${log}`);
  return { stdout, log };
}
/** Runs node; its last line of output, parsed. */
const node = <T>(cwd: string, ...args: string[]): T =>
  JSON.parse(run(process.execPath, args, { cwd }).stdout.trim().split('\n').at(-1) ?? 'null') as T;

/** A project depending on the tarball, installed from the registry (cache preferred); returns the install log. */
function install(name: string, tarball: string): { dir: string; log: string } {
  const dir = join(work, name);
  mkdirSync(dir);
  const manifest = { name, private: true, dependencies: { 'olm-universal': `file:${tarball}` } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  const { log } = run('npm', ['install', '--prefer-offline', '--foreground-scripts', '--no-audit', '--no-fund'], { cwd: dir });
  cpSync(fixtures, dir, { recursive: true });
  return { dir, log };
}
const COMPILING = /gyp info|CXX\(target\)|CC\(target\)|make: /;

let tarball: string;
let files: string[];
let consumer: { dir: string; log: string };

beforeAll(() => {
  const prebuild = join(root, 'prebuilds', 'linux-x64', 'olm-universal.node');
  const sources = ['native/addon.cc', 'binding.gyp', 'olm-sources.txt'].map((file) => statSync(join(root, file)).mtimeMs);
  if (!existsSync(prebuild) || statSync(prebuild).mtimeMs < Math.max(...sources)) {
    throw new Error('prebuilds/linux-x64 is missing or older than the addon sources: run `npm run prebuildify`');
  }
  const { stdout } = run('npm', ['pack', '--json', '--pack-destination', work], { cwd: root });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(work, packed!.filename);
  files = packed!.files.map((file) => file.path);
  consumer = install('consumer', tarball);
}, 120_000);

describe('the tarball', () => {
  it('holds what ships and nothing else', () => {
    // src/ ships: the source and declaration maps in dist/ point into it.
    for (const path of files) {
      expect(path).not.toMatch(/^(test|examples|build|wasm|node_modules|\.ci)\//);
      expect(path).not.toMatch(/\.tsbuildinfo$|\.o$|_test\.c$|CMakeLists/);
    }
    for (const path of [
      'dist/node.js',
      'dist/wasm.js',
      'dist/native.js',
      'dist/node.d.ts',
      'dist/olm-wasm.js',
      'dist/olm-wasm.wasm',
      'dist/cjs/node.js',
      'dist/cjs/node.d.ts',
      'dist/cjs/olm-wasm.js',
      'dist/cjs/package.json',
      'prebuilds/linux-x64/olm-universal.node',
      'binding.gyp',
      'native/addon.cc',
      'olm-sources.txt',
      'scripts/olm-sources.cjs',
      'scripts/olm-functions.cjs',
      'vendor/olm/include/olm/olm.h',
      'vendor/olm/LICENSE',
    ]) {
      expect(files).toContain(path);
    }
  });

  it('installs with the prebuild and compiles nothing', () => {
    expect(consumer.log).not.toMatch(COMPILING);
    expect(existsSync(join(consumer.dir, 'node_modules', 'olm-universal', 'build'))).toBe(false);
  });
});

describe('consumers of the installed package', () => {
  it('(1) CommonJS require()', () => {
    // Without require(esm) (Node < 20.19 lacks it): the CommonJS build must not need it.
    expect(node(consumer.dir, '--no-experimental-require-module', 'require.cjs')).toEqual({
      '.': 'native from require',
      native: 'native from require',
      wasm: 'wasm from require',
      init: 'native default backend',
    });
  });

  it('(2) ES module import', () => {
    expect(node(consumer.dir, 'import.mjs')).toEqual({
      '.': 'native from import',
      native: 'native from import',
      wasm: 'wasm from import',
      init: 'wasm default backend',
      refused: 'TypeError',
      compat: 'native 43',
    });
  });

  it('(2) the browser entry points, resolved with the browser condition', () => {
    expect(node(consumer.dir, '--conditions=browser', 'browser-entry.mjs')).toEqual({
      backend: 'wasm',
      native: "TypeError: olm-universal/wasm: this entry point has only the wasm backend, got backend: 'native'",
      compatNative: expect.stringMatching(/^TypeError: .* \(for browsers\) has no native backend; in Node/),
    });
  });

  it('(2) the .wasm from explicit bytes or URL', () => {
    expect(node(consumer.dir, 'wasm-source.mjs')).toEqual({
      missingUrl: 'Error',
      badBytes: 'TypeError',
      bytes: 'loaded',
    });
  });

  it('(3) strict TypeScript type-checks against the declarations (nodenext and bundler resolution)', () => {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const config of ['tsconfig.json', 'tsconfig.bundler.json']) {
      run(process.execPath, [tsc, '-p', config], { cwd: consumer.dir });
    }
  });

  it('(5) two worker threads load the native addon at once', () => {
    expect(node(consumer.dir, 'workers.mjs')).toEqual(['native from a worker', 'native from a worker']);
  });
});

describe('(4) the browser example in headless Chromium, WASM backend', () => {
  let browser: Browser;
  const servers: Server[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) server.close();
  });

  async function status(site: string, packageDir?: string): Promise<string> {
    const server = await serve({ site, packageDir });
    servers.push(server);
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector('html[data-status]', { timeout: 20_000 }).catch(() => {
      throw new Error(`the page reported nothing; page errors: ${errors.join('; ')}`);
    });
    return (await page.getAttribute('html', 'data-status')) ?? '';
  }

  it('built by Vite (the .wasm is emitted as an asset)', async () => {
    const site = join(consumer.dir, 'vite-site');
    cpSync(join(root, 'examples', 'browser'), site, { recursive: true });
    const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    expect(run(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: site }).log).toBe('');
    const assets = readdirSync(join(site, 'dist', 'assets'));
    expect(assets.filter((file) => file.endsWith('.wasm'))).toHaveLength(1);
    // The browser entry's graph: no native addon, no node: module imports.
    for (const file of assets.filter((name) => name.endsWith('.js'))) {
      const code = readFileSync(join(site, 'dist', 'assets', file), 'utf8');
      expect(code).not.toMatch(/from\s*["'`]node:|import\(["'`]node:|node-gyp-build|loadNative/);
    }
    expect(await status(join(site, 'dist'))).toBe('ok');
  });

  it('as a plain <script type="module"> page, no bundler', async () => {
    const packageDir = join(consumer.dir, 'node_modules', 'olm-universal');
    expect(await status(join(root, 'examples', 'browser'), packageDir)).toBe('ok');
  });
});

describe('without a matching prebuild', () => {
  it('npm install compiles the addon from the tarball with node-gyp, and it loads', () => {
    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    run('tar', ['-xzf', tarball, '-C', unpacked]);
    rmSync(join(unpacked, 'package', 'prebuilds'), { recursive: true });
    const bare = join(work, 'olm-universal-no-prebuild.tgz');
    run('tar', ['-czf', bare, '-C', unpacked, 'package']);
    const { dir, log } = install('from-source', bare);
    expect(log).toMatch(/CXX\(target\) Release\/obj\.target\/olm_native\/native\/addon\.o/);
    expect(log).not.toMatch(/http|download/i);
    expect(existsSync(join(dir, 'node_modules', 'olm-universal', 'build', 'Release', 'olm_native.node'))).toBe(true);
    expect(node(dir, 'workers.mjs')).toEqual(['native from a worker', 'native from a worker']);
  }, 180_000);
});
