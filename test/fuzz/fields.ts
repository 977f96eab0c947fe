// Structure-aware protobuf mutations: a message's fields dropped, duplicated, swapped, retagged,
// unknown ones inserted, varints and length prefixes replaced by any value (2^32, 2^40, ...),
// padded (non-minimal) or truncated.
import fc from 'fast-check';
import type { Field } from '../hostile/protobuf.js';
import { truncatedVarint } from '../hostile/protobuf.js';
import { interestingNumber } from './mutate.js';

type FieldOp =
  | { op: 'drop'; i: number }
  | { op: 'duplicate'; i: number }
  | { op: 'swap'; i: number; j: number }
  | { op: 'unknown'; i: number; tag: number; value: Uint8Array }
  | { op: 'retag'; i: number; tag: number }
  | { op: 'number'; i: number; value: bigint; minBytes: number }
  | { op: 'pad'; i: number; minBytes: number }
  | { op: 'truncatedLength'; i: number }
  | { op: 'raw'; i: number; bytes: Uint8Array };

const index = fc.nat({ max: 16 });
const minBytes = fc.integer({ min: 1, max: 12 });
const anyTag = fc.oneof(fc.constantFrom(0o10, 0o12, 0o20, 0o22, 0o32, 0o42, 0o30, 0o52, 0o11, 0o13, 0o15), fc.nat({ max: 255 }));

export const fieldOp: fc.Arbitrary<FieldOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('drop' as const), i: index }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('duplicate' as const), i: index }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swap' as const), i: index, j: index }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('unknown' as const), i: index, tag: anyTag, value: fc.uint8Array({ maxLength: 20 }) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('retag' as const), i: index, tag: anyTag }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('number' as const), i: index, value: interestingNumber, minBytes }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('pad' as const), i: index, minBytes }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncatedLength' as const), i: index }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('raw' as const), i: index, bytes: fc.uint8Array({ maxLength: 12 }) }) },
);

/** `number` sets a varint field's value or a length-delimited field's length prefix. */
function applyOp(fields: Field[], op: FieldOp): Field[] {
  if (fields.length === 0)
    return op.op === 'unknown' || op.op === 'raw' ? applyOp([{ kind: 'raw', bytes: new Uint8Array(0) }], op) : fields;
  const i = op.i % fields.length;
  const out = fields.slice();
  const target = out[i]!;
  switch (op.op) {
    case 'drop':
      out.splice(i, 1);
      break;
    case 'duplicate':
      out.splice(i, 0, target);
      break;
    case 'swap': {
      const j = op.j % fields.length;
      out[i] = out[j]!;
      out[j] = target;
      break;
    }
    case 'unknown':
      out.splice(
        i,
        0,
        (op.tag & 7) === 2
          ? { kind: 'bytes', tag: op.tag, value: op.value }
          : { kind: 'varint', tag: op.tag, value: BigInt(op.value.byteLength) },
      );
      break;
    case 'retag':
      if (target.kind !== 'raw') out[i] = { ...target, tag: op.tag };
      break;
    case 'number':
      if (target.kind === 'varint') out[i] = { ...target, value: op.value, minBytes: op.minBytes };
      if (target.kind === 'bytes') out[i] = { ...target, length: op.value, minLengthBytes: op.minBytes };
      break;
    case 'pad':
      if (target.kind === 'varint') out[i] = { ...target, minBytes: op.minBytes };
      if (target.kind === 'bytes') out[i] = { ...target, minLengthBytes: op.minBytes };
      break;
    case 'truncatedLength':
      if (target.kind === 'bytes') out[i] = { ...target, rawLength: truncatedVarint(target.length ?? target.value.byteLength) };
      if (target.kind === 'varint')
        out[i] = { kind: 'raw', bytes: new Uint8Array([target.tag, ...truncatedVarint(target.value)]) };
      break;
    case 'raw':
      out.splice(i, 0, { kind: 'raw', bytes: op.bytes });
      break;
  }
  return out;
}

export function applyFieldOps(fields: Field[], ops: readonly FieldOp[]): Field[] {
  return ops.reduce(applyOp, fields);
}

/** Zero to three field operations: zero keeps the message well-formed (only its ciphertext varies). */
export const fieldOps = fc.array(fieldOp, { maxLength: 3 });
