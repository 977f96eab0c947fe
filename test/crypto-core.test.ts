// The fast crypto core (native/crypto/): the C test programs the native build makes (known-answer
// vectors per primitive, and fast-versus-portable on random inputs), the same programs compiled
// to WebAssembly for both field back-ends, and the `primitives` value each backend reports. Same bytes as libolm's portable code is what
// keeps every other test (against @matrix-org/olm) passing unchanged.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from '../dist/api/library.js';
import { BACKENDS, loadBackend } from './backends.js';

const root = resolve(import.meta.dirname, '..');
const release = resolve(root, 'build-cmake', 'native', 'Release');
const sanitizedBuild = resolve(root, 'scripts', 'crypto-diff-sanitized.sh');
// scripts/crypto-diff-sanitized.sh's program runs with its own build's sanitizer settings, not
// those `npm run sanitize` gives Node and the build-cmake programs (a preloaded runtime, reports
// logged to files and counted): its overflow check below is meant to make a report.
const sanitizedEnv = { ...process.env, LD_PRELOAD: '', ASAN_OPTIONS: '', UBSAN_OPTIONS: '' };
function programPath(program: string): string {
  const path = resolve(release, program);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`npm run build:native\` (cmake-js builds the crypto test programs)`);
  }
  return path;
}
const run = (program: string): string => execFileSync(programPath(program), { encoding: 'utf8' });

describe('crypto core test programs (native build)', () => {
  it('crypto-kat: the fast core matches the published vectors, on this CPU and on its fallbacks', () => {
    const out = run('crypto-kat');
    expect(out).toMatch(/^fast: /);
    expect(out).toContain('all known-answer tests passed');
  });

  it("crypto-kat-stock: libolm's own core matches the same vectors", () => {
    const out = run('crypto-kat-stock');
    expect(out).toMatch(/^stock: /);
    expect(out).toContain('all known-answer tests passed');
  });

  // 100,000 random inputs per primitive. The slow curve parts run in their own processes; hashes
  // and AES (the buffer handling) run in a build with AddressSanitizer + UBSan, beside a few
  // thousand curve iterations, where any report aborts the program.
  it('crypto-diff: fast and portable primitives give the same bytes on random inputs, sanitizers silent', async () => {
    const program = programPath('crypto-diff');
    const sanitized =
      (await promisify(execFile)('bash', [sanitizedBuild], { env: sanitizedEnv })).stdout.trim().split('\n').pop() ?? '';
    const seed = String(Date.now());
    // `npm run sanitize` runs this with build-cmake/native/Release holding its ASan builds: fewer curve
    // iterations there (CRYPTO_DIFF_CURVES), or they alone would take ten minutes.
    const curves = process.env['CRYPTO_DIFF_CURVES'] ?? '100000';
    const runs: [string, string[]][] = [
      [sanitized, [seed, 'hashes', 'aes', 'edges', 'x25519=2000', 'ed25519=2000']],
      [program, [seed, `x25519=${curves}`]],
      [program, [seed, `ed25519=${curves}`]],
    ];
    const outputs = await Promise.all(
      runs.map(async ([path, args]) => {
        const env = path === sanitized ? sanitizedEnv : process.env;
        const { stdout, stderr } = await promisify(execFile)(path, args, { env });
        expect(stderr).toBe(''); // no sanitizer report, no difference
        return stdout;
      }),
    );
    for (const out of outputs) {
      expect(out).not.toContain('DIFFER');
      expect(out).toContain('fast and portable primitives agree');
    }
    const all = outputs.join('');
    expect(all).toMatch(/sha256\/hmac\/hkdf x100000 +same/);
    expect(all).toMatch(/aes-256-cbc x100000 +same/);
    expect(all).toMatch(new RegExp(`x25519 x${curves} +same`));
    expect(all).toMatch(new RegExp(`ed25519 x${curves} +same`));
    // A fresh key every iteration (an overflow once clobbered the generator's state).
    expect(all).toContain('aes: 100000 distinct keys in 100000 iterations');
    // Ciphertexts that are empty or not whole blocks: refused by both cores once libolm's patch
    // 0002 is applied (the program tries them only then).
    if (readFileSync(resolve(root, 'vendor/olm/include/olm/crypto.h'), 'utf8').includes('OLM_AES_CBC_CIPHERTEXT_LENGTH_OK')) {
      expect(all).toMatch(/aes: 100000 ciphertexts not whole blocks, refused by both cores/);
    }
  }, 300_000);

  it('the sanitizer build reports an out-of-bounds write (so its silence above means something)', async () => {
    const sanitized =
      (await promisify(execFile)('bash', [sanitizedBuild], { env: sanitizedEnv })).stdout.trim().split('\n').pop() ?? '';
    const error: unknown = await promisify(execFile)(sanitized, ['1', 'overflow'], { env: sanitizedEnv }).then(
      () => new Error('no report'),
      (e: unknown) => e,
    );
    expect(String((error as { stderr?: string }).stderr)).toContain('AddressSanitizer: heap-buffer-overflow');
  });
});

