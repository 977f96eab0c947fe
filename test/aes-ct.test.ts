// The constant-time AES (native/crypto/aes-ct.c): its known-answer and differential program
// (native/crypto/test/aes-ct-kat.c), compiled here with the system cc and with emcc, so the
// bitsliced code is checked both as native code and as WebAssembly run by this Node.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'build', 'ct');
const sources = [
  'native/crypto/test/aes-ct-kat.c',
  'native/crypto/aes-ct.c',
  'vendor/olm/lib/crypto-algorithms/aes.c', // the table AES it is compared with
];
const flags = ['-std=c99', '-O2', '-Inative/crypto', '-Ivendor/olm/include', '-Ivendor/olm/lib'];
// One seed per run, printed by the program, so a failure can be replayed.
const seed = String(Date.now());

function checkOutput(stdout: string): void {
  expect(stdout).not.toContain('FAILED');
  expect(stdout).not.toContain('DIFFER');
  expect(stdout).toMatch(/10000 iterations, seed \d+, 10000 distinct keys/);
  expect(stdout).toContain('aes-ct: all known-answer and differential tests passed');
}

describe('aes-ct: constant-time AES-256 known answers and differential test', () => {
  mkdirSync(out, { recursive: true });

  it('native (system cc): FIPS-197, SP 800-38A, and 10,000 random keys against libolm', async () => {
    const program = resolve(out, 'aes-ct-kat');
    await exec('cc', [...flags, ...sources, '-o', program], { cwd: root });
    const { stdout } = await exec(program, ['10000', seed]);
    checkOutput(stdout);
  }, 120_000);

  it('WebAssembly (emcc, run by node): the same program and checks', async () => {
    const program = resolve(out, 'aes-ct-kat.cjs');
    // Debian's emcc runs its JS optimizer with the machine's node, which needs Debian's acorn.
    const env = { ...process.env, NODE_PATH: `/usr/share/nodejs${process.env.NODE_PATH ? `:${process.env.NODE_PATH}` : ''}` };
    await exec('emcc', [...flags, '-O3', ...sources, '-sENVIRONMENT=node', '-sEXIT_RUNTIME=1',
      '-sWASM_ASYNC_COMPILATION=0', '-o', program], { cwd: root, env });
    const { stdout } = await exec(process.execPath, [program, '10000', seed]);
    checkOutput(stdout);
  }, 120_000);
});
