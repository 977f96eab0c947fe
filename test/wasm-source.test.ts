// Where the WASM backend's .wasm comes from, in Node: init({ wasmUrl }) as a path, a file: URL or
// an http: URL, init({ wasmBinary }), compat's locateFile; and a wrong .wasm named in the error.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../examples/serve.mjs';
import { load } from '../dist/wasm.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const wasmPath = join(root, 'dist', 'olm-wasm.wasm');
const ours = readFileSync(wasmPath);
const reference = createRequire(import.meta.url).resolve('@matrix-org/olm/olm.wasm');
const scratch = mkdtempSync(join(tmpdir(), 'olm-wasm-source-'));

/** A file in the scratch directory with `bytes`; its path. */
function file(name: string, bytes: Uint8Array): string {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return path;
}
const truncated = file('truncated.wasm', ours.subarray(0, 1000));
const flipped = Uint8Array.from(ours);
flipped[flipped.length - 1]! ^= 1; // the same size, another build
const otherBuild = file('other-build.wasm', flipped);
const notWasm = file('olm-wasm.wasm.html', new TextEncoder().encode('<!doctype html><title>404</title>'));

let server: Server;
let base: string;
beforeAll(async () => {
  server = await serve({ site: scratch, packageDir: root });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});
afterAll(() => {
  server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs `code` in a fresh Node (init() loads one WASM module per process) with `olm` = dist/wasm.js. */
async function fresh(code: string): Promise<{ stdout: string; stderr: string }> {
  const script = `import * as olm from ${JSON.stringify(join(root, 'dist', 'wasm.js'))};
    import Olm from ${JSON.stringify(join(root, 'dist', 'compat', 'index.js'))};
    import { readFileSync } from 'node:fs';
    const megolm = (olm) => {
      const outbound = olm.OutboundGroupSession.create();
      return olm.InboundGroupSession.create(outbound.sessionKey).decrypt(outbound.encrypt('hi')).plaintext;
    };
    ${code}`;
  // Not spawnSync: the http: case is served by this process.
  const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    env: { ...process.env, OLM_BACKEND: '' },
    encoding: 'utf8',
  });
  return { stdout: stdout.trim(), stderr };
}

describe('init({ wasmUrl }) and init({ wasmBinary }) in Node', () => {
  it.each([
    ['an absolute path', JSON.stringify(wasmPath)],
    ['a path relative to the working directory', JSON.stringify(relative(root, wasmPath))],
    ['a file: URL string', JSON.stringify(pathToFileURL(wasmPath).href)],
    ['a file: URL', `new URL(${JSON.stringify(pathToFileURL(wasmPath).href)})`],
    ['an http: URL', 'process.argv.at(-1)'],
  ])('wasmUrl: %s', async (_, wasmUrl) => {
    const url = `${base}/olm-universal/dist/olm-wasm.wasm`;
    const code = `const loaded = await olm.init({ wasmUrl: ${wasmUrl === 'process.argv.at(-1)' ? JSON.stringify(url) : wasmUrl} });
      console.log(loaded.backendName, megolm(loaded));`;
    expect(await fresh(code)).toEqual({ stdout: 'wasm hi', stderr: '' });
  });

  it.each([
    ['a Buffer', 'readFileSync(path)'],
    ['a Uint8Array', 'new Uint8Array(readFileSync(path))'],
    ['an ArrayBuffer', 'Uint8Array.from(readFileSync(path)).buffer'],
  ])('wasmBinary: %s', async (_, bytes) => {
    const code = `const path = ${JSON.stringify(wasmPath)};
      const loaded = await olm.init({ wasmBinary: ${bytes} });
      console.log(loaded.backendName, megolm(loaded));`;
    expect(await fresh(code)).toEqual({ stdout: 'wasm hi', stderr: '' });
  });

  it("compat: locateFile returning a path, as @matrix-org/olm's users write it", async () => {
    const code = `let asked;
      await Olm.init({ backend: 'wasm', locateFile: (name, prefix) => {
        asked = [name, prefix];
        return ${JSON.stringify(dirname(wasmPath))} + '/' + name;
      } });
      const outbound = new Olm.OutboundGroupSession();
      outbound.create();
      const inbound = new Olm.InboundGroupSession();
      inbound.create(outbound.session_key());
      console.log(JSON.stringify([Olm.backend, ...asked, inbound.decrypt(outbound.encrypt('hi')).plaintext]));`;
    const { stdout, stderr } = await fresh(code);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual(['wasm', 'olm-wasm.wasm', `${pathToFileURL(dirname(wasmPath)).href}/`, 'hi']);
  });

  it('a missing file or URL: an Error that names it', async () => {
    const missing = join(scratch, 'no-such.wasm');
    await expect(load({ wasmUrl: missing })).rejects.toThrow(`olm-universal: could not read the .wasm at ${missing}: ENOENT`);
    await expect(load({ wasmUrl: `${base}/no-such.wasm` })).rejects.toThrow(`could not fetch ${base}/no-such.wasm: HTTP 404`);
  });

  it('options of the wrong type: TypeError', async () => {
    await expect(load({ wasmBinary: 'olm-wasm.wasm' as unknown as Uint8Array })).rejects.toThrow(
      new TypeError('olm-universal: wasmBinary must be an ArrayBuffer or Uint8Array, got string'),
    );
    await expect(load({ wasmUrl: 42 as unknown as string })).rejects.toThrow(
      new TypeError('olm-universal: wasmUrl must be a string or URL, got number'),
    );
  });
});

describe('a .wasm that is not this build of olm-universal: a TypeError that names it and says what it is', () => {
  const expected = `expected ${ours.length} bytes`;
  it.each([
    ["@matrix-org/olm's olm.wasm", reference, 'another module'],
    ['a truncated copy', truncated, 'shorter than it (truncated?)'],
    ['another build (same size, other bytes)', otherBuild, 'another build of it'],
    ['an HTML page', notWasm, 'not WebAssembly'],
  ])('%s, as a path, a URL and bytes', async (_, path, what) => {
    const error = (from: string): RegExp =>
      new RegExp(
        `^olm-universal: ${from.replace(/[.?*()[\]\\/]/g, '\\$&')} is not olm-universal's olm-wasm.wasm of this version: ` +
          `${what.replace(/[.?()]/g, '\\$&')} \\(\\d+ bytes.*; ${expected}, checksum [0-9a-f]{8}\\)\\. Use the dist/olm-wasm.wasm`,
      );
    const url = `${base}/${relative(scratch, path).startsWith('..') ? 'olm-universal/' + relative(root, path) : relative(scratch, path)}`;
    for (const [source, from] of [
      [{ wasmUrl: path }, path],
      [{ wasmUrl: url }, url],
      [{ wasmBinary: readFileSync(path) }, 'wasmBinary'],
    ] as const) {
      const failure = await load(source).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(failure).toBeInstanceOf(TypeError);
      expect((failure as TypeError).message).toMatch(error(from));
    }
  });
});

describe('the emscripten glue', () => {
  it('never reads import.meta (bundles without it, such as IIFE, threw "Invalid URL" with bytes given)', () => {
    for (const glue of ['olm-wasm.js', 'cjs/olm-wasm.js']) {
      expect(readFileSync(join(root, 'dist', glue), 'utf8')).not.toContain('import.meta');
    }
  });
});
