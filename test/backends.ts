// Every test runs on both backends: these helpers load them (once per test file).
import { load, type BackendName, type Olm } from '../dist/node.js';

export const BACKENDS: readonly BackendName[] = ['native', 'wasm'];

export function loadBackend(name: BackendName): Promise<Olm> {
  return load({ backend: name });
}

/** @matrix-org/olm 3.2.15, the reference implementation, initialised. */
export async function loadReference(): Promise<typeof import('@matrix-org/olm').default> {
  const { default: reference } = await import('@matrix-org/olm');
  await reference.init();
  return reference;
}

export type Reference = Awaited<ReturnType<typeof loadReference>>;

/** Both backends and the reference, for the tests that cross between them. */
export async function loadAll(): Promise<{ reference: Reference; olms: Record<BackendName, Olm> }> {
  const olms = {} as Record<BackendName, Olm>;
  for (const name of BACKENDS) olms[name] = await loadBackend(name);
  return { reference: await loadReference(), olms };
}
