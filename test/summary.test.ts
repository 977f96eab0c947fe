// The closing "N passed, N failed" line is what a CI log reader sees: it must count a failing
// beforeAll, a module that fails to load and a throwing afterAll as failures, not as skips.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

it('counts every failure outside a test body in the closing line', () => {
  const run = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], {
    cwd: join(root, 'test', 'fixtures', 'summary'),
    encoding: 'utf8',
    env: { ...process.env, CI: '' },
  });
  expect(run.status).toBe(1);
  const lines = run.stdout.trim().split('\n');
  // 3 tests pass; 2 kept from running by beforeAll, 1 failing test, 1 module that fails to
  // load and 1 whose afterAll throws make 5 failed; 1 it.skip.
  expect(lines.at(-1)).toBe('3 passed, 5 failed, 1 skipped');
  expect(run.stdout).toContain('never runs (1) (not run: beforeAll failed on purpose)');
  expect(run.stdout).toContain('import-throws.fixture.ts (the module fails to load on purpose)');
  expect(run.stdout).toContain('after-all-throws.fixture.ts (afterAll failed on purpose)');
}, 60_000);
