// Runs one target's inputs on both backends and judges the verdicts (verdict.ts).
import { load, type BackendName, type Olm } from '../../dist/node.js';
import type { FuzzTarget } from './target.js';
import { failureOf, verdictOf, type Verdict } from './verdict.js';

export const BACKEND_NAMES: readonly BackendName[] = ['native', 'wasm'];

export type Backends = Record<BackendName, Olm>;

export async function loadBothBackends(): Promise<Backends> {
  const [native, wasm] = await Promise.all(BACKEND_NAMES.map((backend) => load({ backend })));
  return { native: native!, wasm: wasm! };
}

export interface Checked {
  verdicts: Record<string, Verdict>;
  /** Why the input fails the rules (untyped error, trap, disagreement), or null. */
  failure: string | null;
}

export class Harness {
  readonly #runs: [BackendName, (input: unknown) => unknown][];

  constructor(
    readonly target: FuzzTarget,
    backends: Backends,
  ) {
    this.#runs = BACKEND_NAMES.map((name) => [name, target.prepare(backends[name])]);
  }

  check(input: unknown): Checked {
    const verdicts: Record<string, Verdict> = {};
    for (const [name, run] of this.#runs) verdicts[name] = verdictOf(() => run(input));
    return { verdicts, failure: failureOf(verdicts) };
  }
}
