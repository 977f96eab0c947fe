// ... and from `require` in CommonJS TypeScript.
import Olm = require('olm-universal/compat');
import type * as Reference from '@matrix-org/olm';

export const asRequired: typeof Reference = Olm;
