// The native build's fast crypto core (native/crypto/): the C test programs the native build
// makes (known-answer vectors per primitive, and fast-versus-portable on random inputs), and
// the `primitives` value each backend reports. Same bytes as libolm's portable code is what
// keeps every other test (against @matrix-org/olm) passing unchanged.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from '../dist/index.js';
import { BACKENDS, loadBackend } from './backends.js';

const root = resolve(import.meta.dirname, '..');
const release = resolve(root, 'build', 'Release');
const sanitizedBuild = resolve(root, 'scripts', 'crypto-diff-sanitized.sh');
// scripts/crypto-diff-sanitized.sh's program runs with its own build's sanitizer settings, not
// those `npm run sanitize` gives Node and the build/Release programs (a preloaded runtime, reports
// logged to files and counted): its overflow check below is meant to make a report.
const sanitizedEnv = { ...process.env, LD_PRELOAD: '', ASAN_OPTIONS: '', UBSAN_OPTIONS: '' };
function programPath(program: string): string {
  const path = resolve(release, program);
  if (!existsSync(path)) {
    // node-gyp (npm install, prebuildify) rebuilds build/ without them: cmake-js makes them.
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

  it('crypto-kat-stock: libolm\'s own core matches the same vectors', () => {
    const out = run('crypto-kat-stock');
    expect(out).toMatch(/^stock: /);
    expect(out).toContain('all known-answer tests passed');
  });

  // 100,000 random inputs per primitive. The slow curve parts run in their own processes; hashes
  // and AES (the buffer handling) run in a build with AddressSanitizer + UBSan, beside a few
  // thousand curve iterations, where any report aborts the program.
  it('crypto-diff: fast and portable primitives give the same bytes on random inputs, sanitizers silent', async () => {
    const program = programPath('crypto-diff');
    const sanitized = (await promisify(execFile)('bash', [sanitizedBuild], { env: sanitizedEnv })).stdout.trim().split('\n').pop() ?? '';
    const seed = String(Date.now());
    // `npm run sanitize` runs this with build/Release holding its ASan builds: fewer curve
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
    const sanitized = (await promisify(execFile)('bash', [sanitizedBuild], { env: sanitizedEnv })).stdout.trim().split('\n').pop() ?? '';
    const error: unknown = await promisify(execFile)(sanitized, ['1', 'overflow'], { env: sanitizedEnv }).then(
      () => new Error('no report'),
      (e: unknown) => e,
    );
    expect(String((error as { stderr?: string }).stderr)).toContain('AddressSanitizer: heap-buffer-overflow');
  });
});

describe.each(BACKENDS)('primitives on %s', (name) => {
  it('says which crypto core runs', async () => {
    const olm = await loadBackend(name);
    // WASM: the same core without the x86 instructions (constant-time AES, portable SHA-256).
    if (name === 'wasm') expect(olm.primitives).toMatch(/^fast: x25519-[\w.-]+, ed25519-[\w.-]+, sha256-c, aes-ct$/);
    else expect(olm.primitives).toMatch(/^fast: x25519-donna(-c64)?, ed25519-\w+, (sha-ni|sha256-c), (aes-ni|aes-ct)$/);
  });
});

describe('native stock core', () => {
  it('loads beside the fast one and interoperates with it', async () => {
    const fast = await loadBackend('native');
    const stock = await load({ backend: 'native', nativePrimitives: 'stock' });
    expect(stock.primitives).toMatch(/^stock: /);
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
