// Sas on each backend: two parties agree on bytes and MACs; errors before and with bad keys.
import { createHmac, hkdfSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Olm, Sas } from '../dist/api/library.js';
import { BACKENDS, coreOf, loadBackend } from './backends.js';
import { codeOf } from './codes.js';
import { ALICE_PRIVATE, ALICE_PUBLIC, BOB_PUBLIC, SAS_BYTES, SAS_MACS, SHARED_SECRET } from './vectors/sas-rfc7748.js';

const MACS = ['calculateMac', 'calculateMacFixedBase64', 'calculateMacLongKdf'] as const;

describe.each(BACKENDS)('sas on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  function connected(): [Sas, Sas] {
    const alice = olm.Sas.create();
    const bob = olm.Sas.create();
    alice.setTheirKey(bob.publicKey);
    bob.setTheirKey(alice.publicKey);
    return [alice, bob];
  }

  it('exchanges keys and derives the same bytes on both sides', () => {
    const alice = olm.Sas.create();
    const bob = olm.Sas.create();
    expect(alice.publicKey).toMatch(/^[A-Za-z0-9+/]{43}$/);
    expect(alice.publicKey).not.toBe(bob.publicKey);
    expect(alice.isTheirKeySet).toBe(false);
    alice.setTheirKey(bob.publicKey);
    bob.setTheirKey(alice.publicKey);
    expect([alice.isTheirKeySet, bob.isTheirKeySet]).toEqual([true, true]);
    for (const length of [0, 1, 6, 32, 33, 8160]) {
      const bytes = alice.generateBytes('MATRIX_KEY_VERIFICATION_SAS|ü', length);
      expect(bytes.byteLength).toBe(length);
      expect(bob.generateBytes('MATRIX_KEY_VERIFICATION_SAS|ü', length)).toEqual(bytes);
    }
    // A prefix of a longer output (HKDF), different for other info, other for other keys.
    expect(alice.generateBytes('info', 64).subarray(0, 6)).toEqual(bob.generateBytes('info', 6));
    expect(alice.generateBytes('info', 6)).not.toEqual(alice.generateBytes('other info', 6));
    const [carol] = connected();
    expect(carol.generateBytes('info', 6)).not.toEqual(alice.generateBytes('info', 6));
    // Strings are their UTF-8 bytes.
    expect(alice.generateBytes(new TextEncoder().encode('ü'), 6)).toEqual(bob.generateBytes('ü', 6));
  });

  it('calculates the same MACs on both sides, for every method', () => {
    const [alice, bob] = connected();
    for (const mac of MACS) {
      for (const [input, info] of [
        ['ed25519:DEVICE', 'MATRIX_KEY_VERIFICATION_MAC|info ✓'],
        ['', ''],
        [new Uint8Array([0, 255, 0]), new Uint8Array([1])],
      ] as const) {
        const value = alice[mac](input, info);
        expect(value, mac).toMatch(/^[A-Za-z0-9+/]{43}$/);
        expect(bob[mac](input, info), mac).toBe(value);
        expect(bob[mac]('other input', info), mac).not.toBe(value);
      }
    }
    expect(alice.calculateMacLongKdf('input', 'info')).not.toBe(alice.calculateMacFixedBase64('input', 'info'));
  });

  it('MACs are HMAC-SHA256 under the derived key (checked by node:crypto)', () => {
    const [alice] = connected();
    const key = alice.generateBytes('info', 32);
    const expected = createHmac('sha256', key).update('input ✓').digest('base64').replace(/=+$/, '');
    expect(alice.calculateMacFixedBase64('input ✓', 'info')).toBe(expected);
    // libolm's original MAC encodes base64 in place, over its own input: only the first 3 bytes
    // (4 characters) come out right. Kept as is for compatibility.
    const legacy = alice.calculateMac('input ✓', 'info');
    expect(legacy.slice(0, 4)).toBe(expected.slice(0, 4));
    expect(legacy).not.toBe(expected);
    const longKey = alice.generateBytes('info', 256);
    const long = createHmac('sha256', longKey).update('input ✓').digest('base64');
    expect(alice.calculateMacLongKdf('input ✓', 'info').slice(0, 4)).toBe(long.slice(0, 4));
  });

  it("gives known answers for fixed keys (libolm's test keys, from RFC 7748)", () => {
    // Below the public API, which only makes random keys: the same libolm calls Sas makes.
    const core = coreOf(olm);
    const sas = core.backend.create('sas');
    const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
    const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
    try {
      core.call('olm_create_sas', sas, Uint8Array.from(ALICE_PRIVATE));
      const publicKey = new Uint8Array(43);
      core.call('olm_sas_get_pubkey', sas, publicKey);
      expect(text(publicKey)).toBe(ALICE_PUBLIC);
      core.call('olm_sas_set_their_key', sas, utf8(BOB_PUBLIC));
      const bytes = new Uint8Array(6);
      core.call('olm_sas_generate_bytes', sas, utf8('SAS'), bytes);
      expect(Buffer.from(bytes).toString('hex')).toBe(SAS_BYTES);
      expect(bytes).toEqual(new Uint8Array(hkdfSync('sha256', SHARED_SECRET, new Uint8Array(0), 'SAS', 6)));
      const macKey = new Uint8Array(hkdfSync('sha256', SHARED_SECRET, new Uint8Array(0), 'MAC', 32));
      const hmac = createHmac('sha256', macKey).update('Hello world!').digest('base64').replace(/=+$/, '');
      const fns = {
        calculateMac: 'olm_sas_calculate_mac',
        calculateMacFixedBase64: 'olm_sas_calculate_mac_fixed_base64',
        calculateMacLongKdf: 'olm_sas_calculate_mac_long_kdf',
      } as const;
      for (const mac of MACS) {
        const out = new Uint8Array(43);
        core.call(fns[mac], sas, utf8('Hello world!'), utf8('MAC'), out);
        expect(text(out), mac).toBe(SAS_MACS[mac]);
      }
      expect(SAS_MACS.calculateMacFixedBase64).toBe(hmac);
      expect(SAS_MACS.calculateMac.slice(0, 4)).toBe(hmac.slice(0, 4));
    } finally {
      core.backend.free(sas);
    }
  });

  it('refuses every output before their key is set: SAS_THEIR_KEY_NOT_SET', () => {
    const sas = olm.Sas.create();
    expect(codeOf(() => sas.generateBytes('info', 6))).toBe('SAS_THEIR_KEY_NOT_SET');
    for (const mac of MACS)
      expect(
        codeOf(() => sas[mac]('input', 'info')),
        mac,
      ).toBe('SAS_THEIR_KEY_NOT_SET');
  });

  it("refuses bad keys with libolm's codes, and stays without their key", () => {
    const sas = olm.Sas.create();
    expect(codeOf(() => sas.setTheirKey('abc'))).toBe('INPUT_BUFFER_TOO_SMALL');
    expect(codeOf(() => sas.setTheirKey(''))).toBe('INPUT_BUFFER_TOO_SMALL');
    expect(codeOf(() => sas.setTheirKey('A'.repeat(45)))).toBe('INVALID_BASE64');
    expect(sas.isTheirKeySet).toBe(false);
    expect(() => sas.setTheirKey(null as unknown as string)).toThrow(TypeError);
    sas.setTheirKey(olm.Sas.create().publicKey);
    expect(sas.isTheirKeySet).toBe(true);
  });

  it('validates the length asked of generateBytes', () => {
    const [alice] = connected();
    for (const length of [-1, 1.5, 8161, 2 ** 32, Number.NaN]) {
      expect(() => alice.generateBytes('info', length), String(length)).toThrow(RangeError);
    }
    expect(() => alice.generateBytes('info', '6' as unknown as number)).toThrow(TypeError);
    expect(() => alice.generateBytes(6 as unknown as string, 6)).toThrow(TypeError);
  });

  it('refuses use after free', () => {
    const [alice] = connected();
    alice.free();
    expect(codeOf(() => alice.publicKey)).toBe('USE_AFTER_FREE');
    expect(codeOf(() => alice.calculateMac('a', 'b'))).toBe('USE_AFTER_FREE');
  });
});
