// `olm-universal info`: which backends load here, which crypto primitives each runs, and which
// hardening each build has.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packageRootUrl } from '../entry/location.js';
import { load, type InitOptions } from '../node.js';
import { isSourceBuild } from '../backends/source-build.js';

export const INFO_HELP = `usage: olm-universal info [--json]

Which backends load here (the native addon, WebAssembly), libolm's version and the crypto
primitives each runs, and the size of the .wasm.

  --json   the same as JSON
`;

interface BackendInfo {
  backend: string;
  loads: boolean;
  version?: string;
  primitives?: string;
  hardening?: readonly string[];
  error?: string;
}

// The addon with libolm's stock crypto core exists only in a source build (npm run build:native).
const candidates = (): Array<[string, InitOptions]> => [
  ['native', { backend: 'native' }],
  ...(isSourceBuild(packageRootUrl())
    ? [['native (stock)', { backend: 'native', nativePrimitives: 'stock' }] as [string, InitOptions]]
    : []),
  ['wasm', { backend: 'wasm' }],
];

export async function info(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(INFO_HELP);
    return;
  }
  const rows: BackendInfo[] = [];
  for (const [backend, options] of candidates()) {
    try {
      const olm = await load(options);
      rows.push({ backend, loads: true, version: olm.version, primitives: olm.primitives, hardening: olm.hardening });
    } catch (error) {
      rows.push({ backend, loads: false, error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) });
    }
  }
  const wasmPath = fileURLToPath(new URL('../olm-wasm.wasm', import.meta.url));
  const report = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    backends: rows,
    wasmBytes: statSync(wasmPath, { throwIfNoEntry: false })?.size ?? null,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  process.stdout.write(`olm-universal on Node ${report.node} (${report.platform})\n`);
  for (const row of rows) {
    const detail = row.loads ? `libolm ${row.version}, primitives: ${row.primitives}` : `not available (${row.error})`;
    process.stdout.write(`  ${row.backend.padEnd(15)} ${detail}\n`);
    if (row.loads) process.stdout.write(`  ${''.padEnd(15)} hardening: ${row.hardening?.join(', ') || 'none'}\n`);
  }
  process.stdout.write(`  olm-wasm.wasm   ${report.wasmBytes ?? 'missing'} bytes\n`);
}
