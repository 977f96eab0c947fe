// The timing loop, the same as the C baseline's measure(): one untimed run, then batches that
// double until one takes a tenth of the budget, until the budget is spent. Runs in Node and browsers.
import type { Prepared } from './rows.js';

export function measure(prepared: Prepared, minMs: number): number {
  prepared.run();
  let iterations = 0;
  let batch = 1;
  const start = performance.now();
  let elapsed: number;
  do {
    for (let i = 0; i < batch; i++) prepared.run();
    iterations += batch;
    elapsed = performance.now() - start;
    if (elapsed < minMs / 10) batch *= 2;
  } while (elapsed < minMs);
  return (iterations * 1000) / elapsed;
}

/** Prepares, measures and frees one operation; null (n/a) when the set lacks it. */
export function measureOp(make: (() => Prepared) | undefined, minMs: number): number | null {
  if (make === undefined) return null;
  const prepared = make();
  try {
    return measure(prepared, minMs);
  } finally {
    prepared.free();
  }
}
