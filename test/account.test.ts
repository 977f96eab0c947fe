import { beforeAll, describe, expect, it } from 'vitest';
import type { Olm } from '../dist/api/library.js';
import { BACKENDS, loadBackend } from './backends.js';
import { establish, expectCode, publishOneTimeKey, unpaddedBase64 } from './olm-helpers.js';
import {
  PICKLE_KEY,
  REFERENCE_FALLBACK_KEY,
  REFERENCE_IDENTITY_KEYS,
  REFERENCE_ONE_TIME_KEYS,
  REFERENCE_PICKLE,
  REFERENCE_SIGNATURE,
  SIGNED_MESSAGE,
} from './olm-vectors.js';

describe.each(BACKENDS)('Account on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  it('creates accounts with distinct 43-character identity keys', () => {
    const a = olm.Account.create();
    const b = olm.Account.create();
    expect(a.backendName).toBe(name);
    expect(Object.keys(a.identityKeys).sort()).toEqual(['curve25519', 'ed25519']);
    expect(a.identityKeys.curve25519).toMatch(unpaddedBase64(43));
    expect(a.identityKeys.ed25519).toMatch(unpaddedBase64(43));
    expect(a.identityKeys).toEqual(a.identityKeys);
    expect(b.identityKeys.curve25519).not.toBe(a.identityKeys.curve25519);
    expect(b.identityKeys.ed25519).not.toBe(a.identityKeys.ed25519);
  });

  it('signs text and bytes (by their UTF-8 bytes), verifiably', () => {
    const account = olm.Account.create();
    const utility = olm.Utility.create();
    const { ed25519 } = account.identityKeys;
    const text = 'sign me: héllo ✓ 🔐';
    const signature = account.sign(text);
    expect(signature).toMatch(unpaddedBase64(86));
    expect(account.sign(new TextEncoder().encode(text))).toBe(signature);
    utility.ed25519Verify(ed25519, text, signature);
    utility.ed25519Verify(ed25519, new TextEncoder().encode(text), signature);
    const bytes = new Uint8Array([0, 0xff, 0x80, 0]);
    utility.ed25519Verify(ed25519, bytes, account.sign(bytes));
    expectCode(() => utility.ed25519Verify(ed25519, text + '!', signature), 'BAD_MESSAGE_MAC');
    const otherKey = olm.Account.create().identityKeys.ed25519;
    expectCode(() => utility.ed25519Verify(otherKey, text, signature), 'BAD_MESSAGE_MAC');
  });

  it('generates, lists and publishes one-time keys', () => {
    const account = olm.Account.create();
    expect(account.maxNumberOfOneTimeKeys).toBe(100);
    expect(account.oneTimeKeys).toEqual({});
    account.generateOneTimeKeys(0);
    expect(account.oneTimeKeys).toEqual({});
    account.generateOneTimeKeys(3);
    const keys = account.oneTimeKeys;
    expect(Object.keys(keys).sort()).toEqual(['AAAAAQ', 'AAAAAg', 'AAAAAw']);
    for (const key of Object.values(keys)) expect(key).toMatch(unpaddedBase64(43));
    expect(new Set(Object.values(keys)).size).toBe(3);
    account.markKeysAsPublished();
    expect(account.oneTimeKeys).toEqual({});
    account.generateOneTimeKeys(2);
    expect(Object.keys(account.oneTimeKeys).sort()).toEqual(['AAAABA', 'AAAABQ']);
  });

  it('keeps at most maxNumberOfOneTimeKeys, and refuses to generate more at once', () => {
    const account = olm.Account.create();
    const max = account.maxNumberOfOneTimeKeys;
    account.generateOneTimeKeys(max);
    account.generateOneTimeKeys(5);
    const keys = Object.keys(account.oneTimeKeys);
    expect(keys).toHaveLength(max);
    // The oldest five went: ids count from 1, so the first left is 6 (base64 of its 4 bytes).
    expect(keys).not.toContain('AAAAAQ');
    expect(keys).toContain('AAAABg');
    for (const count of [max + 1, 0xffffffff]) expect(() => account.generateOneTimeKeys(count)).toThrow(RangeError);
  });

  it('removes the one-time key an inbound session used', () => {
    const { bob, outbound, inbound } = establish(olm, olm);
    const again = outbound.encrypt('second pre-key message');
    expect(again.type).toBe(0);
    // The key is still there until removed: a second inbound session could be made.
    olm.Session.createInbound(bob, again.body).free();
    bob.removeOneTimeKeys(inbound);
    expectCode(() => olm.Session.createInbound(bob, again.body), 'BAD_MESSAGE_KEY_ID');
    // Removing twice: libolm finds no key to remove.
    expectCode(() => bob.removeOneTimeKeys(inbound), 'BAD_MESSAGE_KEY_ID');
    // The existing session goes on.
    expect(inbound.decrypt(again.type, again.body)).toBe('second pre-key message');
  });

  it('manages fallback keys: generate, publish, replace, forget the old one', () => {
    const alice = olm.Account.create();
    const bob = olm.Account.create();
    expect(bob.fallbackKey).toEqual({});
    expect(bob.unpublishedFallbackKey).toEqual({});
    bob.generateFallbackKey();
    const first = bob.fallbackKey;
    expect(Object.values(first)).toHaveLength(1);
    expect(Object.values(first)[0]).toMatch(unpaddedBase64(43));
    expect(bob.unpublishedFallbackKey).toEqual(first);
    expect(bob.oneTimeKeys).toEqual({});
    bob.markKeysAsPublished();
    expect(bob.unpublishedFallbackKey).toEqual({});
    expect(bob.fallbackKey).toEqual(first);

    // A session on the fallback key; the key is not used up by it.
    const opening = (key: string) => {
      const session = olm.Session.createOutbound(alice, bob.identityKeys.curve25519, key);
      return session.encrypt('to the fallback key').body;
    };
    const firstKey = Object.values(first)[0]!;
    const inbound = olm.Session.createInbound(bob, opening(firstKey));
    bob.removeOneTimeKeys(inbound);
    olm.Session.createInbound(bob, opening(firstKey)).free();

    bob.generateFallbackKey();
    const second = bob.fallbackKey;
    expect(Object.keys(second)).not.toEqual(Object.keys(first));
    expect(bob.unpublishedFallbackKey).toEqual(second);
    // The previous key still works until forgotten.
    olm.Session.createInbound(bob, opening(firstKey)).free();
    bob.forgetOldFallbackKey();
    expectCode(() => olm.Session.createInbound(bob, opening(firstKey)), 'BAD_MESSAGE_KEY_ID');
    olm.Session.createInbound(bob, opening(Object.values(second)[0]!)).free();
  });

  it('pickles and unpickles with text or byte keys, non-ASCII included', () => {
    const account = olm.Account.create();
    account.generateOneTimeKeys(2);
    account.generateFallbackKey();
    const key = 'pïckle kéy ✓';
    const pickle = account.pickle(key);
    expect(pickle).toMatch(/^[A-Za-z0-9+/]+$/);
    // A string key is its UTF-8 bytes.
    const restored = olm.Account.unpickle(pickle, new TextEncoder().encode(key));
    expect(restored.identityKeys).toEqual(account.identityKeys);
    expect(restored.oneTimeKeys).toEqual(account.oneTimeKeys);
    expect(restored.unpublishedFallbackKey).toEqual(account.unpublishedFallbackKey);
    expect(restored.sign('same key')).toBe(account.sign('same key'));
    const byteKey = new Uint8Array([0, 1, 2, 255]);
    expect(olm.Account.unpickle(new TextEncoder().encode(account.pickle(byteKey)), byteKey).identityKeys).toEqual(
      account.identityKeys,
    );
  });

  it('refuses wrong pickle keys and damaged pickles with libolm’s codes', () => {
    const pickle = olm.Account.create().pickle('right');
    expectCode(() => olm.Account.unpickle(pickle, 'wrong'), 'BAD_ACCOUNT_KEY');
    expectCode(() => olm.Account.unpickle(pickle.slice(0, -4), 'right'), 'BAD_ACCOUNT_KEY');
    expectCode(() => olm.Account.unpickle('AAAAA', 'right'), 'INVALID_BASE64');
    expectCode(() => olm.Account.unpickle('garbage!', 'right'), 'BAD_ACCOUNT_KEY');
    expectCode(() => olm.Account.unpickle('', 'right'), 'BAD_ACCOUNT_KEY');
  });

  it('unpickles an account pickled by @matrix-org/olm (known answer)', () => {
    const account = olm.Account.unpickle(REFERENCE_PICKLE, PICKLE_KEY);
    expect(account.identityKeys).toEqual(REFERENCE_IDENTITY_KEYS);
    expect(account.oneTimeKeys).toEqual(REFERENCE_ONE_TIME_KEYS);
    expect(account.unpublishedFallbackKey).toEqual(REFERENCE_FALLBACK_KEY);
    expect(account.sign(SIGNED_MESSAGE)).toBe(REFERENCE_SIGNATURE);
  });

  it('gives TypeErrors and RangeErrors for wrong JavaScript values', () => {
    const account = olm.Account.create();
    expect(() => account.sign(42 as unknown as string)).toThrow(TypeError);
    expect(() => account.pickle(null as unknown as string)).toThrow(TypeError);
    expect(() => olm.Account.unpickle({} as unknown as string, 'key')).toThrow(TypeError);
    expect(() => account.generateOneTimeKeys('3' as unknown as number)).toThrow(TypeError);
    expect(() => account.generateOneTimeKeys(-1)).toThrow(RangeError);
    expect(() => account.generateOneTimeKeys(1.5)).toThrow(RangeError);
    expect(() => account.removeOneTimeKeys(olm.Utility.create() as never)).toThrow(TypeError);
  });

  it('frees idempotently and refuses use after free', () => {
    const account = olm.Account.create();
    const { curve25519 } = account.identityKeys;
    const key = publishOneTimeKey(olm.Account.create());
    account.free();
    account.free();
    expect(account.isFreed).toBe(true);
    expectCode(() => account.identityKeys, 'USE_AFTER_FREE');
    expectCode(() => account.sign('x'), 'USE_AFTER_FREE');
    expectCode(() => olm.Session.createOutbound(account, curve25519, key), 'USE_AFTER_FREE');
  });
});
