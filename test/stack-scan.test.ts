// No secret left on the native stack (issue 14, "wipes that hold"): tools/ct/stack-scan.sh builds
// the stack scan for the fast core (the addon's sources) and for the WASM build's sources (stock
// core, hardened) compiled natively, -O3; each runs every secret-bearing primitive and libolm
// call on a painted stack and searches it afterwards for the secrets in all their forms (see
// tools/ct/stack-scan.c). The first run compiles libolm twice (about a minute); later runs reuse it.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
// Outside build/, which node-gyp (prebuildify) deletes on every run.
const out = resolve(root, 'node_modules', '.cache', 'olm-stack-scan');
const exec = promisify(execFile);

let output = '';
let code = -1;
beforeAll(async () => {
  try {
    ({ stdout: output } = await exec('bash', [resolve(root, 'tools', 'ct', 'stack-scan.sh'), out], {
      cwd: root,
      maxBuffer: 1 << 24,
    }));
    code = 0;
  } catch (error) {
    ({ stdout: output = '', code = -1 } = error as { stdout?: string; code?: number });
  }
}, 15 * 60_000);

/** The rows the scan printed for one core: call name, stack bytes used, hits. */
function rows(core: 'fast' | 'stock'): Array<{ call: string; hits: number }> {
  const section = output.split(`== stack scan, ${core} core\n`)[1]?.split('== ')[0] ?? '';
  return section
    .split('\n')
    .slice(1)
    .map((line) => /^(.+?)\s+(\d+)\s+(\d+)(?:\s.*)?$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ call: match[1]!, hits: Number(match[3]) }));
}

describe('stack scan after secret-bearing calls', () => {
  it('finds nothing on the fast core: 8 primitives with AES-NI/SHA-NI and forced portable, 11 libolm calls, 4 operations', () => {
    expect(rows('fast').length).toBe(31);
    expect(rows('fast').filter((row) => row.hits > 0)).toEqual([]);
  });

  it("finds nothing on the WASM build's stock core (compiled natively): 8 primitives, 11 libolm calls, 4 operations", () => {
    expect(rows('stock').length).toBe(23);
    expect(rows('stock').filter((row) => row.hits > 0)).toEqual([]);
    expect(output.match(/^total hits: 0$/gm)).toHaveLength(2);
    // free()'s heap side: after libolm's olm_clear_*, each object is byte for byte a fresh one.
    expect(output.match(/^heap: 8 objects cleared by olm_clear_\*, bytes differing from a fresh one: 0$/gm)).toHaveLength(2);
    expect(code).toBe(0);
  });
});
