// The native backend: the N-API addon (native/addon.cc), found by node-gyp-build in prebuilds/
// or build/Release under the package root.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Arg, Backend, Handle, Kind } from './backend.js';
import type { OlmFunction } from './functions.js';

type Addon = {
  create(kind: Kind): Handle;
  free(handle: Handle): void;
  liveObjects(): number;
} & { [F in OlmFunction]?: (...args: Arg[]) => number };

export function loadNative(): Backend {
  const require = createRequire(import.meta.url);
  const root = fileURLToPath(new URL('..', import.meta.url));
  let addon: Addon;
  try {
    const nodeGypBuild = require('node-gyp-build') as (dir: string) => Addon;
    addon = nodeGypBuild(root);
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
