// libolm's message protobufs (src/message.cpp), field by field, able to emit anything: missing,
// duplicate, reordered and unknown fields, length prefixes of any value (2^32, 2^40, ...),
// non-minimal and truncated varints.
import { concat } from './bytes.js';

/** Varint encoding of any non-negative value; `minBytes` pads it with 0x80 continuation bytes. */
export function varint(value: bigint | number, minBytes = 1): Uint8Array {
  let rest = BigInt(value);
  if (rest < 0n) throw new RangeError('varint of a negative value');
  const out: number[] = [];
  do {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  } while (rest > 0n || out.length < minBytes);
  out[out.length - 1]! &= 0x7f;
  return new Uint8Array(out);
}

/** A varint whose last byte still has the continuation bit: it runs into whatever follows. */
export function truncatedVarint(value: bigint | number): Uint8Array {
  const bytes = varint(value);
  bytes[bytes.length - 1]! |= 0x80;
  return bytes;
}

/** Protobuf tags libolm uses: (field << 3) | wire type. */
export const TAG = {
  // Olm normal message
  ratchetKey: 0o12,
  counter: 0o20,
  ciphertext: 0o42,
  // Olm pre-key message
  oneTimeKey: 0o12,
  baseKey: 0o22,
  identityKey: 0o32,
  message: 0o42,
  // Megolm message
  messageIndex: 0o10,
  groupCiphertext: 0o22,
} as const;

export const PROTOCOL_VERSION = 3;

/** One field as emitted: a tag byte (any), then a varint or a length-delimited value. */
export type Field =
  | { kind: 'varint'; tag: number; value: bigint | number; minBytes?: number }
  | {
      kind: 'bytes';
      tag: number;
      value: Uint8Array;
      /** A length prefix other than the value's length (e.g. 2^40 + n). */
      length?: bigint | number;
      /** Raw bytes in place of the length prefix (a truncated or hand-made varint). */
      rawLength?: Uint8Array;
      minLengthBytes?: number;
    }
  | { kind: 'raw'; bytes: Uint8Array };

export function encodeField(field: Field): Uint8Array {
  switch (field.kind) {
    case 'varint':
      return concat(new Uint8Array([field.tag]), varint(field.value, field.minBytes));
    case 'bytes': {
      const prefix = field.rawLength ?? varint(field.length ?? field.value.byteLength, field.minLengthBytes);
      return concat(new Uint8Array([field.tag]), prefix, field.value);
    }
    case 'raw':
      return field.bytes;
  }
}

/** A version byte followed by the fields, in the order given. */
export function encodeMessage(version: number, fields: readonly Field[]): Uint8Array {
  return concat(new Uint8Array([version]), ...fields.map(encodeField));
}

export interface DecodedField {
  tag: number;
  /** The varint value, or the length prefix of a length-delimited field. */
  value: bigint;
  bytes?: Uint8Array;
}

/**
 * A strict decoder (64-bit lengths, no wrapping), for reading what libolm emitted: the version
 * byte and the fields; throws on anything malformed.
 */
export function decodeMessage(bytes: Uint8Array): { version: number; fields: DecodedField[] } {
  if (bytes.byteLength === 0) throw new RangeError('empty message');
  const fields: DecodedField[] = [];
  let pos = 1;
  const readVarint = (): bigint => {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = bytes[pos++];
      if (byte === undefined) throw new RangeError('truncated varint');
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
  };
  while (pos < bytes.byteLength) {
    const tag = bytes[pos++]!;
    const value = readVarint();
    if ((tag & 7) === 0) {
      fields.push({ tag, value });
    } else if ((tag & 7) === 2) {
      const end = pos + Number(value);
      if (end > bytes.byteLength) throw new RangeError('field past the end');
      fields.push({ tag, value, bytes: bytes.slice(pos, end) });
      pos = end;
    } else {
      throw new RangeError(`wire type ${tag & 7}`);
    }
  }
  return { version: bytes[0]!, fields };
}
