// Byte-level inputs: random bytes, random text, and mutations of valid seeds (flip, set, truncate,
// insert, delete, duplicate), as base64 text (what libolm decodes first) or raw.
import fc from 'fast-check';
import { concat, fromBase64, toBase64 } from '../hostile/bytes.js';

type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number };

const position = fc.nat({ max: 100_000 });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('set' as const), at: position, value: fc.constantFrom(0, 0x7f, 0x80, 0xff, 3, 0x12, 0x22) }),
  fc.record({ op: fc.constant('truncate' as const), at: position }),
  fc.record({ op: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 40 }) }),
  fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
);

function apply(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = bytes.byteLength === 0 ? 0 : m.at % (bytes.byteLength + (m.op === 'insert' ? 1 : 0));
  switch (m.op) {
    case 'flip':
    case 'set': {
      if (bytes.byteLength === 0) return bytes;
      const out = bytes.slice();
      out[at] = m.op === 'flip' ? out[at]! ^ (1 << m.bit) : m.value;
      return out;
    }
    case 'truncate':
      return bytes.slice(0, at);
    case 'insert':
      return concat(bytes.subarray(0, at), m.bytes, bytes.subarray(at));
    case 'delete':
      return concat(bytes.subarray(0, at), bytes.subarray(at + m.length));
    case 'duplicate':
      return concat(bytes.subarray(0, at + m.length), bytes.subarray(at, at + m.length), bytes.subarray(at + m.length));
  }
}

/** One of the seeds with one to four mutations. */
export function mutatedFrom(seeds: readonly Uint8Array[], maxMutations = 4): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: maxMutations }))
    .map(([seed, mutations]) => mutations.reduce(apply, seed));
}

/**
 * Text input for an API that takes base64 (a string, or its bytes as a Uint8Array): mostly valid
 * base64 of mutated seeds, also random bytes, random text, mutated base64 text, the seeds as-is.
 */
export function base64Input(seeds: readonly Uint8Array[], maxRandom = 300): fc.Arbitrary<string | Uint8Array> {
  const texts = seeds.map((seed) => new TextEncoder().encode(toBase64(seed)));
  return fc.oneof(
    { weight: 6, arbitrary: mutatedFrom(seeds).map(toBase64) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: maxRandom }).map(toBase64) },
    { weight: 1, arbitrary: fc.string({ maxLength: 120 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 120 }) },
    { weight: 1, arbitrary: mutatedFrom(texts, 2) },
    { weight: 1, arbitrary: fc.constantFrom(...seeds).map(toBase64) },
  );
}

/** A base64 seed's bytes: seeds are often libolm's output. */
export function seedOf(base64: string): Uint8Array {
  return fromBase64(base64);
}

/** Lengths that matter to AES-CBC, varints and buffers. */
export const interestingLength = fc.oneof(
  fc.constantFrom(0, 1, 5, 15, 16, 17, 31, 32, 33, 48, 63, 64, 127, 128, 129, 1025),
  fc.nat({ max: 400 }),
);

/** Values that matter to 32- and 64-bit varint and length decoding. */
export const interestingNumber: fc.Arbitrary<bigint> = fc.oneof(
  fc.constantFrom(
    0n,
    1n,
    127n,
    128n,
    2n ** 31n - 1n,
    2n ** 31n,
    2n ** 32n - 1n,
    2n ** 32n,
    2n ** 32n + 5n,
    2n ** 40n,
    2n ** 40n + 16n,
    2n ** 63n,
    2n ** 64n - 1n,
    2n ** 64n,
    2n ** 70n,
  ),
  fc.bigInt({ min: 0n, max: 2n ** 64n }),
  fc.nat({ max: 5000 }).map(BigInt),
);
