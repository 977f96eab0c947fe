// The columns of the benchmark. Each measures one row at a time; the runner (run.ts) interleaves
// them row by row and round by round.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packageRootUrl } from '../location.js';
import { load } from '../node.js';
import { isSourceBuild } from '../source-build.js';
import { measureOp } from './measure.js';
import { ourOps } from './ops-ours.js';
import { loadReference, referenceOps } from './ops-reference.js';
import type { OpSet, RowId } from './rows.js';

export interface Implementation {
  /** 'native', 'native-stock', 'wasm', 'reference', 'c', 'c-<variant>', 'wasm-browser'. */
  readonly id: string;
  readonly label: string;
  /** ops/s of one row over minMs; null: the implementation lacks the row (n/a). */
  measure(row: RowId, minMs: number): Promise<number | null>;
  close?(): Promise<void>;
}

/** Not measured, and why (shown in the report instead of a column). */
export interface Skipped {
  id: string;
  label: string;
  reason: string;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An implementation running in this process from its set of operations. */
export function inProcess(id: string, label: string, ops: OpSet): Implementation {
  return {
    id,
    label,
    async measure(row, minMs) {
      await yieldToEventLoop(); // lets the progress line and signals through between rows
      return measureOp(ops[row], minMs);
    },
  };
}

export async function ourBackend(backend: 'native' | 'wasm'): Promise<Implementation | Skipped> {
  const label = backend === 'native' ? 'native' : 'wasm';
  try {
    return inProcess(backend, label, ourOps(await load({ backend })));
  } catch (error) {
    return { id: backend, label, reason: `the ${backend} backend did not load: ${(error as Error).message}` };
  }
}

/**
 * The comparison addons beside the default fast one, in source builds only: libolm's stock
 * crypto core (build/Release/olm_native_stock.node) and the fast core without the hardening
 * (olm_native_unhardened.node: what the hardening costs each row). Those missing are left out.
 */
export async function ourNativeComparisons(): Promise<Implementation[]> {
  const found: Implementation[] = [];
  for (const primitives of ['stock', 'unhardened'] as const) {
    try {
      const olm = await load({ backend: 'native', nativePrimitives: primitives });
      found.push(inProcess(`native-${primitives}`, `native (${primitives})`, ourOps(olm)));
    } catch {
      // Not built: an installed package has neither.
    }
  }
  return found;
}

export async function reference(): Promise<Implementation | Skipped> {
  const olm = await loadReference();
  if (olm === undefined) {
    return { id: 'reference', label: '@matrix-org/olm', reason: '@matrix-org/olm is not installed (npm install -D @matrix-org/olm)' };
  }
  return inProcess('reference', '@matrix-org/olm', referenceOps(olm));
}

/** build/Release of the package, where the native build puts olm-bench-c (bench/bench.cmake). */
export const BUILD_DIR = fileURLToPath(new URL('../../build/Release/', import.meta.url));

/** The C baselines that were built: olm-bench-c, and olm-bench-c-<variant> for other libolm builds. */
export function cBaselines(dir = BUILD_DIR): Array<Implementation | Skipped> {
  const names = existsSync(dir) ? readdirSync(dir).filter((name) => /^olm-bench-c(-[\w.]+)?$/.test(name)) : [];
  if (!names.includes('olm-bench-c')) {
    const reason = isSourceBuild(packageRootUrl())
      ? `no C baseline at ${dir}olm-bench-c (npm run build:native builds it)`
      : 'the C baseline is built only in a source build of olm-universal';
    return [{ id: 'c', label: 'C', reason }];
  }
  return names.sort().map((name) => {
    const variant = name.slice('olm-bench-c'.length + 1);
    return cBaseline(dir + name, variant ? `c-${variant}` : 'c', variant ? `C (${variant})` : 'C');
  });
}

/** The C program, spawned for each measurement; it times itself and prints JSON. */
export function cBaseline(path: string, id: string, label: string): Implementation {
  return {
    id,
    label,
    measure(row, minMs) {
      return new Promise((resolve, reject) => {
        execFile(path, ['--min-time', String(minMs), '--ops', row], (error, stdout, stderr) => {
          if (error) return reject(new Error(`${path}: ${error.message} ${stderr.trim()}`));
          const { results } = JSON.parse(stdout) as { results: Record<string, number> };
          resolve(results[row] ?? null);
        });
      });
    },
  };
}
