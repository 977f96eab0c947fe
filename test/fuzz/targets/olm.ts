// Olm: decrypt (types 0 and 1), inbound session creation and matching (with and without From),
// from random and mutated bytes and from the hostile sender's MAC-valid messages.
import fc from 'fast-check';
import type { Account, Olm, Session } from '../../../dist/api/library.js';
import { fromBase64, toBase64, utf8 } from '../../hostile/bytes.js';
import { OlmSender } from '../../hostile/olm-sender.js';
import { olmPair } from '../../hostile/olm-pair.js';
import { TAG, type Field } from '../../hostile/protobuf.js';
import { aesCbcEncrypt } from '../../hostile/primitives.js';
import { ciphertextOf, ciphertextPlan, type CiphertextPlan } from '../ciphertext.js';
import { applyFieldOps, fieldOps } from '../fields.js';
import { base64Input, mutatedFrom } from '../mutate.js';
import { defineTarget, using, type FuzzTarget } from '../target.js';

const pair = olmPair();
const sender = new OlmSender(pair.aliceSession, pair.pickleKey);
const firstPreKey = sender.preKeyMessage({ plaintext: utf8('hello Bob') });
const seeds = [fromBase64(firstPreKey), sender.messageBytes({ counter: 1, plaintext: utf8('second message') })];

/** Bob's account and his session from the sender's first pre-key message, on one backend. */
class Bob {
  readonly account: Account;
  #session: Session;
  readonly #pickle: string;
  /** Set after a decrypt that succeeded (it moved the ratchet): the next input gets a fresh copy. */
  dirty = false;

  constructor(readonly olm: Olm) {
    this.account = olm.Account.unpickle(pair.bobAccount, pair.pickleKey);
    this.#session = olm.Session.createInbound(this.account, firstPreKey);
    this.#session.decryptBytes(0, firstPreKey);
    this.#pickle = this.#session.pickle(pair.pickleKey);
  }

  get session(): Session {
    if (this.dirty) {
      this.#session.free();
      this.#session = this.olm.Session.unpickle(this.#pickle, pair.pickleKey);
      this.dirty = false;
    }
    return this.#session;
  }

  decrypt(type: 0 | 1, body: string | Uint8Array): Uint8Array {
    const plaintext = this.session.decryptBytes(type, body);
    this.dirty = true;
    return plaintext;
  }
}

type InboundOp = 'create' | 'createFrom' | 'matches' | 'matchesFrom';

/** The four inbound entry points on one pre-key message; create* also decrypt it. */
function inbound(bob: Bob, op: InboundOp, identityKey: string | Uint8Array, message: string | Uint8Array): unknown {
  const { olm, account } = bob;
  switch (op) {
    case 'create':
      return using(olm.Session.createInbound(account, message), (s) => [s.sessionId, s.decryptBytes(0, message)]);
    case 'createFrom':
      return using(olm.Session.createInboundFrom(account, identityKey, message), (s) => [
        s.sessionId,
        s.decryptBytes(0, message),
      ]);
    case 'matches':
      return bob.session.matchesInbound(message);
    case 'matchesFrom':
      return bob.session.matchesInboundFrom(identityKey, message);
  }
}

const inboundOp = fc.constantFrom<InboundOp>('create', 'createFrom', 'matches', 'matchesFrom');
const identityKey = fc.oneof(
  { weight: 4, arbitrary: fc.constant(pair.aliceIdentityKey) },
  { weight: 1, arbitrary: base64Input([fromBase64(pair.aliceIdentityKey)], 40) },
);

const olmDecrypt = defineTarget({
  name: 'olm-decrypt',
  arbitrary: fc.record({ type: fc.constantFrom<0 | 1>(0, 1), body: base64Input(seeds) }),
  prepare(olm) {
    const bob = new Bob(olm);
    return ({ type, body }) => bob.decrypt(type, body);
  },
});

const olmInbound = defineTarget({
  name: 'olm-inbound',
  arbitrary: fc.record({ op: inboundOp, identityKey, message: base64Input(seeds) }),
  prepare(olm) {
    const bob = new Bob(olm);
    return ({ op, identityKey: key, message }) => inbound(bob, op, key, message);
  },
});

interface NormalPlan {
  counter: number;
  ciphertext: CiphertextPlan;
  ratchetKey: Uint8Array | null;
  ops: Parameters<typeof applyFieldOps>[1];
  version: number;
}

const normalPlan: fc.Arbitrary<NormalPlan> = fc.record({
  counter: fc.constantFrom(0, 1, 2, 3, 10, 40),
  ciphertext: ciphertextPlan,
  ratchetKey: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }) }),
  ops: fieldOps,
  version: fc.oneof({ weight: 8, arbitrary: fc.constant(3) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 2, 4, 0x83, 255) }),
});

/** A MAC-valid normal message built from a plan. */
function normalMessage(plan: NormalPlan): Uint8Array {
  const keys = sender.keysAt(plan.counter);
  return sender.messageBytes({
    counter: plan.counter,
    version: plan.version,
    ciphertext: ciphertextOf(plan.ciphertext, (plaintext) => aesCbcEncrypt(keys, plaintext)),
    fields: (ciphertext, counter): Field[] =>
      applyFieldOps(
        [
          { kind: 'bytes', tag: TAG.ratchetKey, value: plan.ratchetKey ?? sender.ratchetKey },
          { kind: 'varint', tag: TAG.counter, value: counter },
          { kind: 'bytes', tag: TAG.ciphertext, value: ciphertext },
        ],
        plan.ops,
      ),
  });
}

const olmSenderNormal = defineTarget({
  name: 'olm-sender-normal',
  arbitrary: normalPlan.filter((plan) => plan.counter > 0).map((plan) => toBase64(normalMessage(plan))),
  prepare(olm) {
    const bob = new Bob(olm);
    return (message: string) => bob.decrypt(1, message);
  },
});

const preKeyPlan = fc.record({
  inner: normalPlan,
  ops: fieldOps,
  keys: fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.array(mutatedFrom([sender.oneTimeKey, sender.baseKey, sender.identityKey], 2), {
        minLength: 3,
        maxLength: 3,
      }),
    },
  ),
  version: fc.oneof({ weight: 8, arbitrary: fc.constant(3) }, { weight: 1, arbitrary: fc.constantFrom(0, 2, 4, 255) }),
});

const olmSenderPreKey = defineTarget({
  name: 'olm-sender-prekey',
  arbitrary: fc.record({
    op: inboundOp,
    identityKey,
    message: preKeyPlan.map(({ inner, ops, keys, version }) => {
      const [oneTimeKey, baseKey, identity] = keys ?? [sender.oneTimeKey, sender.baseKey, sender.identityKey];
      const bytes = sender.preKeyBytes(normalMessage(inner), {
        version,
        fields: (message) =>
          applyFieldOps(
            [
              { kind: 'bytes', tag: TAG.oneTimeKey, value: oneTimeKey! },
              { kind: 'bytes', tag: TAG.baseKey, value: baseKey! },
              { kind: 'bytes', tag: TAG.identityKey, value: identity! },
              { kind: 'bytes', tag: TAG.message, value: message },
            ],
            ops,
          ),
      });
      return toBase64(bytes);
    }),
  }),
  prepare(olm) {
    const bob = new Bob(olm);
    return ({ op, identityKey: key, message }) => inbound(bob, op, key, message);
  },
});

export const OLM_TARGETS: FuzzTarget[] = [olmDecrypt, olmInbound, olmSenderNormal, olmSenderPreKey];
