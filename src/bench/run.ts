// The method: a warm-up round (JIT, caches; not recorded), then rounds in which every row is
// measured on every implementation back to back, the implementations' order rotating from row to
// row and round to round. Interleaving row by row keeps the ratios fair on a shared machine: a
// burst of load elsewhere hits the implementations of a row alike instead of one whole column.
import type { Implementation } from './implementations.js';
import type { Progress } from './progress.js';
import type { RowId } from './rows.js';
import type { SweepKind } from './sweep.js';

export interface RunSettings {
  rows: readonly RowId[];
  /** The sweeps and their points (sizes in bytes, or messages ahead). */
  sweeps: ReadonlyArray<{ kind: SweepKind; points: readonly number[] }>;
  rounds: number;
  /** Time spent on each row per implementation and round. */
  minMs: number;
  /** Time per row of the warm-up round; 0 skips it. */
  warmupMs: number;
}

/** samples[implementation id][case id]: ops/s per round; null where the implementation lacks the case. */
export type Samples = Record<string, Record<string, Array<number | null>>>;

/** One thing measured per implementation and round: a row, or a sweep point (`op@n`). */
export interface Case {
  id: string;
  label: string;
}

export async function runRounds(
  implementations: readonly Implementation[],
  cases: readonly Case[],
  settings: Pick<RunSettings, 'rounds' | 'minMs' | 'warmupMs'>,
  progress: Progress,
): Promise<Samples> {
  const samples: Samples = Object.fromEntries(implementations.map((impl) => [impl.id, {}]));
  const started = performance.now();
  const pass = async (name: string, minMs: number, impls: readonly Implementation[], shift: number, record: boolean) => {
    const t0 = performance.now();
    for (const [r, row] of cases.entries()) {
      const first = (shift + r) % impls.length;
      for (const impl of [...impls.slice(first), ...impls.slice(0, first)]) {
        const elapsed = ((performance.now() - started) / 1000).toFixed(0);
        progress.update(`${name} · ${row.label} (${r + 1}/${cases.length}) · ${impl.label} · ${elapsed} s`);
        const result = await impl.measure(row.id, minMs);
        if (record) (samples[impl.id]![row.id] ??= []).push(result);
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
