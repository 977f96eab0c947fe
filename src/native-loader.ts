// Imported for its effect by the Node entry points: makes the native addon loadable.
import { backendLoaders } from './loaders.js';

backendLoaders.native = async (options) => (await import('./backend-native.js')).loadNative(options.nativePrimitives);
