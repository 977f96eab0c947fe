// Lifetime and secrets: forgotten objects are freed by the GC, create/free cycles leave memory
// flat, randomness is exactly what libolm asks for and wiped after use, and (WASM, whose memory
// a test can read) freed secrets are gone. The backends' liveObjects()/heap() are test diagnostics.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Olm } from '../dist/api/library.js';
import { BACKENDS, backendOf, loadBackend } from './backends.js';
import { root, runNode } from './compat-fixture.js';

const program = join(root, 'test', 'fixtures', 'lifetime-program.mjs');
const exec = promisify(execFile);
const MiB = 1024 * 1024;
// Generous bounds on growth: RSS moves with the JS heap; the WASM memory only grows when full.
const BOUND = { native: 32 * MiB, wasm: 256 * 1024 };

/** The program's measurements, run with gc() exposed. */
async function measure(backend: string, mode: 'gc' | 'cycles'): Promise<Record<string, unknown>> {
  const run = await runNode(['--expose-gc', program, backend, mode], root, backend);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe.concurrent.each(BACKENDS)('lifetime on %s', (name) => {
  it('frees objects a user forgets when the garbage collector runs', async ({ expect }) => {
    const result = await measure(name, 'gc');
    // 20,000 accounts (150 MB) never freed: at most a batch lives at once, none after the GC.
    expect(result).toMatchObject({ created: 20_000, liveAfter: 0 });
    // WASM: a forgotten private key is in memory once, then wiped by the GC's free.
    if (name === 'wasm') expect(result['secretCopies']).toEqual([1, 0]);
    expect(result['maxLive']).toBeGreaterThan(0);
    expect(result['maxLive']).toBeLessThanOrEqual(1000);
    expect(result['growth']).toBeLessThan(BOUND[name]);
  });

  it('stays flat over 100,000 create/free cycles of every kind of object', async ({ expect }) => {
    const result = await measure(name, 'cycles');
    expect(result['liveAfter']).toBe(0);
    const growths = { ...(result['objects'] as object), ...(result['classes'] as object) };
    expect(Object.keys(growths)).toHaveLength(18);
    for (const [what, growth] of Object.entries(growths)) expect(growth, what).toBeLessThan(BOUND[name]);
  });
});

// free() releases everything at once: nothing waits for a finalizer or for the event loop to turn
// (the native addon's N-API externals held ~210 bytes per freed object until their finalizers ran:
// 1M cycles grew the RSS by 260 MB). What remains is ordinary JS garbage (the handle objects),
// which V8 collects as it goes: measured 43-47 MB (native), 30 MB (WASM), flat from 1M to 6M cycles.
const SYNC_RSS_BOUND = 128 * MiB;

describe.concurrent.each(BACKENDS)('free() without yielding on %s', (name) => {
  it('keeps the RSS bounded over 1,000,000 create/free cycles in one synchronous loop', async ({ expect }) => {
    const program = join(root, 'test', 'fixtures', 'sync-free-program.mjs');
    const run = await runNode([program, name, '1000000'], root, name);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { rssGrowth: number; wasmGrowth: number; live: number };
    expect(result.live).toBe(0);
    expect(result.wasmGrowth).toBe(0);
    expect(result.rssGrowth).toBeLessThan(SYNC_RSS_BOUND);
  });
});

// The random bytes each step draws from the OS CSPRNG, seen from outside the library (a child
// process): native C's getrandom() through an LD_PRELOAD logger, WASM's getRandomValues through a
// wrapper. Exactly what libolm asks for, and (WASM, whose memory JS can read) wiped after use.
describe.concurrent.each(BACKENDS)('secrets on %s', (name) => {
  it('asks the CSPRNG for exactly the random bytes libolm asks for, and wipes them after use', async ({ expect }) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (name === 'native') {
      const cache = join(root, 'node_modules', '.cache', 'olm-c-tests');
      mkdirSync(cache, { recursive: true });
      const preload = join(cache, 'getrandom-log.so');
      await exec('cc', ['-shared', '-fPIC', '-O2', '-o', preload, join(root, 'test', 'fixtures', 'getrandom-log.c'), '-ldl']);
      Object.assign(env, { LD_PRELOAD: preload, GETRANDOM_LOG: join(cache, `getrandom-${process.pid}.log`) });
    }
    const { stdout, stderr } = await exec(
      process.execPath,
      [join(root, 'test', 'fixtures', 'random-requests-program.mjs'), name],
      { env },
    );
    expect(stderr).toBe('');
    const steps = JSON.parse(stdout) as Array<{ step: string; asked: number; drawn: number; wiped: boolean }>;
    for (const { step, asked, drawn, wiped } of steps) {
      expect(drawn, step).toBe(asked);
      expect(wiped, step).toBe(true);
    }
    expect(steps.filter(({ asked }) => asked > 0)).toHaveLength(10);
  });
});

describe('secrets in the WASM memory', () => {
  let olm: Olm;
  let heap: () => Uint8Array;
  beforeAll(async () => {
    olm = await loadBackend('wasm');
    const backend = backendOf(olm);
    heap = () => backend.heap!();
  });

  /** How often `secret` appears in the module's memory. */
  function copiesOf(secret: Uint8Array): number {
    const memory = Buffer.from(heap().buffer);
    let count = 0;
    for (let at = memory.indexOf(secret); at >= 0; at = memory.indexOf(secret, at + 1)) count++;
    return count;
  }

  it('keeps a private key only in its object, and wipes it on free()', () => {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    // libolm's curve25519 leaves a clamped copy of the key on its stack (in this memory too); a
    // key that clamping changes keeps that copy out of the count.
    secret[0]! |= 1;
    expect(copiesOf(secret)).toBe(0);
    const decryption = olm.PkDecryption.fromPrivateKey(secret);
    // The copy of the argument is wiped; the key read back goes through the heap too.
    expect(decryption.privateKey).toEqual(secret);
    expect(copiesOf(secret)).toBe(1);
    // Unpickling decrypts the key in the heap: only the new object's copy may stay.
    const restored = olm.PkDecryption.unpickle(decryption.pickle('key'), 'key');
    expect(copiesOf(secret)).toBe(2);
    decryption.free();
    expect(copiesOf(secret)).toBe(1);
    restored.free();
    expect(copiesOf(secret)).toBe(0);
  });
});
