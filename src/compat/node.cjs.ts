// 'olm-universal/compat' in Node, CommonJS build (compiled in place of node.ts, see
// tsconfig.cjs.json): require('olm-universal/compat') returns the namespace object itself, as
// require('@matrix-org/olm') does, on every Node that package.json's engines allows.
import '../backends/register-native.js';
import Olm from './index.js';

export = Olm;
