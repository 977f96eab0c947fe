// Constant-time base64 (CVE-2024-45192; vendor/olm/patches/0013): libolm's src/base64.cpp
// without tables indexed by secret bytes. native/crypto/test/base64-diff.c compares it with
// libolm's table code (the same file built with OLM_UNIVERSAL_STOCK_BASE64, its symbols renamed)
// on RFC 4648 vectors, every input of 0-3 bytes, single-byte changes, every length 0-300 with
// invalid characters, random inputs (including what libolm refuses) and overlapping input and
// output (libolm encodes and decodes in place), once per path: the SSSE3 one where the CPU has
// it (or WASM SIMD's, in a -msimd128 build), and the portable one (forced by the switch
// OLM_UNIVERSAL_BASE64_TESTING builds); built with the system compilers and with emscripten, with
// and without SIMD (run by this Node).
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'build', 'ct');
const includes = ['-Ivendor/olm/include'];
// The table code under other names, so both link into one program.
const renames = [
  'olm=olm_stock',
  ...['encode_base64', 'decode_base64', 'encode_base64_length', 'decode_base64_length'].map(
    (name) => `_olm_${name}=stock_${name}`,
  ),
].map((define) => `-D${define}`);
const seed = String(Date.now());
// Debian's emcc runs its JS optimizer with the machine's node, which needs Debian's acorn.
const emEnv = { ...process.env, NODE_PATH: `/usr/share/nodejs${process.env.NODE_PATH ? `:${process.env.NODE_PATH}` : ''}` };

async function build(
  cc: string,
  cxx: string,
  suffix: string,
  env: NodeJS.ProcessEnv,
  link: string[],
  flags: string[] = [],
): Promise<string> {
  const object = (name: string): string => resolve(out, `base64-${name}${suffix}.o`);
  const cxxFlags = ['-O2', '-std=c++11', ...flags, ...includes, '-c', 'vendor/olm/src/base64.cpp'];
  await exec(cxx, [...cxxFlags, '-DOLM_UNIVERSAL_BASE64_TESTING', '-o', object('ct')], { cwd: root, env });
  await exec(cxx, [...cxxFlags, '-DOLM_UNIVERSAL_STOCK_BASE64', ...renames, '-o', object('table')], { cwd: root, env });
  const program = resolve(out, `base64-diff${suffix === '' ? '' : `${suffix}.cjs`}`);
  await exec(
    cc,
    [
      '-O2',
      '-std=c99',
      ...flags,
      ...includes,
      'native/crypto/test/base64-diff.c',
      object('ct'),
      object('table'),
      ...link,
      '-o',
      program,
    ],
    { cwd: root, env },
  );
  return program;
}

// `paths`: the paths the program must have checked (else whichever it reports).
function checkOutput(stdout: string, paths?: string): void {
  expect(stdout).not.toContain('FAILED');
  expect(stdout).not.toContain('DIFFER');
  expect(stdout).toContain('RFC 4648 vectors: passed');
  const checked = /paths checked: (.*)\n/.exec(stdout)?.[1] ?? '';
  if (paths !== undefined) expect(checked).toBe(paths);
  // Every section once per path.
  const runs = checked.split(', ').length;
  const count = (text: string): number => stdout.split(text).length - 1;
  expect(count('exhaustive 0-3 bytes and single-byte changes: same')).toBe(runs);
  expect(count('random: 20000 iterations: same')).toBe(runs);
  expect(count('overlapping buffers: 20000 iterations: same')).toBe(runs);
  expect(count('every length 0-300, invalid characters, overlap: same')).toBe(runs);
}

// The vector path exists on x86-64 CPUs with SSSE3 (all of them since 2006-2011): there, it
// must have been checked.
const x86Ssse3 =
  process.arch === 'x64' && process.platform === 'linux' && /\bssse3\b/.test(readFileSync('/proc/cpuinfo', 'utf8'));

describe("constant-time base64: the same bytes and refusals as libolm's table code", () => {
  mkdirSync(out, { recursive: true });

  it('native (system cc/c++)', async () => {
    const program = await build('cc', 'c++', '', process.env, ['-lstdc++']);
    checkOutput((await exec(program, ['20000', seed])).stdout, x86Ssse3 ? 'vector, portable' : undefined);
  }, 120_000);

  it('WebAssembly (emcc, run by node)', async () => {
    const program = await build('emcc', 'em++', '.wasm', emEnv, [
      '-O3',
      '-sENVIRONMENT=node',
      '-sEXIT_RUNTIME=1',
      '-sWASM_ASYNC_COMPILATION=0',
    ]);
    checkOutput((await exec(process.execPath, [program, '20000', seed])).stdout, 'portable');
  }, 300_000);

  it('WebAssembly SIMD (emcc -msimd128, run by node): the vector path too', async () => {
    const program = await build(
      'emcc',
      'em++',
      '.simd',
      emEnv,
      ['-O3', '-sENVIRONMENT=node', '-sEXIT_RUNTIME=1', '-sWASM_ASYNC_COMPILATION=0'],
      ['-msimd128'],
    );
    checkOutput((await exec(process.execPath, [program, '20000', seed])).stdout, 'vector, portable');
  }, 300_000);
});