// The same programs compiled with emcc and run by this Node: the core as the WASM module runs it,
// once per field back-end (FAST_FIELD: radix 2^25.5, the module's, and radix 2^51 with emulated
// 128-bit products). Built into node_modules/.cache (prebuildify deletes build/), rebuilt when a
// source is newer.
describe('crypto core test programs (WASM build: emcc, run by node)', () => {
  const wasmDir = resolve(root, 'node_modules', '.cache', 'olm-crypto-wasm');
  // FAST_CRYPTO_TESTING: the core's test switch (fast_crypto_force_portable), as natively.
  const include = [
    '-Inative/crypto',
    '-Ivendor/olm/include',
    '-Ivendor/olm/lib',
    '-DOLM_STATIC_DEFINE',
    '-DNDEBUG',
    '-DFAST_CRYPTO_TESTING',
  ];
  // The fast core without its seam (crypto-diff calls both cores, and each defines _olm_crypto_*).
  const fastCore = ['cpu.c', 'wipe.c', 'sha256.c', 'aes.c', 'aes-ct.c', 'aes-simd128.c', 'x25519.c', 'ed25519.c', 'sha512.c'].map(
    (f) => `native/crypto/${f}`,
  );
  // libolm's portable core, as the stock build compiles it (table AES: patch 0010 is not enabled).
  const stockCore = [
    'src/crypto.cpp',
    'src/memory.cpp',
    'src/ed25519.c',
    'lib/crypto-algorithms/sha256.c',
    'lib/crypto-algorithms/aes.c',
    'lib/curve25519-donna/curve25519-donna.c',
  ].map((f) => `vendor/olm/${f}`);
  const programs = {
    'crypto-diff': ['native/crypto/test/crypto-diff.c', ...stockCore, ...fastCore],
    'crypto-kat': ['native/crypto/test/crypto-kat.c', 'native/crypto/seam.c', ...fastCore],
  } as const;
  // Debian's emcc runs its JS optimizer with the machine's node, which needs Debian's acorn.
  const env = { ...process.env, NODE_PATH: ['/usr/share/nodejs', process.env['NODE_PATH']].filter(Boolean).join(':') };
  const exec = promisify(execFile);

  async function build(program: keyof typeof programs, field: 25 | 51): Promise<string> {
    const out = resolve(wasmDir, `${program}-${field}.cjs`);
    const sources = programs[program];
    const inputs = [
      ...sources,
      'native/crypto/fast-crypto.h',
      'native/crypto/fe25.h',
      'native/crypto/fe51.h',
      'native/crypto/fe-invert-safegcd.h',
      'native/crypto/test/util.h',
      'native/crypto/aes-simd128.h',
      'native/crypto/aes-simd128-tables.h',
      'native/crypto/cbc-padding.h',
    ];
    const built = existsSync(out) ? statSync(out).mtimeMs : 0;
    if (inputs.some((file) => statSync(resolve(root, file)).mtimeMs > built)) {
      mkdirSync(wasmDir, { recursive: true });
      // -msimd128 as wasm/wasm.cmake: the module's AES is aes-simd128.c.
      await exec(
        'emcc',
        [
          '-O2',
          '-msimd128',
          ...include,
          `-DFAST_FIELD=${field}`,
          '-DOLM_FAST_CORE',
          ...sources,
          '-sENVIRONMENT=node',
          '-sEXIT_RUNTIME=1',
          '-sWASM_ASYNC_COMPILATION=0',
          '-sALLOW_MEMORY_GROWTH=1',
          '-o',
          out,
        ],
        { cwd: root, env, maxBuffer: 1 << 24 },
      );
    }
    return out;
  }
  const node = async (program: string, args: string[]): Promise<string> => {
    const { stdout, stderr } = await exec(process.execPath, [program, ...args], { maxBuffer: 1 << 24 });
    expect(stderr).toBe(''); // no difference reported
    return stdout;
  };

  it.each([25, 51] as const)(
    'crypto-kat, field radix 2^%s: the published vectors',
    async (field) => {
      const out = await node(await build('crypto-kat', field), []);
      expect(out).toMatch(
        new RegExp(
          `^fast: x25519-${field === 25 ? '25\\.5' : '51'}, ed25519-${field === 25 ? '25\\.5' : '51'}, sha256-c, aes-simd128`,
        ),
      );
      expect(out).toContain('all known-answer tests passed');
    },
    300_000,
  );

  // The hashes and AES do not depend on the field: they run once, with the native test's counts.
  // The curves, where the fields differ, run 10,000 random inputs per field (a tenth of the
  // native count: WebAssembly under vitest's parallel load).
  it.each([25, 51] as const)(
    'crypto-diff, field radix 2^%s: fast and portable primitives give the same bytes',
    async (field) => {
      const program = await build('crypto-diff', field);
      const seed = String(Date.now());
      const parts =
        field === 25 ? ['hashes', 'aes', 'edges', 'x25519=10000', 'ed25519=10000'] : ['edges', 'x25519=10000', 'ed25519=10000'];
      const out = await node(program, [seed, ...parts]);
      expect(out).not.toContain('DIFFER');
      expect(out).toContain('fast and portable primitives agree');
      expect(out).toMatch(/x25519 x10000 +same/);
      expect(out).toMatch(/ed25519 x10000 +same/);
      expect(out).toMatch(/ed25519 edge encodings +same/);
      if (field === 25) {
        expect(out).toMatch(/sha256\/hmac\/hkdf x100000 +same/);
        expect(out).toMatch(/aes-256-cbc x100000 +same/);
        expect(out).toContain('aes: 100000 distinct keys in 100000 iterations');
        expect(out).toMatch(/aes: 100000 ciphertexts not whole blocks, refused by both cores/);
      }
    },
    600_000,
  );
});

