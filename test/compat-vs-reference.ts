// Shared by the test/compat-*.test.ts suites that hold olm-universal/compat against
// @matrix-org/olm itself: loading both, a pickle round trip between them, the message a call throws.
import { expect, vi } from 'vitest';

export type Compat = typeof import('../dist/compat/index.js').default;

/** A fresh instance of the compat module (it has one backend per process), initialised on `backend`. */
export async function loadCompat(backend: string): Promise<Compat> {
  vi.resetModules();
  const { default: compat } = await import('../dist/compat/node.js');
  await compat.init({ backend: backend as 'native' | 'wasm' });
  return compat;
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
