// libolm's results by C type: only a size_t can be olm_error(). A Megolm index is a uint32_t,
// and 2^32-1 is a valid one; on WASM it arrives as the i32 -1, which was once taken for
// olm_error() (OlmError SUCCESS on WASM, 4294967295 on native).
import { execFileSync } from 'node:child_process';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Olm } from '../dist/api/library.js';
import { KINDS, OLM_FUNCTIONS, RESULT_TYPES, type OlmFunction } from '../dist/binding/functions.js';
import { BACKENDS, loadBackend } from './backends.js';
import { root } from './compat-fixture.js';

const LAST_INDEX = 0xffffffff;

const fromBase64 = (text: string): Buffer => Buffer.from(text, 'base64');
const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64').replace(/=+$/, '');

/** libolm's pickle encryption (src/cipher.cpp, "Pickle" info): AES-256-CBC, HMAC-SHA-256 cut to 8 bytes. */
function pickleKeys(key: string): { aes: Buffer; mac: Buffer; iv: Buffer } {
  const derived = Buffer.from(hkdfSync('sha256', Buffer.from(key), Buffer.alloc(0), 'Pickle', 80));
  return { aes: derived.subarray(0, 32), mac: derived.subarray(32, 64), iv: derived.subarray(64, 80) };
}
function openPickle(pickle: string, key: string): Buffer {
  const { aes, iv } = pickleKeys(key);
  const sealed = fromBase64(pickle);
  const decipher = createDecipheriv('aes-256-cbc', aes, iv);
  return Buffer.concat([decipher.update(sealed.subarray(0, -8)), decipher.final()]);
}
function sealPickle(raw: Uint8Array, key: string): string {
  const { aes, mac, iv } = pickleKeys(key);
  const cipher = createCipheriv('aes-256-cbc', aes, iv);
  const ciphertext = Buffer.concat([cipher.update(raw), cipher.final()]);
  return toBase64(Buffer.concat([ciphertext, createHmac('sha256', mac).update(ciphertext).digest().subarray(0, 8)]));
}

describe('result types', () => {
  it('records every non-size_t result as libolm declares it', () => {
    const declared = JSON.parse(
      execFileSync(process.execPath, [join(root, 'scripts', 'olm-functions.cjs'), '--results'], { encoding: 'utf8' }),
    ) as Record<string, string>;
    const recorded = Object.fromEntries(
      Object.keys(OLM_FUNCTIONS).map((fn) => [fn, RESULT_TYPES[fn as OlmFunction] ?? 'size_t']),
    );
    const fromHeaders = Object.fromEntries(Object.keys(OLM_FUNCTIONS).map((fn) => [fn, declared[fn]]));
    expect(recorded).toEqual(fromHeaders);
  });
});

describe('object kinds', () => {
  it("lists every kind libolm declares (olm_<kind>_size, olm_<kind>, olm_clear_<kind>), as the addon's generated table does", () => {
    const declared = JSON.parse(
      execFileSync(process.execPath, [join(root, 'scripts', 'olm-functions.cjs'), '--kinds'], { encoding: 'utf8' }),
    ) as string[];
    expect(declared.length).toBeGreaterThan(8);
    expect([...KINDS]).toEqual(declared);
  });
});

describe('operation shapes', () => {
  it('gives every operation of native/ops/ops.h the shape its prototype implies (copy directions from the signature)', () => {
    const derived = JSON.parse(
      execFileSync(process.execPath, [join(root, 'scripts', 'olm-functions.cjs'), '--shapes'], { encoding: 'utf8' }),
    ) as Record<string, string>;
    const recorded = Object.fromEntries(Object.entries(OLM_FUNCTIONS).filter(([fn]) => fn.startsWith('olm_op_')));
    expect(Object.keys(derived).length).toBeGreaterThan(30);
    expect(recorded).toEqual(derived);
  });
});

describe.each(BACKENDS)('Megolm index 2^32-1 on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  it('imports a session key at index 2^32-1 and reads firstKnownIndex', () => {
    const outbound = olm.OutboundGroupSession.create();
    const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
    // The export format (inbound_group_session.c): version 1, the index as a big-endian uint32,
    // the ratchet, the signing key.
    const exported = fromBase64(inbound.export(0));
    expect(exported[0]).toBe(1);
    exported.writeUInt32BE(LAST_INDEX, 1);
    const imported = olm.InboundGroupSession.import(toBase64(exported));
    expect(imported.firstKnownIndex).toBe(LAST_INDEX);
    expect(imported.isVerified).toBe(false);
    expect(fromBase64(imported.export(LAST_INDEX))).toEqual(exported);
  });

  it('reads messageIndex 2^32-1 of an outbound session and decrypts its message there', () => {
    const key = 'pickle key';
    // The outbound pickle (outbound_group_session.c): version, ratchet (128 bytes, then the
    // counter as a big-endian uint32), signing key pair.
    const raw = openPickle(olm.OutboundGroupSession.create().pickle(key), key);
    raw.writeUInt32BE(LAST_INDEX, 4 + 128);
    const outbound = olm.OutboundGroupSession.unpickle(sealPickle(raw, key), key);
    expect(outbound.messageIndex).toBe(LAST_INDEX);
    const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
    expect(inbound.firstKnownIndex).toBe(LAST_INDEX);
    expect(inbound.decrypt(outbound.encrypt('the last message'))).toEqual({
      plaintext: 'the last message',
      messageIndex: LAST_INDEX,
    });
  });

  it('returns the int and enum results as their values', () => {
    const outbound = olm.OutboundGroupSession.create();
    expect(olm.InboundGroupSession.create(outbound.sessionKey).isVerified).toBe(true);
    expect(olm.Sas.create().isTheirKeySet).toBe(false);
  });
});
