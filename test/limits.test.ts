// Size limits both backends hold: plaintexts up to MAX_PLAINTEXT_BYTES (256 MiB), any other input
// up to MAX_INPUT_BYTES (342 MiB, the message of a largest plaintext). Beyond them: a RangeError
// naming the limit, before anything is allocated (a 1 GiB plaintext was a plain Error:
// ERR_STRING_TOO_LONG on native, "out of WASM memory" on WASM). These inputs are never encoded:
// 'a'.repeat() makes a rope in O(log n), a zeroed Uint8Array has no pages until written.
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, MAX_PLAINTEXT_BYTES } from '../dist/api/bytes.js';
import type { Olm } from '../dist/api/library.js';
import { BACKENDS, loadBackend } from './backends.js';
import { root, runNode } from './compat-fixture.js';

const GiB = 2 ** 30;
const PLAINTEXT_LIMIT = /over the limit of 268435456 bytes \(256 MiB\)/;
const INPUT_LIMIT = /over the limit of 358612992 bytes \(342 MiB\)/;

describe.each(BACKENDS)('size limits on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  /**
   * Runs `run`, expecting a RangeError matching `limit`. (No timing check: speed belongs in the
   * benchmark, and a timed assertion failed under ASan and load; that nothing is encoded or
   * copied first is what the 1 GiB and 2^29-character inputs show, which could not be.)
   */
  function refused(run: () => unknown, limit: RegExp): void {
    let error: unknown;
    try {
      run();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RangeError);
    expect((error as RangeError).message).toMatch(limit);
  }

  it('states the limits', () => {
    expect(MAX_PLAINTEXT_BYTES).toBe(256 * 2 ** 20);
    expect(MAX_INPUT_BYTES).toBe(342 * 2 ** 20);
    // The base64 Megolm message of a largest plaintext fits, headers and all.
    expect(Math.ceil(((MAX_PLAINTEXT_BYTES + 16 + 100) * 4) / 3)).toBeLessThan(MAX_INPUT_BYTES);
  });

  it('refuses plaintexts over 256 MiB (1 GiB, limit+1, as strings and bytes) with a RangeError', () => {
    const outbound = olm.OutboundGroupSession.create();
    const alice = olm.Account.create();
    const bob = olm.Account.create();
    bob.generateOneTimeKeys(1);
    const session = olm.Session.createOutbound(alice, bob.identityKeys.curve25519, Object.values(bob.oneTimeKeys)[0]!);
    const encryption = olm.PkEncryption.create(olm.PkDecryption.create().publicKey);
    const encrypts = [
      (plaintext: string | Uint8Array) => outbound.encrypt(plaintext),
      (plaintext: string | Uint8Array) => session.encrypt(plaintext),
      (plaintext: string | Uint8Array) => encryption.encrypt(plaintext),
    ];
    for (const encrypt of encrypts) {
      refused(() => encrypt(new Uint8Array(GiB)), PLAINTEXT_LIMIT);
      // The longest string V8 makes (2^29-24 characters; a 1 GiB one cannot exist).
      refused(() => encrypt('a'.repeat(2 ** 29 - 24)), PLAINTEXT_LIMIT);
      refused(() => encrypt('a'.repeat(MAX_PLAINTEXT_BYTES + 1)), PLAINTEXT_LIMIT);
      refused(() => encrypt(new Uint8Array(MAX_PLAINTEXT_BYTES + 1)), PLAINTEXT_LIMIT);
    }
    // The objects still work.
    expect(outbound.messageIndex).toBe(0);
    expect(outbound.encrypt('after')).toMatch(/^Aw/);
  });

  it('refuses messages, pickles and other inputs over 342 MiB with a RangeError', () => {
    const huge = 'A'.repeat(MAX_INPUT_BYTES + 1);
    const inbound = olm.InboundGroupSession.create(olm.OutboundGroupSession.create().sessionKey);
    const account = olm.Account.create();
    refused(() => inbound.decrypt(huge), INPUT_LIMIT);
    refused(() => olm.InboundGroupSession.import(huge), INPUT_LIMIT);
    refused(() => olm.Account.unpickle(huge, 'key'), INPUT_LIMIT);
    refused(() => olm.Session.createInbound(account, huge), INPUT_LIMIT);
    refused(() => account.sign(new Uint8Array(MAX_INPUT_BYTES + 1)), INPUT_LIMIT);
    refused(() => olm.Utility.create().sha256(new Uint8Array(GiB)), INPUT_LIMIT);
  });
});

describe('strings with fewer characters than the limit but more UTF-8 bytes', () => {
  it('are counted in chunks, not encoded, and refused', async () => {
    const olm = await loadBackend('wasm');
    const outbound = olm.OutboundGroupSession.create();
    // 2 bytes per character; 4 per surrogate pair, split across counting chunks of 2^16 units.
    const attempts: [string, RegExp][] = [
      ['é'.repeat(MAX_PLAINTEXT_BYTES / 2 + 1), /^plaintext is 268435458 bytes of UTF-8, over the limit/],
      ['a' + '😀'.repeat(MAX_PLAINTEXT_BYTES / 4), /^plaintext is 268435457 bytes of UTF-8, over the limit/],
    ];
    for (const [plaintext, message] of attempts) expect(() => outbound.encrypt(plaintext)).toThrow(message);
    expect(outbound.messageIndex).toBe(0);
  });
});

describe('WASM memory exhausted', () => {
  it('is a RangeError from malloc, and the backend works again once memory is freed', async () => {
    // In a child process: this fills the module's 2 GiB memory with Olm accounts (7 s).
    const script = `
      import { load } from './dist/node.js';
      import { coreFor } from './dist/binding/olm-object.js';
      const olm = await load({ backend: 'wasm' });
      const backend = coreFor(olm.Account).backend;
      const utility = olm.Utility.create();
      const handles = [];
      let error;
      try { for (;;) handles.push(backend.create('account')); } catch (e) { error = e; }
      const memory = backend.heap().byteLength;
      // A call whose buffers no longer fit.
      let second;
      try { utility.sha256(new Uint8Array(2 ** 26)); } catch (e) { second = e; }
      for (const handle of handles) backend.free(handle);
      const after = utility.sha256(new Uint8Array(2 ** 26)).length;
      utility.free();
      console.log(JSON.stringify({ created: handles.length, type: error.constructor.name, message: error.message,
        memory, second: second?.constructor.name, after, live: backend.liveObjects() }));`;
    const run = await runNode(['--input-type=module', '-e', script], root, 'wasm');
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ type: 'RangeError', second: 'RangeError', after: 43, live: 0 });
    expect(result['message']).toMatch(/^olm-universal: out of WASM memory \(asked for \d+ bytes; the memory is \d+ bytes\)$/);
    expect(result['memory']).toBeGreaterThan(2 ** 31 - 2 ** 26);
  });
});
