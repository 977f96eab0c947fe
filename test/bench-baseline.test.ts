// The bench's C baselines (bench/baseline.c over the operations layer, native/ops): natively, the
// wipes of random bytes survive the optimiser (objdump); compiled by emscripten ("C (WASM)"), it
// runs under Node with the table's rows and takes its randomness in one WebCrypto call per buffer,
// not one JavaScript call per byte.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BUILD_DIR, WASM_BASELINE } from '../dist/bench/implementations.js';
import { ROW_IDS } from '../dist/bench/rows.js';

const exec = promisify(execFile);
const NATIVE = resolve(BUILD_DIR, 'olm-bench-c');

/** objdump's disassembly of a program, as its functions' instruction lines by name. */
async function functions(program: string): Promise<Map<string, string[]>> {
  const { stdout } = await exec('objdump', ['-d', '--no-show-raw-insn', program], { maxBuffer: 1 << 26 });
  const found = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of stdout.split('\n')) {
    const start = /^[0-9a-f]+ <([^>]+)>:$/.exec(line);
    if (start) found.set(start[1]!, (current = []));
    else current.push(line);
  }
  return found;
}

describe('olm-bench-c (native)', () => {
  it('zeroes the random bytes it frees: the memset before free is still in the binary', async () => {
    const code = await functions(NATIVE);
    // The layer's release of an operation's randomness, and baseline.c's own wipe_free of the PK
    // private key (setup_pk). baseline.c's plain memset before free was a dead store: gcc dropped
    // every one (account_new, session_encrypt, pk_encrypt, ... had no memset).
    for (const name of ['op_random_release', 'setup_pk']) {
      const body = code.get(name);
      expect(body, name).toBeDefined();
      // Calls, and tail calls (jmp free@plt).
      const calls = body!.filter((line) => /\b(call|jmp)\b.*@plt>/.test(line));
      const wipe = calls.findIndex((line) => line.includes('<memset@plt>'));
      expect(wipe, `${name} calls memset`).toBeGreaterThanOrEqual(0);
      expect(
        calls.slice(wipe + 1).some((line) => line.includes('<free@plt>')),
        `${name} frees after the wipe`,
      ).toBe(true);
    }
  });
});

describe('olm-bench-c-wasm (C compiled by emscripten, run by Node)', () => {
  const run = (args: string[]) => exec(process.execPath, ['--no-liftoff', WASM_BASELINE, ...args], { timeout: 60_000 });

  it('has the same operations as the native program and the table', async () => {
    const [wasm, native] = await Promise.all([run(['--list']), exec(NATIVE, ['--list'])]);
    expect(wasm.stdout.trim().split('\n')).toEqual([...ROW_IDS]);
    expect(native.stdout.trim().split('\n')).toEqual([...ROW_IDS]);
  });

  it('measures: JSON with ops/s per operation', async () => {
    const { stdout } = await run(['--min-time', '5', '--ops', 'account-create,pk-encrypt,sas-mac']);
    const out = JSON.parse(stdout) as { implementation: string; version: string; results: Record<string, number> };
    expect(out.implementation).toBe('c-wasm');
    expect(out.version).toMatch(/^3\.2\.\d+$/);
    expect(Object.keys(out.results)).toEqual(['account-create', 'pk-encrypt', 'sas-mac']);
    for (const value of Object.values(out.results)) expect(value).toBeGreaterThan(0);
  });

  it('fails with its own message and status on a bad option', async () => {
    const failed = await run(['--min-time', '0']).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('--min-time must be a positive number');
  });

  it("fills randomness with one getRandomValues call into the heap (the layer's), not a JavaScript call per byte", () => {
    const glue = readFileSync(WASM_BASELINE, 'utf8');
    expect(glue).toMatch(/getRandomValues\(HEAPU8\.subarray\(/);
    // emscripten 3.1's getentropy: crypto.randomBytes(1) or getRandomValues on a 1-byte array per byte.
    expect(glue).not.toMatch(/getRandomDevice|randomBytes\(1\)|new Uint8Array\(1\)/);
  });
});
