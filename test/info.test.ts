// `olm-universal info` says which backends load, which primitives each runs, which hardening it has.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const cli = resolve(import.meta.dirname, '..', 'dist', 'cli.js');

it('info --json lists both backends with their primitives', () => {
  const result = spawnSync(process.execPath, [cli, 'info', '--json'], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  const report = JSON.parse(result.stdout) as {
    backends: Array<{ backend: string; loads: boolean; version?: string; primitives?: string }>;
    wasmBytes: number;
  };
  const byName = new Map(report.backends.map((row) => [row.backend, row]));
  expect(byName.get('native')).toMatchObject({ loads: true, version: '3.2.13' });
  expect(byName.get('native')?.primitives).toMatch(/^fast: /);
  expect(byName.get('native (stock)')?.primitives).toMatch(/^stock: /);
  expect(byName.get('wasm')).toMatchObject({ loads: true, version: '3.2.13' });
  // The fast core's portable parts, with the constant-time AES (no AES-NI or SHA-NI in WASM).
  expect(byName.get('wasm')?.primitives).toMatch(/^fast: x25519-[\w.-]+, ed25519-[\w.-]+, sha256-c, aes-simd128$/);
  const all = ['constant-time-aes', 'constant-time-base64', 'strict-ed25519', 'contributory-x25519', 'stack-wipe'];
  expect(byName.get('native')).toMatchObject({ hardening: all });
  expect(byName.get('wasm')).toMatchObject({ hardening: all });
  expect(byName.get('native (stock)')).toMatchObject({ hardening: all.slice(2, 4) });
  expect(report.wasmBytes).toBeGreaterThan(50_000); // the module itself (92 KB with the fast core)
});

it('info prints a readable summary', () => {
  const result = spawnSync(process.execPath, [cli, 'info'], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/native +libolm 3\.2\.13, primitives: fast: /);
  expect(result.stdout).toMatch(
    /wasm +libolm 3\.2\.13, primitives: fast: x25519-[\w.-]+, ed25519-[\w.-]+, sha256-c, aes-simd128\n +hardening: constant-time-aes, constant-time-base64, strict-ed25519, contributory-x25519, stack-wipe\n/,
  );
});
