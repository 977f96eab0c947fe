// C-level tests over the patched libolm (vendor/olm/patches), built with ASan + UBSan:
// - aes-cbc-length: _olm_crypto_aes_decrypt_cbc refuses empty and partial-block ciphertexts on
//   the stock and the fast core (patch 0002, native/crypto/aes.c);
// - message-decode: the protobuf decoders give the same verdicts on 64-bit native and 32-bit
//   WASM for varints of 2^32, 2^40 and truncated ones (patch 0003);
// - libolm's own test suite (vendor/olm/tests), once per crypto core.
// The first run builds test/c (minutes); later runs reuse the build.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCTests, runProgram, type Run } from './c-programs.js';

const CORES = ['stock', 'fast'] as const;
const BUILD_TIMEOUT = 30 * 60_000;
const SUITE = readdirSync(resolve(import.meta.dirname, '..', 'vendor', 'olm', 'tests'))
  .map((file) => /^test_(\w+)\.cpp$/.exec(file)?.[1])
  .filter((name): name is string => name !== undefined);

/** What a run printed when it did not pass, for the failure message. */
const outcome = (run: Run): string =>
  `${run.signal ? `killed by ${run.signal}` : `exit ${run.code}`}\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`;
const sanitizerReport = /runtime error:|AddressSanitizer|LeakSanitizer/;

let native = '';
let wasm = '';
beforeAll(async () => {
  [native, wasm] = await Promise.all([
    buildCTests('native'),
    buildCTests('wasm', ['message-decode-stock', 'aes-cbc-length-stock']),
  ]);
}, BUILD_TIMEOUT);

describe('AES-CBC decryption of ciphertexts that are not whole blocks', () => {
  it.each(CORES)('%s core: lengths 0, 1, 5, 15, 17 and 1025 give -1, no sanitizer report', async (core) => {
    const run = await runProgram(resolve(native, `aes-cbc-length-${core}`));
    expect(run.stderr, outcome(run)).not.toMatch(sanitizerReport);
    expect(run.code, outcome(run)).toBe(0);
    expect(run.stdout).toContain('aes-cbc-length: all passed');
  });

  it('stock core under WASM: the same', async () => {
    const run = await runProgram(resolve(wasm, 'aes-cbc-length-stock.js'));
    expect(run.code, outcome(run)).toBe(0);
    expect(run.stdout).toContain('aes-cbc-length: all passed');
  });
});

describe('protobuf varints wider than 32 bits or truncated', () => {
  it('every decoder refuses them, with the same verdicts on 64-bit native and 32-bit WASM', async () => {
    const [nativeRun, wasmRun] = await Promise.all([
      runProgram(resolve(native, 'message-decode-stock')),
      runProgram(resolve(wasm, 'message-decode-stock.js')),
    ]);
    expect(nativeRun.stderr, outcome(nativeRun)).not.toMatch(sanitizerReport);
    expect(nativeRun.code, outcome(nativeRun)).toBe(0);
    expect(wasmRun.code, outcome(wasmRun)).toBe(0);
    expect(wasmRun.stdout).toBe(nativeRun.stdout);
    expect(nativeRun.stdout).toContain('message-decode: all passed');
    expect(nativeRun.stdout.split('\n').filter((line) => line.startsWith('ok')).length).toBeGreaterThanOrEqual(30);
  });
});

describe.each(CORES)("libolm's own test suite over the patched sources, %s core", (core) => {
  it.each(SUITE)('test_%s', async (name) => {
    const run = await runProgram(resolve(native, `olm-test-${name}-${core}`));
    expect(run.stderr, outcome(run)).not.toMatch(sanitizerReport);
    expect(run.code, outcome(run)).toBe(0);
    expect(run.stdout).toMatch(/Status: SUCCESS!/);
  });
});
