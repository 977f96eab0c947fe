// init()/load() for an entry point that offers exactly one backend ('olm-universal/native',
// 'olm-universal/wasm', the browser entry): 'auto' or nothing means that one, and OLM_BACKEND
// does not apply.
import type { BackendName } from '../backends/contract.js';
import { init as initAny, load as loadAny, type InitOptions, type Olm } from '../api/library.js';

export function pinnedTo(name: BackendName): {
  init(options?: InitOptions): Promise<Olm>;
  load(options?: InitOptions): Promise<Olm>;
} {
  const pin = (options: InitOptions): InitOptions => {
    const requested = options.backend ?? 'auto';
    if (requested !== 'auto' && requested !== name) {
      throw new TypeError(
        `olm-universal/${name}: this entry point has only the ${name} backend, got backend: '${String(requested)}'`,
      );
    }
    return { ...options, backend: name };
  };
  return {
    init: async (options = {}) => initAny(pin(options)),
    load: async (options = {}) => loadAny(pin(options)),
  };
}
