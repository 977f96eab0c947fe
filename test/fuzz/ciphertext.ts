// How a sender fuzzer picks a ciphertext: a real encryption, random bytes of an interesting length
// (not whole AES blocks, empty, 1025 ...), or a real one cut short or extended.
import fc from 'fast-check';
import { concat } from '../hostile/bytes.js';
import { interestingLength } from './mutate.js';

export type CiphertextPlan =
  | { kind: 'encrypt'; plaintext: Uint8Array }
  | { kind: 'random'; bytes: Uint8Array }
  | { kind: 'cut'; plaintext: Uint8Array; by: number };

export const ciphertextPlan: fc.Arbitrary<CiphertextPlan> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('encrypt' as const), plaintext: fc.uint8Array({ maxLength: 80 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('random' as const),
      bytes: interestingLength.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('cut' as const),
      plaintext: fc.uint8Array({ maxLength: 80 }),
      by: fc.integer({ min: -20, max: 20 }),
    }),
  },
);

export function ciphertextOf(plan: CiphertextPlan, encrypt: (plaintext: Uint8Array) => Uint8Array): Uint8Array {
  switch (plan.kind) {
    case 'encrypt':
      return encrypt(plan.plaintext);
    case 'random':
      return plan.bytes;
    case 'cut': {
      const full = encrypt(plan.plaintext);
      return plan.by <= 0
        ? full.subarray(0, Math.max(0, full.byteLength + plan.by))
        : concat(full, new Uint8Array(plan.by).fill(0xa5));
    }
  }
}
