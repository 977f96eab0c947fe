// Terminating a worker thread while it is inside an addon call must not take the process down
// (node-addon-api's napi_throw failure path was napi_fatal_error: exit 134). The program runs in a
// child process: a crash there fails this test instead of the test runner.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runNode } from './compat-fixture.js';

describe('native backend in worker threads', () => {
  it('survives workers terminated mid-call, 20 rounds of create/free, Megolm and class loops', async () => {
    const run = await runNode([join(root, 'test', 'fixtures', 'worker-terminate-program.mjs'), '20'], root, 'native');
    expect(run.stderr).not.toContain('FATAL ERROR');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ rounds: 20, terminated: 60 });
  });
});
