// Just enough protobuf to take an Olm message apart and put it back together with a field
// dropped or changed: a version byte, then (tag varint, value) pairs of wire type 0 or 2.

export interface Field {
  /** Field number (tag >> 3). */
  readonly number: number;
  /** A varint (wire type 0) or a length-delimited value (wire type 2). */
  readonly value: bigint | Uint8Array;
}

export interface Message {
  readonly version: number;
  readonly fields: readonly Field[];
}

function readVarint(bytes: Uint8Array, at: number): [bigint, number] {
  let value = 0n;
  for (let shift = 0n; at < bytes.length; shift += 7n) {
    const byte = bytes[at++]!;
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [value, at];
  }
  throw new Error('truncated varint');
}

export function varint(value: bigint | number): number[] {
  let rest = BigInt(value);
  const out: number[] = [];
  while (rest >= 0x80n) {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  out.push(Number(rest));
  return out;
}

/** Parses `bytes` (without any MAC or signature after the fields: pass `trailer` to keep it out). */
export function parse(bytes: Uint8Array, trailer = 0): Message {
  const end = bytes.length - trailer;
  const fields: Field[] = [];
  let at = 1;
  while (at < end) {
    const [tag, afterTag] = readVarint(bytes, at);
    const number = Number(tag >> 3n);
    const [value, afterValue] = readVarint(bytes, afterTag);
    if ((tag & 7n) === 0n) {
      fields.push({ number, value });
      at = afterValue;
    } else if ((tag & 7n) === 2n) {
      const valueEnd = afterValue + Number(value);
      if (valueEnd > end) throw new Error('field runs past the end');
      fields.push({ number, value: bytes.slice(afterValue, valueEnd) });
      at = valueEnd;
    } else {
      throw new Error(`wire type ${tag & 7n} is not in Olm messages`);
    }
  }
  return { version: bytes[0]!, fields };
}

export function encode(message: Message): Uint8Array {
  const out: number[] = [message.version];
  for (const { number, value } of message.fields) {
    if (typeof value === 'bigint') out.push(...varint(number << 3), ...varint(value));
    else out.push(...varint((number << 3) | 2), ...varint(value.length), ...value);
  }
  return Uint8Array.from(out);
}

/** Base64 as libolm reads and writes it: no padding. */
export const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64').replace(/=+$/, '');
