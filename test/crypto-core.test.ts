// The native build's fast crypto core (native/crypto/): the C test programs the native build
// makes (known-answer vectors per primitive, and fast-versus-portable on random inputs), and
// the `primitives` value each backend reports. Same bytes as libolm's portable code is what
// keeps every other test (against @matrix-org/olm) passing unchanged.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from '../dist/index.js';
import { BACKENDS, loadBackend } from './backends.js';

const release = resolve(import.meta.dirname, '..', 'build', 'Release');
function run(program: string): string {
  const path = resolve(release, program);
  if (!existsSync(path)) {
    // node-gyp (npm install, prebuildify) rebuilds build/ without them: cmake-js makes them.
    throw new Error(`${path} is missing: run \`npm run build:native\` (cmake-js builds the crypto test programs)`);
  }
  return execFileSync(path, { encoding: 'utf8' });
}

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

  it('crypto-diff: fast and portable primitives give the same bytes on random inputs', () => {
    const out = run('crypto-diff');
    expect(out).not.toContain('DIFFER');
    expect(out).toContain('fast and portable primitives agree');
  });
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
