// A quick run of every fuzz target (test/fuzz/): a fixed seed, then a random one (fast-check prints
// it with the counterexample on failure). Every input runs on both backends; any untyped error,
// WASM trap, OlmError SUCCESS or disagreement fails. `npm run fuzz` is the long run.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { Harness, loadBothBackends } from './fuzz/harness.js';
import { allTargets } from './fuzz/targets/index.js';
import { describeValue } from './fuzz/verdict.js';

const FIXED_SEED = 13;
const RUNS = 40;

const backends = await loadBothBackends();
const targets = allTargets(backends.native);

describe.each(targets.map((target) => [target.name, target] as const))('fuzz %s (quick)', (_name, target) => {
  const harness = new Harness(target, backends);
  const property = fc.property(target.arbitrary, (input) => {
    const { verdicts, failure } = harness.check(input);
    if (failure !== null) throw new Error(`${failure}\nverdicts: ${describeValue(verdicts)}`);
  });

  it(`${RUNS} inputs, seed ${FIXED_SEED}`, () => {
    fc.assert(property, { seed: FIXED_SEED, numRuns: RUNS });
  });

  it(`${RUNS} inputs, a random seed`, () => {
    fc.assert(property, { numRuns: RUNS });
  });
});