describe.each(BACKENDS)('primitives on %s', (name) => {
  it('says which crypto core runs', async () => {
    const olm = await loadBackend(name);
    // WASM: the same core without the x86 instructions (SIMD128 constant-time AES, portable SHA-256).
    if (name === 'wasm') expect(olm.primitives).toMatch(/^fast: x25519-[\w.-]+, ed25519-[\w.-]+, sha256-c, aes-simd128$/);
    else
      expect(olm.primitives).toMatch(
        /^fast: x25519-(51|25\.5|donna), ed25519-(51|25\.5|ref10), (sha-ni|sha256-c), (aes-ni|aes-ct)$/,
      );
  });

  // Read from the C build (the libolm patches applied, the core's AES), not asserted by TypeScript.
  it('says which hardening the build has: all of it', async () => {
    const olm = await loadBackend(name);
    expect(olm.hardening).toEqual([
      'constant-time-aes',
      'constant-time-base64',
      'strict-ed25519',
      'contributory-x25519',
      'stack-wipe',
    ]);
    expect(Object.isFrozen(olm.hardening)).toBe(true);
  });
});

describe('native stock core', () => {
  it('loads beside the fast one and interoperates with it', async () => {
    const fast = await loadBackend('native');
    const stock = await load({ backend: 'native', nativePrimitives: 'stock' });
    expect(stock.primitives).toMatch(/^stock: /);
    // The comparison build keeps libolm's table AES and table base64 (the benchmark's stock
    // column); the Ed25519 and X25519 patches apply to it as to every build.
    expect(stock.hardening).toEqual(['strict-ed25519', 'contributory-x25519']);
    expect(stock.backendName).toBe('native');
    const outbound = fast.OutboundGroupSession.create();
    const inbound = stock.InboundGroupSession.create(outbound.sessionKey);
    expect(inbound.decrypt(outbound.encrypt('fast to stock ✓')).plaintext).toBe('fast to stock ✓');
    const back = stock.OutboundGroupSession.unpickle(outbound.pickle('key'), 'key');
    expect(fast.InboundGroupSession.create(outbound.sessionKey).decrypt(back.encrypt('stock to fast')).plaintext).toBe(
      'stock to fast',
    );
  });

  it('refuses an unknown choice', async () => {
    // @ts-expect-error: not a NativePrimitives value
    await expect(load({ backend: 'native', nativePrimitives: 'turbo' })).rejects.toThrow(TypeError);
  });
});
