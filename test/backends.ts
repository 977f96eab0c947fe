// Every test runs on both backends: these helpers load them (once per test file).
import type { Backend } from '../dist/backends/contract.js';
import type { Core } from '../dist/binding/calls.js';
import { load, type BackendName, type Olm } from '../dist/node.js';
import { coreFor } from '../dist/binding/olm-object.js';

export const BACKENDS: readonly BackendName[] = ['native', 'wasm'];

/** Both directions between the backends, for describe.each. */
export const BACKEND_PAIRS = [
  ['native', 'wasm'],
  ['wasm', 'native'],
] as const;

export function loadBackend(name: BackendName): Promise<Olm> {
  return load({ backend: name });
}

/** Every backend, loaded: for tests that cross them. */
export async function loadBackends(): Promise<Record<BackendName, Olm>> {
  return Object.fromEntries(await Promise.all(BACKENDS.map(async (name) => [name, await loadBackend(name)])));
}

/** The core under an Olm object's classes: libolm's functions, for tests below the public API. */
export function coreOf(olm: Olm): Core {
  return coreFor(olm.Account);
}

/** The backend under an Olm object's classes, for its diagnostics (liveObjects, heap). */
export function backendOf(olm: Olm): Backend {
  return coreOf(olm).backend;
}

export type Reference = Awaited<ReturnType<typeof loadReference>>;

/** @matrix-org/olm 3.2.15, the reference implementation, initialised. */
export async function loadReference(): Promise<typeof import('@matrix-org/olm')> {
  const { default: reference } = await import('@matrix-org/olm');
  await reference.init();
  return reference;
}
