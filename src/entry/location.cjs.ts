// Where the package's files are, for the CommonJS build (compiled in place of location.ts, see
// tsconfig.cjs.json): this file is dist/cjs/entry/location.js, Node-only.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function packageRootUrl(): URL {
  return pathToFileURL(join(__dirname, '..', '..', '..') + '/');
}

export function defaultWasmUrl(): URL {
  return pathToFileURL(join(__dirname, '..', '..', 'olm-wasm.wasm'));
}

export function defaultWasmDirectory(): string {
  return pathToFileURL(join(__dirname, '..', '..') + '/').href;
}
