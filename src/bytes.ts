// Conversions between the strings and bytes users hand us and the buffers libolm takes.
import { OlmError } from './errors.js';
import type { Scratch } from './scratch.js';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Input that may be text (encoded as UTF-8) or raw bytes. */
export type BytesLike = string | Uint8Array;

/**
 * UTF-8 bytes of a string, or the bytes themselves; anything else is a TypeError naming `what`.
 * With `scratch`, a string is encoded into that arena: for inputs needed only until it is released.
 */
export function toBytes(value: BytesLike, what: string, scratch?: Scratch): Uint8Array {
  if (typeof value === 'string') {
    return scratch !== undefined ? scratch.encode(value) : encoder.encode(value);
  }
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`${what} must be a string or a Uint8Array, got ${describe(value)}`);
}

/** Decodes UTF-8 strictly: bytes that are not UTF-8 are an error, never silently replaced. */
export function toText(bytes: Uint8Array, what: string): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new OlmError('INVALID_UTF8', what);
  }
}

/** libolm's outputs (base64, JSON) are ASCII. */
export function ascii(bytes: Uint8Array): string {
  return strictDecoder.decode(bytes);
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
