// Whether the package runs from its repository (where `npm run build:native` and the other
// scripts exist) or installed as a dependency (where `npm rebuild olm-universal` rebuilds the
// addon): messages name only commands the reader has. CMakeLists.txt is not in the package.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function isSourceBuild(root: URL): boolean {
  return existsSync(fileURLToPath(new URL('CMakeLists.txt', root)));
}
