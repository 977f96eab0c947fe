// The native backend: the N-API addon (native/addon.cc), found by node-gyp-build in build/Release
// or prebuilds/ under the package root. Node-only: only the Node entry points (node.ts, native.ts)
// reach this module. The addon built with libolm's stock crypto core (build/Release/
// olm_native_stock.node, from a source build) is there for comparisons.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Arg, Backend, Handle, Kind, NativePrimitives } from './backend.js';
import type { OlmFunction } from './functions.js';
import { packageRootUrl } from './location.js';

type Addon = {
  primitives: string;
  create(kind: Kind): Handle;
  free(handle: Handle): void;
  liveObjects(): number;
} & { [F in OlmFunction]?: (...args: Arg[]) => number };

export function loadNative(primitives: NativePrimitives = 'fast'): Backend {
  const rootUrl = packageRootUrl();
  const require = createRequire(new URL('package.json', rootUrl));
  const root = fileURLToPath(rootUrl);
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
    liveObjects: () => addon.liveObjects(),
  };
}
