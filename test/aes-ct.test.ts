// The constant-time AES implementations: the bitsliced native/crypto/aes-ct.c and the WASM SIMD128
// native/crypto/aes-simd128.c. Their known-answer and differential program
// (native/crypto/test/aes-ct-kat.c) is compiled here with the system cc (aes-ct) and with emcc
// -msimd128 as the module is (both, each in turn), and run natively and as WebAssembly by this Node.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'build', 'ct');
const sources = [
  'native/crypto/test/aes-ct-kat.c',
  'native/crypto/aes-ct.c',
  'native/crypto/aes-simd128.c', // empty unless the compiler targets SIMD128
  'vendor/olm/lib/crypto-algorithms/aes.c', // the table AES they are compared with
];
const flags = ['-std=c99', '-O2', '-Inative/crypto', '-Ivendor/olm/include', '-Ivendor/olm/lib'];
// One seed per run, printed by the program, so a failure can be replayed.
const seed = String(Date.now());

function checkOutput(stdout: string, tested: string): void {
  expect(stdout).not.toContain('FAILED');
  expect(stdout).not.toContain('DIFFER');
  expect(stdout).toMatch(/aes_ct differential vs libolm table AES: 10000 iterations, seed \d+, 10000 distinct keys/);
  expect(stdout).toContain(`tested: ${tested}\n`);
  expect(stdout).toContain('aes-ct: all known-answer and differential tests passed');
}

describe('aes-ct: constant-time AES-256 known answers and differential test', () => {
  mkdirSync(out, { recursive: true });

  it('native (system cc): FIPS-197, SP 800-38A, and 10,000 random keys against libolm', async () => {
    const program = resolve(out, 'aes-ct-kat');
    await exec('cc', [...flags, ...sources, '-o', program], { cwd: root });
    const { stdout } = await exec(program, ['10000', seed]);
    checkOutput(stdout, 'aes_ct');
  }, 120_000);

  // -msimd128 as wasm/wasm.cmake builds the module. Under it emcc 3.1.6's SLP vectorizer once
  // miscompiled aes-ct.c's decryption (FIPS-197 C.3 decrypt failed here); aes-ct.c now opts out.
  it('WebAssembly SIMD128 (emcc -msimd128, run by node): aes-ct and aes-simd128, the same checks', async () => {
    const program = resolve(out, 'aes-ct-kat.cjs');
    // Debian's emcc runs its JS optimizer with the machine's node, which needs Debian's acorn.
    const env = { ...process.env, NODE_PATH: `/usr/share/nodejs${process.env.NODE_PATH ? `:${process.env.NODE_PATH}` : ''}` };
    await exec(
      'emcc',
      [
        ...flags,
        '-O3',
        '-msimd128',
        ...sources,
        '-sENVIRONMENT=node',
        '-sEXIT_RUNTIME=1',
        '-sWASM_ASYNC_COMPILATION=0',
        '-o',
        program,
      ],
      { cwd: root, env },
    );
    const { stdout } = await exec(process.execPath, [program, '10000', seed]);
    checkOutput(stdout, 'aes_ct, aes_simd128');
    expect(stdout).toMatch(/aes_simd128 differential vs libolm table AES: 10000 iterations, seed \d+, 10000 distinct keys/);
  }, 120_000);

  it('aes-simd128-tables.h is what its generator prints (S-box and inverse from their definition)', async () => {
    const program = resolve(out, 'aes-sbox-tables');
    await exec('cc', ['-std=c99', '-O2', 'native/crypto/gen/aes-sbox-tables.c', '-o', program], { cwd: root });
    const { stdout } = await exec(program);
    expect(stdout).toBe(readFileSync(resolve(root, 'native/crypto/aes-simd128-tables.h'), 'utf8'));
    // FIPS-197 figure 7 and 14 spot checks: S(0x00) = 0x63, S(0x53) = 0xed, S^-1(0x00) = 0x52.
    expect(stdout).toMatch(/aes_sbox_rows[^{]*\{\s*\{0x63,/);
    expect(stdout).toMatch(/aes_inv_sbox_rows[^{]*\{\s*\{0x52,/);
  }, 60_000);
});
