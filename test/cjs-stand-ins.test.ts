// The dual build's one trick (tsconfig.cjs.json): a module that cannot be written once for both
// builds has a CommonJS stand-in NAME.cjs.ts beside NAME.ts, which moduleSuffixes selects and
// scripts/build-ts.sh renames to NAME.js. moduleSuffixes applies to every import, so the stand-ins
// are pinned here: a new one is a decision, not an accident of a file's name.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const STAND_INS = ['compat/node', 'entry/location'];

const config = (file: string): { compilerOptions: { moduleSuffixes?: string[] }; exclude: string[] } =>
  ts.readConfigFile(join(root, file), ts.sys.readFile).config as ReturnType<typeof config>;

it('src has exactly the known stand-ins, each beside the module it replaces', () => {
  const found = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.cjs.ts'))
    .map((file) => file.slice(0, -'.cjs.ts'.length))
    .sort();
  expect(found).toEqual(STAND_INS);
  for (const base of STAND_INS) expect(existsSync(join(root, 'src', `${base}.ts`))).toBe(true);
});

it('each build compiles one of the pair: the stand-in only in the CommonJS build', () => {
  const cjs = config('tsconfig.cjs.json');
  expect(cjs.compilerOptions.moduleSuffixes).toEqual(['.cjs', '']);
  for (const base of STAND_INS) expect(cjs.exclude).toContain(`src/${base}.ts`);
  expect(config('tsconfig.json').exclude).toContain('src/**/*.cjs.ts');
});

it("dist/cjs has each stand-in under its module's name, compiled from the stand-in", () => {
  const cjsFiles = readdirSync(join(root, 'dist', 'cjs'), { recursive: true, encoding: 'utf8' });
  expect(cjsFiles.filter((file) => file.includes('.cjs.'))).toEqual([]);
  const sources = (map: string): string[] => (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources;
  for (const base of STAND_INS) {
    expect(sources(join(root, 'dist', 'cjs', `${base}.js.map`))).toEqual([
      expect.stringMatching(new RegExp(`src/${base}\\.cjs\\.ts$`)),
    ]);
    expect(sources(join(root, 'dist', `${base}.js.map`))).toEqual([expect.stringMatching(new RegExp(`src/${base}\\.ts$`))]);
  }
});
