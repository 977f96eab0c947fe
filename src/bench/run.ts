// The method: a warm-up round (JIT, caches; not recorded), then rounds in which every row is
// measured on every implementation back to back, the implementations' order rotating from row to
// row and round to round. Interleaving row by row keeps the ratios fair on a shared machine: a
// burst of load elsewhere hits the implementations of a row alike instead of one whole column.
import type { Implementation } from './implementations.js';
import type { Progress } from './progress.js';
import { ROWS, type RowId } from './rows.js';

export interface RunSettings {
  rows: readonly RowId[];
  rounds: number;
  /** Time spent on each row per implementation and round. */
  minMs: number;
  /** Time per row of the warm-up round; 0 skips it. */
  warmupMs: number;
}

/** samples[implementation id][row id]: ops/s per round; null where the implementation lacks the row. */
export type Samples = Record<string, Partial<Record<RowId, Array<number | null>>>>;

const labelOf = (row: RowId): string => ROWS.find((r) => r.id === row)?.label ?? row;

export async function runRounds(
  implementations: readonly Implementation[],
  settings: RunSettings,
  progress: Progress,
): Promise<Samples> {
  const samples: Samples = Object.fromEntries(implementations.map((impl) => [impl.id, {}]));
  const started = performance.now();
  const pass = async (name: string, minMs: number, impls: readonly Implementation[], shift: number, record: boolean) => {
    const t0 = performance.now();
    for (const [r, row] of settings.rows.entries()) {
      const first = (shift + r) % impls.length;
      for (const impl of [...impls.slice(first), ...impls.slice(0, first)]) {
        const elapsed = ((performance.now() - started) / 1000).toFixed(0);
        progress.update(`${name} · ${labelOf(row)} (${r + 1}/${settings.rows.length}) · ${impl.label} · ${elapsed} s`);
        const result = await impl.measure(row, minMs);
        if (record) (samples[impl.id]![row] ??= []).push(result);
      }
    }
    progress.line(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  if (settings.warmupMs > 0) {
    // The C baseline needs no warm-up: it has no JIT, and each measurement is a fresh process anyway.
    const jitted = implementations.filter((impl) => !impl.id.startsWith('c'));
    await pass('warm-up', settings.warmupMs, jitted, 0, false);
  }
  for (let round = 0; round < settings.rounds; round++) {
    await pass(`round ${round + 1}/${settings.rounds}`, settings.minMs, implementations, round, true);
  }
  progress.done();
  return samples;
}
