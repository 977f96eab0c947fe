// Every unpickle: random bytes, pickles under a wrong key, and structure-aware mutations of each
// object's pickle (fields set to edge values, dropped, duplicated, list counts changed, trailing
// bytes) re-encrypted under the pickle key, so they pass the MAC and reach libolm's parsers.
import fc from 'fast-check';
import type { Olm } from '../../../dist/api/library.js';
import { concat, fromBase64, u32be } from '../../hostile/bytes.js';
import { olmPair } from '../../hostile/olm-pair.js';
import {
  decryptPickle,
  encryptPickle,
  parsePickle,
  serializePickle,
  type PickleField,
  type PickleKind,
} from '../../hostile/pickle.js';
import { deterministicBytes, x25519Public } from '../../hostile/primitives.js';
import { base64Input } from '../mutate.js';
import { defineTarget, using, type FuzzTarget } from '../target.js';

const pair = olmPair();
const KEY = pair.pickleKey;

function committed(pickle: string): Uint8Array {
  const raw = decryptPickle(pickle, KEY);
  if (raw === null) throw new Error('olm-pair.json does not decrypt');
  return raw;
}

/** Fixed raw pickles of every kind: committed ones, or built from deterministic bytes. */
function sources(): Record<PickleKind, Uint8Array[]> {
  const bytes = (label: string, length: number): Uint8Array => deterministicBytes(`pickle/${label}`, length);
  const megolm = (label: string, counter: number): Uint8Array => concat(bytes(label, 128), u32be(counter));
  const pkPrivate = bytes('pk', 32);
  return {
    account: [committed(pair.bobAccount)],
    session: [committed(pair.aliceSession)],
    'outbound-group': [concat(u32be(1), megolm('out', 7), bytes('ed-public', 32), bytes('ed-private', 64))],
    'inbound-group': [
      concat(u32be(2), megolm('in', 3), megolm('in', 9), bytes('ed-public', 32), new Uint8Array([1])),
      concat(u32be(1), megolm('in', 0), megolm('in', 0), bytes('ed-public', 32)),
    ],
    'pk-decryption': [concat(u32be(1), x25519Public(pkPrivate), pkPrivate)],
  };
}

type PickleOp =
  | { op: 'u32'; i: number; value: number }
  | { op: 'byte'; i: number; value: number }
  | { op: 'flip'; i: number; at: number }
  | { op: 'drop'; i: number }
  | { op: 'duplicate'; i: number }
  | { op: 'trailing'; bytes: Uint8Array }
  | { op: 'cut'; by: number };

const U32S = [0, 1, 2, 3, 4, 5, 40, 41, 50, 51, 100, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff];
const field = fc.nat({ max: 400 });

const pickleOp: fc.Arbitrary<PickleOp> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('u32' as const), i: field, value: fc.oneof(fc.constantFrom(...U32S), fc.nat()) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('byte' as const), i: field, value: fc.constantFrom(0, 1, 2, 3, 255) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('flip' as const), i: field, at: fc.nat({ max: 127 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('drop' as const), i: field }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), i: field }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('trailing' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 200 }) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cut' as const), by: fc.integer({ min: 1, max: 64 }) }) },
);

function applyPickleOp(fields: PickleField[], op: PickleOp): PickleField[] {
  const out = fields.slice();
  if (op.op === 'trailing') return [...out, { name: 'extra', kind: 'bytes', bytes: op.bytes }];
  if (op.op === 'cut') {
    const raw = serializePickle(out);
    return [{ name: 'cut', kind: 'bytes', bytes: raw.subarray(0, Math.max(0, raw.byteLength - op.by)) }];
  }
  if (out.length === 0) return out;
  // u32 and byte ops aim at fields of their kind: counts, versions, indices, flags.
  const candidates =
    op.op === 'u32'
      ? out.filter((f) => f.kind === 'u32')
      : op.op === 'byte'
        ? out.filter((f) => f.kind !== 'bytes' && f.kind !== 'u32')
        : out;
  const target = candidates[op.i % Math.max(1, candidates.length)];
  if (target === undefined) return out;
  const i = out.indexOf(target);
  switch (op.op) {
    case 'u32':
      out[i] = { ...target, bytes: u32be(op.value) };
      break;
    case 'byte':
      out[i] = { ...target, bytes: new Uint8Array([op.value]) };
      break;
    case 'flip': {
      if (target.bytes.byteLength === 0) break;
      const bytes = target.bytes.slice();
      bytes[op.at % bytes.byteLength]! ^= 0x41;
      out[i] = { ...target, bytes };
      break;
    }
    case 'drop':
      out.splice(i, 1);
      break;
    case 'duplicate':
      out.splice(i, 0, target);
      break;
  }
  return out;
}

const UNPICKLE: Record<PickleKind, (olm: Olm, pickle: string | Uint8Array, key: string | Uint8Array) => unknown> = {
  account: (olm, p, k) => using(olm.Account.unpickle(p, k), (a) => [a.pickle(KEY), a.identityKeys, a.oneTimeKeys]),
  session: (olm, p, k) => using(olm.Session.unpickle(p, k), (s) => [s.pickle(KEY), s.sessionId, s.describe()]),
  'outbound-group': (olm, p, k) =>
    using(olm.OutboundGroupSession.unpickle(p, k), (s) => [s.pickle(KEY), s.messageIndex, s.sessionId]),
  'inbound-group': (olm, p, k) =>
    using(olm.InboundGroupSession.unpickle(p, k), (s) => [s.pickle(KEY), s.firstKnownIndex, s.isVerified, s.sessionId]),
  'pk-decryption': (olm, p, k) => using(olm.PkDecryption.unpickle(p, k), (d) => [d.pickle(KEY), d.publicKey]),
};

function unpickleTarget(kind: PickleKind): FuzzTarget {
  const raws = sources()[kind];
  const parsed = raws.map((raw) => parsePickle(kind, raw));
  const valid = raws.map((raw) => fromBase64(encryptPickle(raw, KEY)));
  const structured = fc
    .tuple(fc.constantFrom(...parsed), fc.array(pickleOp, { minLength: 1, maxLength: 4 }))
    .map(([fields, ops]) => encryptPickle(serializePickle(ops.reduce(applyPickleOp, fields)), KEY));
  return defineTarget({
    name: `unpickle-${kind}`,
    arbitrary: fc.record({
      pickle: fc.oneof(
        { weight: 6, arbitrary: structured },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((raw) => encryptPickle(raw, KEY)) },
        { weight: 2, arbitrary: base64Input(valid, 600) },
      ),
      key: fc.oneof(
        { weight: 8, arbitrary: fc.constant<string | Uint8Array>(KEY) },
        { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 })) },
      ),
    }),
    prepare(olm) {
      return ({ pickle, key }) => UNPICKLE[kind](olm, pickle, key);
    },
  });
}

export const PICKLE_TARGETS: FuzzTarget[] = (
  ['account', 'session', 'outbound-group', 'inbound-group', 'pk-decryption'] as const
).map(unpickleTarget);
