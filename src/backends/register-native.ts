// A side effect only, no exports: importing this module adds the native addon to loaders.ts's
// backendLoaders. The Node entry points (node.ts, native.ts, compat/node.ts) import it, the browser
// entry does not; package.json "sideEffects" names it so that bundlers keep the import.
import { backendLoaders } from './loaders.js';

backendLoaders.native = async (options) => (await import('./native.js')).loadNative(options.nativePrimitives);
