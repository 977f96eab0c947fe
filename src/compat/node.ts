// 'olm-universal/compat' in Node, ES module build: as ./index.ts, with the native addon loadable.
// Node's `import` loads dist/node-import/compat.js (the CommonJS build re-exported) instead; this
// build serves bundlers targeting Node and gives the declarations.
import '../backends/register-native.js';

export * from './index.js';
export { default } from './index.js';
