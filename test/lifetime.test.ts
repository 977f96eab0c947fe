// Lifetime and secrets: forgotten objects are freed by the GC, create/free cycles leave memory
// flat, randomness is exactly what libolm asks for and wiped after use, and (WASM, whose memory
// a test can read) freed secrets are gone. The backends' liveObjects()/heap() are test diagnostics.
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Handle, Kind } from '../dist/backend.js';
import type { Olm, Session } from '../dist/index.js';
import { BACKENDS, backendOf, coreOf, loadBackend } from './backends.js';
import { root, runNode } from './compat-fixture.js';

const program = join(root, 'test', 'fixtures', 'lifetime-program.mjs');
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

describe.each(BACKENDS)('secrets on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('asks the CSPRNG for exactly the random bytes libolm asks for, and wipes them after use', () => {
    const core = coreOf(olm);
    /** libolm's random length query, on a fresh object of `kind`. */
    const asked = (kind: Kind, query: (handle: Handle) => number): number => {
      const handle = core.backend.create(kind);
      try {
        return query(handle);
      } finally {
        core.backend.free(handle);
      }
    };
    const alice = olm.Account.create();
    const bob = olm.Account.create();
    bob.generateOneTimeKeys(1);
    const oneTimeKey = Object.values(bob.oneTimeKeys)[0]!;
    let aliceSession: Session | undefined;
    let bobSession: Session | undefined;
    const hello = { type: 0 as const, body: '' };
    const decryption = olm.PkDecryption.create();
    // Each step, and the random bytes libolm asks for it.
    const steps: [string, () => unknown, number][] = [
      ['Account.create', () => olm.Account.create(), asked('account', (h) => core.call('olm_create_account_random_length', h))],
      [
        'Account.generateOneTimeKeys(3)',
        () => alice.generateOneTimeKeys(3),
        asked('account', (h) => core.call('olm_account_generate_one_time_keys_random_length', h, 3)),
      ],
      [
        'Account.generateFallbackKey',
        () => alice.generateFallbackKey(),
        asked('account', (h) => core.call('olm_account_generate_fallback_key_random_length', h)),
      ],
      [
        'Session.createOutbound',
        () => (aliceSession = olm.Session.createOutbound(alice, bob.identityKeys.curve25519, oneTimeKey)),
        asked('session', (h) => core.call('olm_create_outbound_session_random_length', h)),
      ],
      // The sender's chain exists: no randomness. The answer starts a new ratchet step: 32 bytes.
      ['Session.encrypt (first)', () => (hello.body = aliceSession!.encrypt('hello').body), 0],
      ['Session.createInbound', () => (bobSession = olm.Session.createInbound(bob, hello.body)), 0],
      ['Session.encrypt (answer)', () => bobSession!.encrypt('hello'), 32],
      [
        'OutboundGroupSession.create',
        () => olm.OutboundGroupSession.create(),
        asked('outbound_group_session', (h) => core.call('olm_init_outbound_group_session_random_length', h)),
      ],
      ['PkDecryption.create', () => olm.PkDecryption.create(), core.call('olm_pk_generate_key_random_length')],
      [
        'PkEncryption.encrypt',
        () => olm.PkEncryption.create(decryption.publicKey).encrypt('hello'),
        asked('pk_encryption', (h) => core.call('olm_pk_encrypt_random_length', h)),
      ],
      ['Sas.create', () => olm.Sas.create(), asked('sas', (h) => core.call('olm_create_sas_random_length', h))],
    ];
    // A spy, not a mock: the real CSPRNG fills every buffer, which the test looks at again afterwards.
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
    for (const [step, run, length] of steps) {
      spy.mockClear();
      run();
      const filled = spy.mock.calls.map(([bytes]) => bytes as Uint8Array);
      expect(filled.reduce((sum, bytes) => sum + bytes.byteLength, 0), step).toBe(length);
      for (const bytes of filled) expect(bytes.every((byte) => byte === 0), step).toBe(true);
    }
    expect(steps.filter(([, , length]) => length > 0)).toHaveLength(9);
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
