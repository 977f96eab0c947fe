// The addon's own guards: whatever JavaScript hands it, it throws, never crashes.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
type Fn = (...args: unknown[]) => unknown;
const addon = (require('node-gyp-build') as (dir: string) => Record<string, Fn>)(resolve(import.meta.dirname, '..'));

describe('native addon argument checks', () => {
  it('refuses wrong types, foreign handles and freed handles', () => {
    const session = addon.create!('outbound_group_session');
    expect(() => addon.olm_outbound_group_session_message_index!({})).toThrow(TypeError);
    expect(() => addon.olm_outbound_group_session_message_index!(addon.create!('account'))).toThrow(
      /must be a live outbound_group_session handle/,
    );
    expect(() => addon.olm_group_encrypt_message_length!(session, 'ten')).toThrow(TypeError);
    expect(() => addon.olm_group_encrypt_message_length!(session, -1)).toThrow(RangeError);
    expect(() => addon.olm_group_encrypt_message_length!(session, 1.5)).toThrow(RangeError);
    expect(() => addon.olm_group_encrypt_message_length!(session)).toThrow(/expected 2 arguments/);
    expect(() => addon.create!('nonsense')).toThrow(TypeError);
    // Handles are slot ids with a generation: a freed, reused or forged id names no live object.
    const id = session as number;
    addon.free!(session);
    expect(() => addon.free!(session)).toThrow(TypeError);
    expect(() => addon.olm_outbound_group_session_message_index!(session)).toThrow(TypeError);
    const reused = addon.create!('outbound_group_session') as number;
    expect(reused % 2 ** 26).toBe(id % 2 ** 26);
    expect(reused).not.toBe(id);
    expect(() => addon.olm_outbound_group_session_message_index!(id)).toThrow(/must be a live/);
    for (const forged of [0, 1, reused + 2 ** 26, reused - 2 ** 26, reused + 0.5, -reused, 2 ** 53, Number.NaN]) {
      expect(() => addon.olm_outbound_group_session_message_index!(forged), String(forged)).toThrow(TypeError);
    }
    expect(addon.olm_outbound_group_session_message_index!(reused)).toBe(0);
    addon.free!(reused);
  });

  it('refuses a length longer than its buffer', () => {
    const session = addon.create!('outbound_group_session');
    const random = new Uint8Array(160);
    expect(() => addon.olm_init_outbound_group_session!(session, random, 161)).toThrow(RangeError);
    expect(() => addon.olm_init_outbound_group_session!(session, new Uint16Array(80), 160)).toThrow(TypeError);
    expect(addon.olm_init_outbound_group_session!(session, random, 160)).toBe(0);
  });

  it('reads strings as UTF-8 and returns a text output as a string', () => {
    const utility = addon.create!('utility');
    const digest = addon.olm_op_sha256!(utility, new TextEncoder().encode('h\u00e9'), 3, new Uint8Array(43), 43);
    expect(digest).toBe(43);
    // The length after a string is C's count of its UTF-8 bytes, whatever the caller passed.
    const text = addon.olm_op_sha256!(utility, 'h\u00e9', 0, null, 43);
    expect(text).toBe(addon.olm_op_sha256!(utility, 'h\u00e9', 4000, null, 43));
    expect(text).toMatch(/^[A-Za-z0-9+/]{43}$/);
    // Too short: the length needed, as a number; an error stays a number too.
    expect(addon.olm_op_sha256!(utility, 'abc', 0, null, 42)).toBe(43);
    // Only byte buffers take strings, only one null output, with a sane capacity after it.
    expect(() => addon.olm_op_sha256!(utility, 'abc', 0, null, -1)).toThrow(RangeError);
    expect(() => addon.olm_op_sha256!(utility, 'abc', 0, null, 2 ** 31)).toThrow(RangeError);
    // A null with no length after it (the last argument) has no capacity: refused, never read past.
    expect(() => addon.olm_get_library_version!(new Uint8Array(1), new Uint8Array(1), null)).toThrow(RangeError);
    expect(() => addon.olm_op_sha256!(utility, null, 0, null, 43)).toThrow(TypeError);
    expect(() => addon.olm_op_sha256!(utility, 7, 0, null, 43)).toThrow(TypeError);
    expect(() => addon.olm_op_sha256!('utility', 'abc', 0, null, 43)).toThrow(TypeError);
    const sas = addon.create!('sas');
    expect(() => addon.olm_op_sas_calculate_mac!(sas, null, 4, 'b', 0, null, 4)).toThrow(TypeError);
    addon.free!(sas);
    addon.free!(utility);
  });

  it('reports olm_error() as -1', () => {
    const session = addon.create!('inbound_group_session');
    expect(addon.olm_init_inbound_group_session!(session, new Uint8Array(4), 4)).toBe(-1);
  });
});

describe('native addon symbols', () => {
  // A shared object that exports libolm's and the crypto core's functions lets anything loaded
  // beside it interpose or call them; only the N-API entry points (and the C++ standard library's
  // template instances, which libstdc++ marks visible) may be exported.
  const addons = [
    'prebuilds/linux-x64/olm-universal.node',
    'build-cmake/native/Release/olm_native.node',
    'build-cmake/native/Release/olm_native_stock.node',
    'prebuilds/linux-arm64/olm-universal.node',
  ];
  it.each(addons)('%s exports only the N-API entry points', (path) => {
    const listing = spawnSync('nm', ['-D', '--defined-only', resolve(import.meta.dirname, '..', path)], { encoding: 'utf8' });
    expect(listing.status).toBe(0);
    const names = listing.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(' ').at(-1)!);
    expect(names).toContain('napi_register_module_v1');
    const ours = names.filter(
      (name) => !/^(napi_register_module_v1|node_api_module_get_api_version_v1|_ZS|_ZNS|_ZZNS)/.test(name),
    );
    expect(ours).toEqual([]);
  });

  // Test switches are compiled into the test programs only (FAST_CRYPTO_TESTING): the shipped
  // core has no writable flag that turns its AES-NI / SHA-NI paths off. The cmake-js builds keep
  // their symbol tables (the prebuild is stripped, built from the same sources and defines).
  it.each(addons.slice(1, 2))('%s has no test switch', (path) => {
    const listing = spawnSync('nm', [resolve(import.meta.dirname, '..', path)], { encoding: 'utf8' });
    expect(listing.status).toBe(0);
    expect(listing.stdout).toContain('fast_cpu_has_aes_ni');
    expect(listing.stdout).not.toMatch(/force_portable/);
  });
});
