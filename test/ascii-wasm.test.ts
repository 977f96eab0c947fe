// The browsers' fast path for ASCII strings (src/binding/ascii-wasm.ts, used by Scratch.encode): run in
// headless Chromium, which has the js-string builtins, its bytes must be TextEncoder's for every
// string (the fast path takes ASCII only; anything else falls back), nothing may be left in the
// arena after release, and hashes of strings must match Node's on both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, serveDist } from '../dist/bench/browser-host.js';
import { asciiWasm } from '../dist/binding/ascii-wasm.js';
import { Scratch } from '../dist/binding/scratch.js';
import { BACKENDS, loadBackend } from './backends.js';

/** Strings at the fast path's boundaries (its 4-unit steps, the arena's 64 KiB) and past ASCII. */
function cases(): string[] {
  const out: string[] = [];
  for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 63, 64, 65, 1023, 1024, 1025, 65535, 65536, 70000]) out.push('a'.repeat(n));
  out.push('\x00\x7f', ' ~!"#', String.fromCharCode(...Array.from({ length: 128 }, (_, i) => i)));
  // Units that are not ASCII, at each position of a 4-unit step and in the tail.
  for (const c of ['\x80', '\xff', '\u0100', '\u07ff', '\u0800', '\uffff', '\ud800', '\udc00', '\ud83d\ude00']) {
    for (const at of [0, 1, 2, 3, 4, 8]) out.push('abcdefghi'.slice(0, at) + c + 'xyz');
    out.push('b'.repeat(1023) + c, c + 'c'.repeat(1023));
  }
  // Lone surrogates (TextEncoder writes U+FFFD) and a pair split across a 4-unit step.
  out.push('abc\ud800', '\udc00abc', 'abc\ud83d\ude00d', 'a\ud800\ud800b');
  return out;
}

/** Runs in the page: per case, Scratch.encode's bytes (as numbers) and whether the arena was wiped. */
async function encodeInPage(page: Page, strings: string[]) {
  return page.evaluate(async (texts) => {
    const pageImport = new Function('path', 'return import(path)') as (path: string) => Promise<unknown>;
    const { Scratch } = (await pageImport('/binding/scratch.js')) as typeof import('../dist/binding/scratch.js');
    const { asciiWasm } = (await pageImport('/binding/ascii-wasm.js')) as typeof import('../dist/binding/ascii-wasm.js');
    const scratch = new Scratch();
    const results = texts.map((text) => {
      const mark = scratch.mark();
      scratch.take(3); // not at the arena's start
      const bytes = scratch.encode(text);
      const copy = Array.from(bytes);
      const view = bytes.buffer;
      scratch.release(mark);
      // The arena (when the text was in it) is all zeros again.
      const wiped = new Uint8Array(view).every((b) => b === 0);
      return { bytes: copy, wiped };
    });
    return { fast: asciiWasm() !== undefined, results };
  }, strings);
}

