// A tenth of the memory soak (scripts/soak.mjs, `npm run soak`): 100,000 Megolm round trips and
// 10,000 create/free cycles of each class per backend, half synchronous and half yielding, with
// the RSS and the WASM memory within the script's bounds. In child processes (one per backend).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runNode } from './compat-fixture.js';

interface Phase {
  name: string;
  count: number;
  rssGrowth: number;
  wasmGrowth: number;
  wrong: number;
  live: number;
  ok: boolean;
}

describe('memory soak at a tenth', () => {
  it('keeps the RSS and the WASM memory within bounds on both backends', { timeout: 180_000 }, async () => {
    const run = await runNode([join(root, 'scripts', 'soak.mjs'), '--scale', '0.1', '--json'], root, 'native');
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { runs: { backend: string; phases: Phase[] }[]; failures: string[] };
    expect(result.failures).toEqual([]);
    expect(result.runs.map((r) => r.backend)).toEqual(['native', 'wasm']);
    for (const { phases } of result.runs) {
      expect(phases).toHaveLength(20);
      expect(phases.filter((p) => p.name.startsWith('megolm')).map((p) => p.count)).toEqual([50_000, 50_000]);
      for (const phase of phases) expect(phase, phase.name).toMatchObject({ wrong: 0, live: 0, ok: true });
    }
    expect(run.status).toBe(0);
  });
});
