// The native backend: the N-API addon (native/addon.cc), found by node-gyp-build in prebuilds/
// or build/Release under the package root. The addon built with libolm's stock crypto core
// (build/Release/olm_native_stock.node, from a source build) is there for comparisons.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Arg, Backend, Handle, Kind } from './backend.js';
import type { OlmFunction } from './functions.js';

/** Which crypto core the native addon runs: native/crypto/ ('fast') or libolm's own ('stock'). */
export type NativePrimitives = 'fast' | 'stock';

type Addon = {
  primitives: string;
  create(kind: Kind): Handle;
  free(handle: Handle): void;
} & { [F in OlmFunction]?: (...args: Arg[]) => number };

export function loadNative(primitives: NativePrimitives = 'fast'): Backend {
  const require = createRequire(import.meta.url);
  const root = fileURLToPath(new URL('..', import.meta.url));
  let addon: Addon;
  try {
    if (primitives === 'stock') {
      addon = require(`${root}build/Release/olm_native_stock.node`) as Addon;
    } else {
      const nodeGypBuild = require('node-gyp-build') as (dir: string) => Addon;
      addon = nodeGypBuild(root);
    }
  } catch (error) {
    throw new Error(
      `olm-universal: the native addon could not be loaded from ${root} ` +
        `(${error instanceof Error ? error.message.split('\n')[0] : String(error)}). ` +
        `Build it with "npm run build:native", or use init({ backend: 'wasm' }).`,
      { cause: error },
    );
  }
  return {
    name: 'native',
    primitives: addon.primitives,
    create: (kind) => addon.create(kind),
    free: (handle) => addon.free(handle),
    call(fn, args) {
      const native = addon[fn];
      if (native === undefined) throw new TypeError(`olm-universal: the native addon has no ${fn}`);
      return native(...args);
    },
  };
}
