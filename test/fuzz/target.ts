// A fuzz target: an input generator and, per backend, the run of one input (objects it can reuse
// are made once, in prepare).
import type fc from 'fast-check';
import type { Olm } from '../../dist/api/library.js';

export interface FuzzTarget<I = unknown> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<I>;
  prepare(olm: Olm): (input: I) => unknown;
}

/** Erases the input type, for lists of targets (each target only sees its own inputs). */
export function defineTarget<I>(target: FuzzTarget<I>): FuzzTarget {
  return target as unknown as FuzzTarget;
}

/** Runs `use` on a new object and frees it, whatever happens. */
export function using<T extends { free(): void }, R>(object: T, use: (object: T) => R): R {
  try {
    return use(object);
  } finally {
    object.free();
  }
}
