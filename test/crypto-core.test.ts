// The native build's fast crypto core (native/crypto/): the C test programs the native build
// makes (known-answer vectors per primitive, and fast-versus-portable on random inputs), and
// the `primitives` value each backend reports. Same bytes as libolm's portable code is what
// keeps every other test (against @matrix-org/olm) passing unchanged.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from '../dist/index.js';
import { BACKENDS, loadBackend } from './backends.js';

const release = resolve(import.meta.dirname, '..', 'build', 'Release');
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

  // 100,000 random inputs per primitive; the two slow parts run in their own processes.
  it('crypto-diff: fast and portable primitives give the same bytes on random inputs', async () => {
    const program = programPath('crypto-diff');
    const seed = String(Date.now());
    const parts = [['hashes', 'aes', 'edges'], ['x25519'], ['ed25519']];
    const outputs = await Promise.all(
      parts.map(async (part) => (await promisify(execFile)(program, [seed, ...part])).stdout),
    );
    for (const out of outputs) {
      expect(out).not.toContain('DIFFER');
      expect(out).toContain('fast and portable primitives agree');
    }
    expect(outputs.join('')).toMatch(/x25519 x100000 +same/);
    expect(outputs.join('')).toMatch(/ed25519 x100000 +same/);
  }, 300_000);
});

describe.each(BACKENDS)('primitives on %s', (name) => {
  it('says which crypto core runs', async () => {
    const olm = await loadBackend(name);
    if (name === 'wasm') expect(olm.primitives).toBe('portable');
    else expect(olm.primitives).toMatch(/^fast: x25519-donna(-c64)?, ed25519-\w+, (sha-ni|sha256-c), (aes-ni|aes-table)$/);
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
