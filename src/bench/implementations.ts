// The columns of the benchmark. Each measures one row at a time; the runner (run.ts) interleaves
// them row by row and round by round.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packageRootUrl } from '../entry/location.js';
import { load, type Olm } from '../node.js';
import { isSourceBuild } from '../backends/source-build.js';
import { measureOp } from './measure.js';
import { ourOps, ourSweepOps } from './ops-ours.js';
import { loadReference, loadTowns, referenceOps, referenceSweepOps, type LoadedJsOlm } from './ops-reference.js';
import { opFor } from './cases.js';
import { isRowId, type OpSet, type Prepared } from './rows.js';
import type { AheadFixture, SweepOpSet } from './sweep.js';

export interface Implementation {
  /** 'native', 'native-stock', 'native-unhardened', 'wasm', 'reference', 'towns', 'c', 'c-<variant>', 'c-wasm', 'wasm-browser'. */
  readonly id: string;
  readonly label: string;
  /** What was measured: the package and libolm versions, the crypto core. */
  readonly version: string;
  /** ops/s of one case (a row id or a sweep point, `op@n`) over minMs; null: the implementation lacks it (n/a). */
  measure(caseId: string, minMs: number): Promise<number | null>;
  close?(): Promise<void>;
}

/** Not measured, and why (shown in the report instead of a column). */
export interface Skipped {
  id: string;
  label: string;
  reason: string;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A test hook, reachable only under vitest: OLM_BENCH_TEST_SLOW=<implementation>:<case>:<times>
 * runs that case's operation <times> times per timed run, dividing its ops/s by <times>, so
 * `bench compare` has a known change to flag in a real run (test/bench-compare.test.ts).
 */
function slowedForTest(id: string, caseId: string, make: (() => Prepared) | undefined): (() => Prepared) | undefined {
  const hook = process.env['VITEST'] === undefined ? undefined : process.env['OLM_BENCH_TEST_SLOW'];
  const times = Number(hook?.split(':')[2]);
  if (make === undefined || hook === undefined || !hook.startsWith(`${id}:${caseId}:`) || !(times >= 1)) return make;
  return () => {
    const prepared = make();
    return {
      run: () => {
        for (let i = 0; i < times; i++) prepared.run();
      },
      free: prepared.free,
    };
  };
}

/** An implementation running in this process from its set of operations. */
export function inProcess(id: string, label: string, version: string, ops: OpSet, sweep: SweepOpSet = {}): Implementation {
  return {
    id,
    label,
    version,
    async measure(caseId, minMs) {
      await yieldToEventLoop(); // lets the progress line and signals through between rows
      return measureOp(slowedForTest(id, caseId, opFor(ops, sweep, caseId)), minMs);
    },
  };
}

/** The version line of one of our builds: the package, libolm and the crypto core. */
export const ourVersion = (packageVersion: string, olm: Olm): string =>
  `olm-universal ${packageVersion}, libolm ${olm.version}, ${olm.primitives}`;

export async function ourBackend(
  backend: 'native' | 'wasm',
  packageVersion: string,
  ahead?: AheadFixture,
): Promise<Implementation | Skipped> {
  const label = backend === 'native' ? 'native' : 'wasm';
  try {
    const olm = await load({ backend });
    return inProcess(backend, label, ourVersion(packageVersion, olm), ourOps(olm), ourSweepOps(olm, ahead));
  } catch (error) {
    return { id: backend, label, reason: `the ${backend} backend did not load: ${(error as Error).message}` };
  }
}

/**
 * The comparison addons beside the default fast one, in source builds only: libolm's stock
 * crypto core (build-cmake/native/Release/olm_native_stock.node) and the fast core without the hardening
 * (olm_native_unhardened.node: what the hardening costs each row). Those missing are left out.
 */
export async function ourNativeComparisons(packageVersion: string, ahead?: AheadFixture): Promise<Implementation[]> {
  const found: Implementation[] = [];
  for (const primitives of ['stock', 'unhardened'] as const) {
    try {
      const olm = await load({ backend: 'native', nativePrimitives: primitives });
      const version = ourVersion(packageVersion, olm);
      found.push(inProcess(`native-${primitives}`, `native (${primitives})`, version, ourOps(olm), ourSweepOps(olm, ahead)));
    } catch {
      // Not built: an installed package has neither.
    }
  }
  return found;
}

/** An emscripten binding of libolm (@matrix-org/olm or @towns-protocol/olm) when it is installed. */
async function jsBinding(
  id: string,
  name: string,
  loaded: LoadedJsOlm | undefined,
  ahead?: AheadFixture,
): Promise<Implementation | Skipped> {
  if (loaded === undefined) return { id, label: name, reason: `${name} is not installed (npm install -D ${name})` };
  return inProcess(id, name, `${name} ${loaded.version}`, referenceOps(loaded.olm), referenceSweepOps(loaded.olm, ahead));
}

export async function reference(ahead?: AheadFixture): Promise<Implementation | Skipped> {
  return jsBinding('reference', '@matrix-org/olm', await loadReference(), ahead);
}

/** @towns-protocol/olm, the maintained fork of the reference's WASM build. */
export async function towns(ahead?: AheadFixture): Promise<Implementation | Skipped> {
  return jsBinding('towns', '@towns-protocol/olm', await loadTowns(), ahead);
}

/** Where the native build (cmake-js) puts olm-bench-c (bench/bench.cmake). */
export const BUILD_DIR = fileURLToPath(new URL('../../build-cmake/native/Release/', import.meta.url));

/** Where the WASM build (wasm/build.sh) puts the C baseline over its libolm: a Node program (bench/bench.cmake). */
export const WASM_BASELINE = fileURLToPath(new URL('../../build-cmake/wasm/bench/olm-bench-c-wasm.js', import.meta.url));

/** The C baselines that were built: olm-bench-c, and olm-bench-c-<variant> for other libolm builds. */
export function cBaselines(libolm: string, dir = BUILD_DIR): Array<Implementation | Skipped> {
  const names = existsSync(dir) ? readdirSync(dir).filter((name) => /^olm-bench-c(-[\w.]+)?$/.test(name)) : [];
  if (!names.includes('olm-bench-c')) {
    const reason = isSourceBuild(packageRootUrl())
      ? `no C baseline at ${dir}olm-bench-c (npm run build:native builds it)`
      : 'the C baseline is built only in a source build of olm-universal';
    return [{ id: 'c', label: 'C', reason }];
  }
  return names.sort().map((name) => {
    const variant = name.slice('olm-bench-c'.length + 1);
    const version = `libolm ${libolm} in C (${variant || 'fast core'}), bench/baseline.c`;
    return cBaseline(dir + name, variant ? `c-${variant}` : 'c', variant ? `C (${variant})` : 'C', version);
  });
}

/**
 * "C (WASM)": bench/baseline.c compiled by emscripten over the WASM module's libolm objects, run
 * by this Node: the WASM backend's limit, as C is the native one's. Source builds only (an
 * installed package has neither baseline, and cBaselines already says so).
 */
export function cWasmBaseline(libolm: string, path = WASM_BASELINE): Array<Implementation | Skipped> {
  if (!existsSync(path)) {
    if (!isSourceBuild(packageRootUrl())) return [];
    return [{ id: 'c-wasm', label: 'C (WASM)', reason: `no C (WASM) baseline at ${path} (npm run build:wasm builds it)` }];
  }
  const version = `libolm ${libolm} in C compiled to WASM (fast core), bench/baseline.c`;
  // --no-liftoff: V8's optimised code from the first call. A fresh process would otherwise time
  // its baseline tier for a while (pk-encrypt at 60 ms: 5.7-6.8k ops/s against 7.6k), where the
  // WASM backend it is compared with has had its warm-up round.
  return [cBaseline(process.execPath, 'c-wasm', 'C (WASM)', version, ['--no-liftoff', path])];
}

/**
 * The C program, spawned for each measurement (`file`, with `prefix` before the program's own
 * options: node and the script for the WASM one); it times itself and prints JSON.
 */
export function cBaseline(
  file: string,
  id: string,
  label: string,
  version: string,
  prefix: readonly string[] = [],
): Implementation {
  return {
    id,
    label,
    version,
    measure(row, minMs) {
      // The C program has the table's rows only: the sweeps are n/a.
      if (!isRowId(row)) return Promise.resolve(null);
      return new Promise((resolve, reject) => {
        execFile(file, [...prefix, '--min-time', String(minMs), '--ops', row], (error, stdout, stderr) => {
          if (error) return reject(new Error(`${[file, ...prefix].join(' ')}: ${error.message} ${stderr.trim()}`));
          const { results } = JSON.parse(stdout) as { results: Record<string, number> };
          resolve(results[row] ?? null);
        });
      });
    },
  };
}
