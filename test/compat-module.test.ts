// olm-universal/compat's module against @matrix-org/olm's: the same shape (plus the backend), init()
// that keeps its first promise, and (WASM) emscripten's locateFile.
import { expect, it, vi } from 'vitest';
import { compat, describeVsReference, reference } from './compat-vs-reference.js';

describeVsReference((backend) => {
  it('has the same module shape, plus the backend', () => {
    expect(compat.backend).toBe(backend);
    for (const [name, value] of Object.entries(reference)) {
      expect(typeof (compat as Record<string, unknown>)[name], name).toBe(typeof value);
    }
    expect(Object.keys(compat).sort()).toEqual([...Object.keys(reference), 'backend'].sort());
    expect(compat.PRIVATE_KEY_LENGTH).toBe(reference.PRIVATE_KEY_LENGTH);
    expect(compat.get_library_version()).toEqual([3, 2, 13]); // the libolm we build; the reference is 3.2.15
    expect(reference.get_library_version()).toEqual([3, 2, 15]);
  });

  it('init() returns the first call’s promise, whatever it is asked later', async () => {
    const again = compat.init({ backend: backend === 'native' ? 'wasm' : 'native' });
    expect(again).toBe(compat.init());
    await again;
    expect(compat.backend).toBe(backend);
  });
});

// WASM only: where the .wasm file is found.
it('init() takes emscripten’s locateFile for the WASM file, and can be retried after failing', async () => {
  vi.resetModules();
  const { default: fresh } = await import('../dist/compat/node.js');
  const asked: string[] = [];
  const missing = fresh.init({ backend: 'wasm', locateFile: (file: string) => (asked.push(file), '/nonexistent/' + file) });
  await expect(missing).rejects.toThrow();
  const dist = new URL('../dist/', import.meta.url).href;
  await fresh.init({ backend: 'wasm', locateFile: (file: string, prefix: string) => (asked.push(prefix), dist + file) });
  expect(asked).toEqual(['olm-wasm.wasm', dist]);
  expect(fresh.backend).toBe('wasm');
  const sas = new fresh.SAS();
  expect(sas.get_pubkey()).toMatch(/^[A-Za-z0-9+/]{43}$/);
});
