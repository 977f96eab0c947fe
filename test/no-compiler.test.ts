// No prebuild for the platform and no compiler: the user's `npm install` still succeeds, with one
// notice, and the package runs on its WebAssembly backend. From the packed tarball, prebuilds/
// removed, compilers replaced by /bin/false.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { install, lastJson, pack, root, runOk, withoutPrebuilds, type Ran } from './tarball.js';

const work = mkdtempSync(join(tmpdir(), 'olm-no-compiler-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const env = {
  ...process.env,
  CC: '/bin/false',
  CXX: '/bin/false',
  // node-gyp reads headers from the running Node's tree (never downloads them).
  npm_config_nodedir: dirname(dirname(process.execPath)),
  OLM_BACKEND: '',
};
const NOTICE =
  /^olm-universal: no prebuilt native addon loads on linux-x64, Node [\d.]+, and compiling one failed \(.+\)\. The WebAssembly backend will be used: same API, slower\. For the native addon, install a C\/C\+\+ compiler, make and Python 3, then run `npm rebuild olm-universal`\.$/m;

let bare: string;
let installed: Ran;
const project = join(work, 'project');

beforeAll(async () => {
  bare = withoutPrebuilds(await pack(work), work);
  installed = await install(project, bare, env);
}, 180_000);

describe('npm install without a prebuild or a compiler', () => {
  it('succeeds, printing one notice and nothing of the failed compile', () => {
    expect(installed.status, installed.log).toBe(0);
    expect(installed.log).toMatch(NOTICE);
    expect(installed.log.match(/olm-universal:/g)).toHaveLength(1);
    expect(installed.log).not.toMatch(/gyp ERR!|make: \*\*\*/);
    expect(existsSync(join(project, 'node_modules', 'olm-universal', 'build'))).toBe(false);
  });

  it('leaves the WebAssembly backend working, chosen by default, by import and require', async () => {
    for (const fixture of ['round-trips.cjs', 'compat-round-trips.cjs', 'import.mjs', 'require.cjs']) {
      await runOk('cp', [join(root, 'test', 'platform', fixture), project]);
    }
    const byImport = lastJson<Record<string, string>>(await runOk(process.execPath, ['import.mjs'], { cwd: project, env }));
    expect(byImport).toMatchObject({ wasm: 'wasm ok', default: 'wasm ok', compat: 'wasm ok' });
    expect(byImport.native).toMatch(/^Error: olm-universal: the native addon could not be loaded/);
    const byRequire = lastJson<Record<string, string>>(await runOk(process.execPath, ['require.cjs'], { cwd: project, env }));
    expect(byRequire).toMatchObject({ wasm: 'wasm ok', default: 'wasm ok', compat: 'wasm ok' });
  });

  it('fails, with the compiler output, when OLM_UNIVERSAL_REQUIRE_NATIVE=1 asks for the native addon', async () => {
    const strict = await install(join(work, 'strict'), bare, { ...env, OLM_UNIVERSAL_REQUIRE_NATIVE: '1' });
    expect(strict.status).not.toBe(0);
    expect(strict.log).toMatch(/olm-universal: the native addon could not be built for linux-x64/);
    expect(strict.log).toMatch(/gyp ERR!/);
  }, 120_000);
});
