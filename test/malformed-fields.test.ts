// Malformed Olm and Megolm messages that fail before any MAC or signature check (patches 0002
// and 0003): ciphertexts that are not whole AES blocks, varints above 32 bits. The verdict is
// BAD_MESSAGE_FORMAT on both backends. Unpatched, the 32-bit WASM build wrapped the 2^40 length
// and checked the signature (BAD_SIGNATURE) where native found no ciphertext (BAD_MESSAGE_FORMAT),
// and partial blocks went on to the MAC check. MAC-valid, signed variants of these are the
// sender tests' (test/hostile/).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Olm } from '../dist/api/library.js';
import { BACKENDS, loadBackend } from './backends.js';
import { codeOf } from './codes.js';
import { establish } from './olm-helpers.js';
import { encode, fromBase64, parse, toBase64, varint, type Field, type Message } from './protobuf.js';

const MEGOLM_TRAILER = 8 + 64;
const OLM_MAC = 8;
const P32 = 2n ** 32n;
const P40 = 2n ** 40n;

/** `message`'s fields changed by `change`, with the original trailer (MAC, signature) after them. */
function rewrite(bytes: Uint8Array, trailer: number, change: (fields: readonly Field[]) => Uint8Array[]): string {
  const message = parse(bytes, trailer);
  const body = change(message.fields);
  return toBase64(
    Uint8Array.from([message.version, ...body.flatMap((part) => [...part]), ...bytes.slice(bytes.length - trailer)]),
  );
}
const fieldBytes = (fields: readonly Field[]): Uint8Array => encode({ version: 0, fields } satisfies Message).slice(1);
/** A length-delimited field whose length prefix is `declared` (the bytes are `value`). */
const lengthField = (number: number, declared: bigint, value: Uint8Array): Uint8Array =>
  Uint8Array.from([...varint((number << 3) | 2), ...varint(declared), ...value]);
const replace = (fields: readonly Field[], number: number, value: bigint | Uint8Array): Field[] =>
  fields.map((field) => (field.number === number ? { number, value } : field));
const bytesOf = (fields: readonly Field[], number: number): Uint8Array =>
  fields.find((field) => field.number === number)!.value as Uint8Array;

describe.each(BACKENDS)('messages refused as BAD_MESSAGE_FORMAT before the MAC on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  it('Megolm: index or lengths of 2^32 and more, ciphertexts not whole blocks', () => {
    const outbound = olm.OutboundGroupSession.create();
    const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
    const bytes = fromBase64(outbound.encrypt('Meet at the north gate at 10.'));
    const INDEX = 1;
    const CIPHERTEXT = 2;
    const cases: Record<string, string> = {
      'index 2^32': rewrite(bytes, MEGOLM_TRAILER, (fields) => [fieldBytes(replace(fields, INDEX, P32))]),
      'index 2^40 + 1': rewrite(bytes, MEGOLM_TRAILER, (fields) => [fieldBytes(replace(fields, INDEX, P40 + 1n))]),
      'ciphertext length prefix 2^40 + its length': rewrite(bytes, MEGOLM_TRAILER, (fields) => {
        const ciphertext = bytesOf(fields, CIPHERTEXT);
        return [
          fieldBytes(fields.filter((field) => field.number !== CIPHERTEXT)),
          lengthField(CIPHERTEXT, P40 + BigInt(ciphertext.length), ciphertext),
        ];
      }),
      'unknown field of length 2^32 first': rewrite(bytes, MEGOLM_TRAILER, (fields) => [
        lengthField(5, P32, new Uint8Array()),
        fieldBytes(fields),
      ]),
      'ciphertext of 5 bytes': rewrite(bytes, MEGOLM_TRAILER, (fields) => [
        fieldBytes(replace(fields, CIPHERTEXT, bytesOf(fields, CIPHERTEXT).slice(0, 5))),
      ]),
      'ciphertext of 17 bytes': rewrite(bytes, MEGOLM_TRAILER, (fields) => [
        fieldBytes(replace(fields, CIPHERTEXT, Uint8Array.from([...bytesOf(fields, CIPHERTEXT), 0]))),
      ]),
      'empty ciphertext': rewrite(bytes, MEGOLM_TRAILER, (fields) => [fieldBytes(replace(fields, CIPHERTEXT, new Uint8Array()))]),
    };
    const codes = Object.fromEntries(
      Object.entries(cases).map(([label, message]) => [label, codeOf(() => inbound.decrypt(message))]),
    );
    expect(codes).toEqual(Object.fromEntries(Object.keys(cases).map((label) => [label, 'BAD_MESSAGE_FORMAT'])));
    expect(inbound.decrypt(outbound.encrypt('still fine')).plaintext).toBe('still fine');
  });

  it('Olm: counter of 2^32, ratchet key length of 2^32 + 32, ciphertexts not whole blocks', () => {
    const { outbound, inbound } = establish(olm, olm);
    const reply = inbound.encrypt('reply');
    expect(outbound.decrypt(reply.type, reply.body)).toBe('reply');
    const message = inbound.encrypt('a normal message');
    expect(message.type).toBe(1);
    const bytes = fromBase64(message.body);
    const RATCHET_KEY = 1;
    const COUNTER = 2;
    const CIPHERTEXT = 4;
    const cases: Record<string, string> = {
      'counter 2^32': rewrite(bytes, OLM_MAC, (fields) => [fieldBytes(replace(fields, COUNTER, P32))]),
      'ratchet key length prefix 2^32 + 32': rewrite(bytes, OLM_MAC, (fields) => [
        lengthField(RATCHET_KEY, P32 + 32n, bytesOf(fields, RATCHET_KEY)),
        fieldBytes(fields.filter((field) => field.number !== RATCHET_KEY)),
      ]),
      'ciphertext of 15 bytes': rewrite(bytes, OLM_MAC, (fields) => [
        fieldBytes(replace(fields, CIPHERTEXT, bytesOf(fields, CIPHERTEXT).slice(0, 15))),
      ]),
      'empty ciphertext': rewrite(bytes, OLM_MAC, (fields) => [fieldBytes(replace(fields, CIPHERTEXT, new Uint8Array()))]),
    };
    const codes = Object.fromEntries(
      Object.entries(cases).map(([label, body]) => [label, codeOf(() => outbound.decrypt(1, body))]),
    );
    expect(codes).toEqual(Object.fromEntries(Object.keys(cases).map((label) => [label, 'BAD_MESSAGE_FORMAT'])));
    expect(outbound.decrypt(message.type, message.body)).toBe('a normal message');
  });
});
