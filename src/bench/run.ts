// The method: a warm-up round (JIT, caches; not recorded), then rounds in which every
// implementation measures every row, the implementations' order rotating from round to round.
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
  const pass = async (name: string, minMs: number, order: readonly Implementation[], record: boolean) => {
    for (const impl of order) {
      const t0 = performance.now();
      let done = 0;
      const result = await impl.round(settings.rows, minMs, (row) => {
        const elapsed = ((performance.now() - started) / 1000).toFixed(0);
        progress.update(`${name} · ${impl.label} · ${labelOf(row)} (${++done}/${settings.rows.length}) · ${elapsed} s`);
      });
      progress.line(`${name}: ${impl.label} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      if (!record) continue;
      for (const row of settings.rows) ((samples[impl.id]![row] ??= []) as Array<number | null>).push(result[row] ?? null);
    }
  };
  if (settings.warmupMs > 0) {
    // The C baseline needs no warm-up: it has no JIT, and each round is a fresh process anyway.
    await pass('warm-up', settings.warmupMs, implementations.filter((impl) => !impl.id.startsWith('c')), false);
  }
  for (let round = 0; round < settings.rounds; round++) {
    const shift = round % implementations.length;
    const order = [...implementations.slice(shift), ...implementations.slice(0, shift)];
    await pass(`round ${round + 1}/${settings.rounds}`, settings.minMs, order, true);
  }
  progress.done();
  return samples;
}
