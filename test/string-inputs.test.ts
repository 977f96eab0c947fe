// Strings are handed to C as they are where the backend can encode them (the native addon reads a
// string's UTF-8 itself, see native/addon.cc), else encoded by the core: either way C must see
// exactly TextEncoder's bytes, lone surrogates (U+FFFD) and sizes past the addon's stack buffer
// included, and both backends must give the same result.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Olm } from '../dist/api/library.js';
import { BACKENDS, loadBackend } from './backends.js';
import { expectCode } from './olm-helpers.js';

const encoder = new TextEncoder();

/** Text that exercises UTF-8: NULs inside, every width, a pair, lone surrogates at both ends and inside. */
const TRICKY = ['', 'a', 'a\0b', '\0', 'é', '✓', '🔐', '\ud800', '\udc00x', 'x\ud83d', 'a\ud800\udc00b', 'héllo ✓ 🔐 \udfff'];
// The addon keeps 4 KiB on the stack for a call's strings: 3 bytes per unit plus a NUL, so 1365
// units fit and 1366 do not; the long ones go to the heap.
const SIZES = [1364, 1365, 1366, 4096, 70000];

describe.each(BACKENDS)('string inputs on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  it('reach C as their UTF-8 bytes (hashes equal those of the encoded bytes)', () => {
    const utility = olm.Utility.create();
    const cases = [...TRICKY, ...SIZES.map((n) => 'é'.repeat(n)), ...SIZES.map((n) => 'a'.repeat(n - 1) + '\ud800')];
    for (const text of cases)
      expect(utility.sha256(text), JSON.stringify(text.slice(0, 8))).toBe(utility.sha256(encoder.encode(text)));
    utility.free();
  });

  it('work as keys, messages and pickles, two strings in one call', () => {
    const account = olm.Account.create();
    for (const key of TRICKY.filter((k) => k !== '')) {
      const pickle = account.pickle(key);
      expect(account.pickle(encoder.encode(key))).toBe(pickle);
      expect(olm.Account.unpickle(pickle, encoder.encode(key)).identityKeys).toEqual(account.identityKeys);
      expect(olm.Account.unpickle(encoder.encode(pickle), key).identityKeys).toEqual(account.identityKeys);
      expect(account.sign(key)).toBe(account.sign(encoder.encode(key)));
    }
    expectCode(() => olm.Account.unpickle(account.pickle('\ud800'), 'x'), 'BAD_ACCOUNT_KEY');
    // A lone surrogate is U+FFFD, as TextEncoder makes it: the same key as the character itself.
    expect(olm.Account.unpickle(account.pickle('\ud800'), '\ufffd').identityKeys).toEqual(account.identityKeys);
    const sas = olm.Sas.create();
    const other = olm.Sas.create();
    sas.setTheirKey(other.publicKey);
    other.setTheirKey(sas.publicKey);
    for (const text of [...TRICKY, 'é'.repeat(1366)]) {
      expect(sas.calculateMacFixedBase64(text, text + '!')).toBe(
        other.calculateMacFixedBase64(encoder.encode(text), encoder.encode(text + '!')),
      );
    }
    for (const o of [account, sas, other]) o.free();
  });

  it('decrypt from a string message, base64 or not', () => {
    const outbound = olm.OutboundGroupSession.create();
    const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
    const message = outbound.encrypt('é'.repeat(2000));
    expect(inbound.decrypt(message).plaintext).toBe('é'.repeat(2000));
    // The same error as the same bytes give (libolm reads the first byte as the version).
    const bad = 'é' + message.slice(1);
    expectCode(() => inbound.decrypt(bad), 'BAD_MESSAGE_VERSION');
    expectCode(() => inbound.decrypt(encoder.encode(bad)), 'BAD_MESSAGE_VERSION');
    outbound.free();
    inbound.free();
  });
});
