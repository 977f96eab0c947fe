// Shared by the test/compat-*.test.ts suites that hold olm-universal/compat against
// @matrix-org/olm itself: loading both, a pickle round trip between them, the message a call throws.
import { beforeAll, describe, expect, vi } from 'vitest';
import { BACKENDS, loadReference, type Reference } from './backends.js';

export type Compat = typeof import('../dist/compat/index.js').default;

/** A fresh instance of the compat module (it has one backend per process), initialised on `backend`. */
export async function loadCompat(backend: string): Promise<Compat> {
  vi.resetModules();
  const { default: compat } = await import('../dist/compat/node.js');
  await compat.init({ backend: backend as 'native' | 'wasm' });
  return compat;
}

/**
 * The two libraries of the current backend's tests, loaded by describeVsReference before them.
 * Live bindings: read them inside hooks and tests, never at a suite's top level.
 */
export let reference: Reference;
export let compat: Compat;

/** The suites' frame: `body`'s tests run once per backend, against @matrix-org/olm. */
export function describeVsReference(body: (backend: (typeof BACKENDS)[number]) => void): void {
  describe.each(BACKENDS)('olm-universal/compat on %s vs @matrix-org/olm', (backend) => {
    beforeAll(async () => {
      reference = await loadReference();
      compat = await loadCompat(backend);
    });
    body(backend);
  });
}

/** The message `fn` throws. */
export function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return 'nothing thrown';
}

export const KEY = 'pickle key';

interface Picklable {
  pickle(key: string): string;
  unpickle(key: string, pickle: string): unknown;
}

/** `from` restored from its pickle into a new `Class` object, which must pickle to the same string. */
export function restored<T extends Picklable>(Class: new () => T, from: Picklable): T {
  const object = new Class();
  object.unpickle(KEY, from.pickle(KEY));
  expect(object.pickle(KEY)).toBe(from.pickle(KEY));
  return object;
}
