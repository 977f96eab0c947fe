// 'olm-universal/compat' in Node: as ./index.ts, with the native addon loadable. ES module only
// (require() gets it through Node's require(esm) and its 'module.exports' export).
import '../native-loader.js';

export * from './index.js';
export { default, 'module.exports' } from './index.js';