let browser: Browser;
let page: Page;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  browser = await launchChromium();
  server = await serveDist();
  page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => 'olmBench' in globalThis, undefined, { timeout: 30_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('ascii-wasm: ASCII strings through the js-string builtins', () => {
  it('is used in Chromium, not in Node (whose TextEncoder is faster)', async () => {
    expect(asciiWasm()).toBeUndefined();
    expect((await encodeInPage(page, ['a'])).fast).toBe(true);
  });

  it('encodes every string exactly as TextEncoder does, and the arena is wiped after release', async () => {
    const strings = cases();
    const { results } = await encodeInPage(page, strings);
    const encoder = new TextEncoder();
    strings.forEach((text, i) => {
      const expected = Array.from(encoder.encode(text));
      expect(results[i]!.bytes, `case ${i} (${text.length} units)`).toEqual(expected);
      expect(results[i]!.wiped, `case ${i} wiped`).toBe(true);
    });
  }, 60_000);

  it("the module's own result: the length for ASCII, -1 and nothing written otherwise or when too long", async () => {
    const out = await page.evaluate(async () => {
      const pageImport = new Function('path', 'return import(path)') as (path: string) => Promise<unknown>;
      const { asciiWasm } = (await pageImport('/binding/ascii-wasm.js')) as typeof import('../dist/binding/ascii-wasm.js');
      const ascii = asciiWasm()!;
      const memory = () => new Uint8Array(ascii.memory.buffer);
      const run = (text: string, max: number) => {
        memory().fill(0xaa, 0, 64);
        const result = ascii.encode(text, 8, max);
        return { result, bytes: Array.from(memory().subarray(0, 24)) };
      };
      return [run('hello', 5), run('hello', 4), run('hell\u00e9', 5), run('', 0)];
    });
    const fill = (n: number) => Array<number>(n).fill(0xaa);
    expect(out[0]).toEqual({ result: 5, bytes: [...fill(8), ...Array.from('hello', (c) => c.charCodeAt(0)), ...fill(11)] });
    expect(out[1]).toEqual({ result: -1, bytes: fill(24) });
    // Not ASCII: the bytes it wrote are wiped (zeros), for TextEncoder to write over.
    expect(out[2]).toEqual({ result: -1, bytes: [...fill(8), 0, 0, 0, 0, 0, ...fill(11)] });
    expect(out[3]).toEqual({ result: 0, bytes: fill(24) });
  });

  it("Utility.sha256 of strings in Chromium matches Node's on both backends", async () => {
    const strings = cases().filter((s) => s.length <= 1025);
    const chromium = await page.evaluate(async (texts) => {
      // Not import(): vitest rewrites that in this function's source, which runs in the page.
      const pageImport = new Function('path', 'return import(path)') as (path: string) => Promise<unknown>;
      const { load } = (await pageImport('/wasm.js')) as typeof import('../dist/wasm.js');
      const olm = await load({ backend: 'wasm' });
      const utility = olm.Utility.create();
      return texts.map((text) => utility.sha256(text));
    }, strings);
    for (const backend of BACKENDS) {
      const olm = await loadBackend(backend);
      const utility = olm.Utility.create();
      expect(chromium, backend).toEqual(strings.map((text) => utility.sha256(text)));
      utility.free();
    }
  }, 60_000);
});

describe('ascii-wasm: decoding ASCII outputs in Chromium', () => {
  it("decodeAscii: ASCII bytes of the arena's memory only; anything else is TextDecoder's", async () => {
    const out = await page.evaluate(async () => {
      const pageImport = new Function('path', 'return import(path)') as (path: string) => Promise<unknown>;
      const { asciiWasm, decodeAscii } = (await pageImport(
        '/binding/ascii-wasm.js',
      )) as typeof import('../dist/binding/ascii-wasm.js');
      const ascii = asciiWasm()!;
      const at = (offset: number, bytes: number[]) => {
        new Uint8Array(ascii.memory.buffer).set(bytes, offset);
        return decodeAscii(new Uint8Array(ascii.memory.buffer, offset, bytes.length));
      };
      const codes = (text: string | undefined) => (text === undefined ? null : Array.from(text, (c) => c.charCodeAt(0)));
      const all = Array.from({ length: 128 }, (_, i) => i);
      const results = [
        at(0, []),
        at(5, [104, 105, 0, 127]),
        at(100, all),
        at(300, [65, 128]),
        at(400, [0xff]),
        at(500, [0xc3, 0xa9]),
      ];
      const elsewhere = decodeAscii(new Uint8Array([65, 66]));
      // After growing, the new buffer is the one recognised.
      ascii.grow(1);
      const grown = at(70_000, [79, 75]);
      return { results: results.map(codes), elsewhere: codes(elsewhere), grown: codes(grown) };
    });
    expect(out.results).toEqual([[], [104, 105, 0, 127], Array.from({ length: 128 }, (_, i) => i), null, null, null]);
    expect(out.elsewhere).toBeNull();
    expect(out.grown).toEqual([79, 75]);
  });

  it('Megolm and PK decrypt to the same text as Node, and INVALID_UTF8 for bytes that are not UTF-8', async () => {
    const texts = ['', 'a', 'abcd', 'abcde', 'x'.repeat(1024), 'caf\u00e9', '\ud83d\ude00 ok', '\x00\x7f', 'ab\ud800cd'];
    const out = await page.evaluate(async (plaintexts) => {
      const pageImport = new Function('path', 'return import(path)') as (path: string) => Promise<unknown>;
      const { load } = (await pageImport('/wasm.js')) as typeof import('../dist/wasm.js');
      const olm = await load({ backend: 'wasm' });
      const outbound = olm.OutboundGroupSession.create();
      const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
      const decryption = olm.PkDecryption.create();
      const encryption = olm.PkEncryption.create(decryption.publicKey);
      const megolm = plaintexts.map((text) => inbound.decrypt(outbound.encrypt(text)).plaintext);
      const pk = plaintexts.map((text) => decryption.decrypt(encryption.encrypt(text)));
      const code = (run: () => unknown) => {
        try {
          run();
          return 'no error';
        } catch (error) {
          return (error as { code?: string }).code ?? String(error);
        }
      };
      const invalid = new Uint8Array([0x61, 0xff, 0x62]);
      const message = outbound.encrypt(invalid);
      const pkMessage = encryption.encrypt(invalid);
      return {
        megolm,
        pk,
        megolmInvalid: code(() => inbound.decrypt(message)),
        pkInvalid: code(() => decryption.decrypt(pkMessage)),
      };
    }, texts);
    // A lone surrogate is encoded as U+FFFD (TextEncoder's rule), so it decrypts to U+FFFD.
    const expected = texts.map((text) => new TextDecoder().decode(new TextEncoder().encode(text)));
    expect(out.megolm).toEqual(expected);
    expect(out.pk).toEqual(expected);
    expect(out.megolmInvalid).toBe('INVALID_UTF8');
    expect(out.pkInvalid).toBe('INVALID_UTF8');
  }, 60_000);
});

describe('Scratch.encode in Node (TextEncoder)', () => {
  it('encodes every case as TextEncoder does', () => {
    const scratch = new Scratch();
    const encoder = new TextEncoder();
    for (const text of cases()) {
      const mark = scratch.mark();
      expect(Array.from(scratch.encode(text))).toEqual(Array.from(encoder.encode(text)));
      scratch.release(mark);
    }
  });
});
