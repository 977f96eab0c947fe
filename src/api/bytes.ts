// Conversions between the strings and bytes users hand us and the buffers libolm takes.
import { decodeAscii } from '../binding/ascii-wasm.js';
import { OlmError } from './errors.js';
import type { Scratch } from '../binding/scratch.js';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Input that may be text (encoded as UTF-8) or raw bytes. */
export type BytesLike = string | Uint8Array;

const MiB = 1024 * 1024;

/**
 * The largest plaintext either backend takes (Olm, Megolm, PK), in UTF-8 bytes: both hold it
 * (the WASM module's memory, at most 2 GiB, holds a plaintext, its message and the copies a call
 * makes), and its message stays a string V8 can build (at most 2^29-24 characters).
 */
export const MAX_PLAINTEXT_BYTES = 256 * MiB;

/**
 * The largest of any other input (a message, pickle, key, text to sign or hash): the base64
 * message of a largest plaintext (4/3 of it, 341.34 MiB) with room for its headers.
 */
export const MAX_INPUT_BYTES = 342 * MiB;

/** The inputs whose limit is not MAX_INPUT_BYTES, by the name toBytes() is given. */
const LIMITS: Readonly<Record<string, number>> = { plaintext: MAX_PLAINTEXT_BYTES };

/**
 * UTF-8 length of a string, encoded a chunk at a time into one small buffer (twice as fast as a
 * loop over its UTF-16 units), so a string over the limit is never encoded whole.
 */
function utf8Length(text: string): number {
  const CHUNK = 1 << 16;
  const buffer = new Uint8Array(3 * CHUNK + 3);
  let length = 0;
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + CHUNK);
    // Never split a surrogate pair: its halves would each count as U+FFFD.
    if ((text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
    length += encoder.encodeInto(text.slice(start, end), buffer).written;
    start = end;
  }
  return length;
}

/**
 * Refuses an input over its limit before anything is allocated for it, the same on both backends:
 * a RangeError naming the limit. A string has at least as many UTF-8 bytes as UTF-16 units and at
 * most 3 per unit, so only strings between limit/3 and limit units are counted.
 */
function checkSize(value: BytesLike, what: string): void {
  const limit = LIMITS[what] ?? MAX_INPUT_BYTES;
  let measured: string;
  if (typeof value !== 'string') {
    if (value.byteLength <= limit) return;
    measured = `${value.byteLength} bytes`;
  } else if (value.length > limit) {
    measured = `${value.length} characters`;
  } else {
    if (value.length * 3 <= limit) return;
    const length = utf8Length(value);
    if (length <= limit) return;
    measured = `${length} bytes of UTF-8`;
  }
  throw new RangeError(`${what} is ${measured}, over the limit of ${limit} bytes (${limit / MiB} MiB)`);
}

/**
 * UTF-8 bytes of a string, or the bytes themselves; anything else is a TypeError naming `what`,
 * anything over its size limit (MAX_PLAINTEXT_BYTES, MAX_INPUT_BYTES) a RangeError.
 * With `scratch`, a string is encoded into that arena: for inputs needed only until it is released.
 */
export function toBytes(value: BytesLike, what: string, scratch?: Scratch): Uint8Array {
  const checked = toInput(value, what);
  if (typeof checked !== 'string') return checked;
  return scratch !== undefined ? scratch.encode(checked) : encoder.encode(checked);
}

/**
 * toBytes()'s checks without its encoding, for an input that goes straight to a call: the core
 * encodes a string there (see Core), in C where the backend can.
 */
export function toInput(value: BytesLike, what: string): BytesLike {
  if (typeof value !== 'string' && !(value instanceof Uint8Array)) {
    throw new TypeError(`${what} must be a string or a Uint8Array, got ${describe(value)}`);
  }
  checkSize(value, what);
  return value;
}

/** An input's length in bytes, or for a string its UTF-16 length: a first guess of its UTF-8 length. */
export function lengthGuess(value: BytesLike): number {
  return typeof value === 'string' ? value.length : value.byteLength;
}

/** Decodes UTF-8 strictly: bytes that are not UTF-8 are an error, never silently replaced. */
export function toText(bytes: Uint8Array, what: string): string {
  const text = decodeAscii(bytes);
  if (text !== undefined) return text;
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new OlmError('INVALID_UTF8', what);
  }
}

/** libolm's outputs (base64, JSON) are ASCII. */
export function ascii(bytes: Uint8Array): string {
  return decodeAscii(bytes) ?? strictDecoder.decode(bytes);
}

/**
 * A first output size for an encryption of `plaintextLength` bytes that usually fits: its base64
 * (4/3) with room for a message's headers, keys and MAC. Only a guess: C sizes the output and asks
 * for more when it does not fit (see Core.output).
 */
export function encryptedLength(plaintextLength: number): number {
  return Math.ceil(plaintextLength / 3) * 4 + 512;
}

/** Raw key material: a Uint8Array of exactly `length` bytes, or a TypeError/RangeError. */
export function toExactBytes(value: Uint8Array, length: number, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${what} must be a Uint8Array, got ${describe(value)}`);
  if (value.byteLength !== length) throw new RangeError(`${what} must be ${length} bytes, got ${value.byteLength}`);
  return value;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/** A non-negative integer argument, or a TypeError/RangeError. */
export function toCount(value: number, what: string, max = 0xffffffff): number {
  if (typeof value !== 'number') throw new TypeError(`${what} must be a number, got ${describe(value)}`);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} must be an integer from 0 to ${max}, got ${value}`);
  }
  return value;
}
