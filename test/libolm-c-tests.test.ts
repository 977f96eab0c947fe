// libolm's own C++ test programs (vendor/olm/tests, from the fetched source) over both native
// crypto cores as built by `npm run build:native` (build/libolm.a: the fast, hardened core;
// build/libolm_stock.a: the stock one), with our patches applied: every program must pass.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const tests = resolve(root, 'vendor', 'olm', 'tests');
const out = resolve(root, 'build', 'libolm-tests');
const programs = readdirSync(tests).filter((name) => /^test_\w+\.cpp$/.test(name)).sort();

describe.each([
  ['fast (hardened)', 'libolm.a'],
  ['stock', 'libolm_stock.a'],
])('libolm C++ tests over the %s core', (_core, archive) => {
  it(`all ${programs.length} programs pass`, async () => {
    const library = resolve(root, 'build', archive);
    expect(existsSync(library), `${library}: run npm run build:native`).toBe(true);
    expect(programs.length).toBeGreaterThanOrEqual(15);
    mkdirSync(out, { recursive: true });
    const failed: string[] = [];
    // Two at a time: the machine is shared.
    for (let i = 0; i < programs.length; i += 2) {
      await Promise.all(programs.slice(i, i + 2).map(async (source) => {
        const program = resolve(out, `${archive.replace(/\.a$/, '')}-${source.replace(/\.cpp$/, '')}`);
        await exec('c++', ['-O1', '-std=c++11', '-DOLM_STATIC_DEFINE', '-Ivendor/olm/include', '-Ivendor/olm/lib',
          '-Ivendor/olm/tests/include', resolve(tests, source), library, '-o', program], { cwd: root });
        await exec(program).catch((error: unknown) => failed.push(`${source}: ${String(error)}`));
      }));
    }
    expect(failed).toEqual([]);
  }, 300_000);
});
