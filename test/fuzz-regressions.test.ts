// Replays every input a fuzz run saved (test/fuzz/regressions/<target>-<hash>.json) on both
// backends: each must now get the same verdict on both, with no untyped error or trap.
import { describe, expect, it } from 'vitest';
import { loadFixtures } from './fuzz/fixtures.js';
import { Harness, loadBothBackends } from './fuzz/harness.js';
import { allTargets } from './fuzz/targets/index.js';

const backends = await loadBothBackends();
const targets = new Map(allTargets(backends.native).map((target) => [target.name, target]));
const fixtures = loadFixtures();

describe('fuzz regression fixtures', () => {
  it('name known targets', () => {
    expect(fixtures.filter((fixture) => !targets.has(fixture.target)).map((fixture) => fixture.file)).toEqual([]);
  });

  it.each(fixtures.map((fixture) => [fixture.file, fixture] as const))('%s: same verdict on both backends', (_file, fixture) => {
    const harness = new Harness(targets.get(fixture.target)!, backends);
    const { failure } = harness.check(fixture.input);
    expect(failure, `found as: ${fixture.failure}`).toBeNull();
  });
});
