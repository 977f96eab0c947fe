// The native backend: the N-API addon (native/addon.cc), found by node-gyp-build in build/Release
// (node-gyp's) or prebuilds/ under the package root. Node-only: only the Node entry points
// (node.ts, native.ts) reach this module. The addon built with libolm's stock crypto core
// (build-cmake/native/Release/olm_native_stock.node, from a source build) is there for comparisons.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Arg, Backend, Handle, Kind, NativePrimitives } from './contract.js';
import { describe } from '../api/bytes.js';
import { Collector } from './collector.js';
import { invokeWith } from './invoke.js';
import type { OlmFunction } from '../binding/functions.js';
import { packageRootUrl } from '../entry/location.js';
import { isSourceBuild } from './source-build.js';

/** The addon's arguments: handles are numbers (slot ids), see native/addon.cc. */
type AddonArg = Uint8Array | number | string | null;

type Addon = {
  primitives: string;
  hardening: string;
  create(kind: Kind): number;
  free(id: number): void;
  liveObjects(): number;
} & { [F in OlmFunction]?: (...args: AddonArg[]) => number | string };

/**
 * What create() hands out: the addon's id of the object, 0 once freed. An object, unlike the id,
 * can be registered with a FinalizationRegistry, which frees objects nobody freed.
 */
class NativeHandle {
  registered = false;
  constructor(public id: number) {}
}

export function loadNative(primitives: NativePrimitives = 'fast'): Backend {
  const rootUrl = packageRootUrl();
  const require = createRequire(new URL('package.json', rootUrl));
  const root = fileURLToPath(rootUrl);
  let addon: Addon;
  try {
    if (primitives !== 'fast') {
      addon = require(`${root}build-cmake/native/Release/olm_native_${primitives}.node`) as Addon;
    } else {
      const nodeGypBuild = require('node-gyp-build') as (dir: string) => Addon;
      addon = nodeGypBuild(root);
    }
  } catch (error) {
    const source = isSourceBuild(rootUrl);
    const what = primitives === 'fast' ? 'the native addon' : `the native addon with the ${primitives} crypto core`;
    const remedy =
      primitives !== 'fast'
        ? source
          ? 'Build it with "npm run build:native"'
          : 'It exists only in a source build of olm-universal, not in the installed package'
        : source
          ? 'Build it with "npm run build:native" and "npm run prebuildify"'
          : 'Rebuild it with "npm rebuild olm-universal" (needs a C++ compiler)';
    throw new Error(
      `olm-universal: ${what} could not be loaded from ${root} ` +
        `(${error instanceof Error ? error.message.split('\n')[0] : String(error)}). ` +
        `${remedy}, or use init({ backend: 'wasm' }).`,
      { cause: error },
    );
  }
  // Forgotten objects: the addon frees them by id when their handle is collected. free()
  // unregisters, so a freed object costs nothing more (no finalizer waits for the event loop).
  const collector = new Collector<NativeHandle, number>((id) => addon.free(id));
  // The addon's functions, looked up once each (a keyed lookup among ~100 properties).
  const functions = new Map<OlmFunction, (...args: AddonArg[]) => number | string>();
  return {
    name: 'native',
    primitives: addon.primitives,
    hardening: addon.hardening,
    create(kind: Kind): Handle {
      const handle = new NativeHandle(addon.create(kind));
      collector.watch(handle, handle.id);
      return handle as unknown as Handle;
    },
    // C gets the caller's bytes: the core copies a buffer libolm overwrites.
    copiesBuffers: false,
    free(handle: Handle): void {
      if (!(handle instanceof NativeHandle)) throw new TypeError(`free: must be an olm handle, got ${describe(handle)}`);
      if (handle.id === 0) return;
      collector.forget(handle);
      const id = handle.id;
      handle.id = 0;
      addon.free(id);
    },
    call(fn, args): number {
      return invoke(fn, args) as number;
    },
    // The addon reads strings and returns text itself (native/addon.cc, Temporaries).
    text: invoke,
    liveObjects: () => addon.liveObjects(),
  };

  function invoke(fn: OlmFunction, args: Arg[]): number | string {
    let native = functions.get(fn);
    if (native === undefined) {
      native = addon[fn];
      if (native === undefined) throw new TypeError(`olm-universal: the native addon has no ${fn}`);
      functions.set(fn, native);
    }
    const count = args.length;
    // Handles become their ids in place (the array is the core's, made for this call); anything
    // else goes through as it is, for the addon to check (a freed handle's id 0 names no object
    // there: a TypeError).
    for (let i = 0; i < count; i++) {
      const arg = args[i];
      if (arg instanceof NativeHandle) args[i] = arg.id;
    }
    return invokeWith(native as (...a: Arg[]) => number | string, args, count);
  }
}
