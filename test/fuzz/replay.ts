// node build/fuzz-js/test/fuzz/replay.js FIXTURE.json...  (after npm run fuzz has compiled it)
// Replays saved inputs in a fresh process, one verdict per backend: to tell a real finding from
// an effect of an earlier input in the same fuzzing process (a corrupted WASM heap).
import { basename } from 'node:path';
import { loadFixtures } from './fixtures.js';
import { Harness, loadBothBackends } from './harness.js';
import { allTargets } from './targets/index.js';
import { describeValue } from './verdict.js';

const backends = await loadBothBackends();
const targets = new Map(allTargets(backends.native).map((target) => [target.name, target]));
const wanted = new Set(process.argv.slice(2).map((file) => basename(file)));
for (const fixture of loadFixtures().filter((f) => wanted.size === 0 || wanted.has(f.file))) {
  const { verdicts, failure } = new Harness(targets.get(fixture.target)!, backends).check(fixture.input);
  console.log(
    `${fixture.file}: ${failure ?? 'passes'}\n  found as: ${fixture.failure}\n  now: ${describeValue(verdicts).slice(0, 300)}`,
  );
}
