// Megolm: decrypt from random and mutated bytes and from the hostile sender's MAC-valid, signed
// messages; InboundGroupSession.create (signed session key) and import (export), mutated and
// re-signed.
import fc from 'fast-check';
import type { InboundGroupSession } from '../../../dist/api/library.js';
import { concat, fromBase64, toBase64, u32be, utf8 } from '../../hostile/bytes.js';
import { MegolmSender } from '../../hostile/megolm-sender.js';
import { TAG } from '../../hostile/protobuf.js';
import { ciphertextOf, ciphertextPlan } from '../ciphertext.js';
import { applyFieldOps, fieldOps } from '../fields.js';
import { base64Input, mutatedFrom } from '../mutate.js';
import { defineTarget, using, type FuzzTarget } from '../target.js';

const sender = new MegolmSender();
const seeds = [
  sender.messageBytes({ index: 0, plaintext: utf8('hello group') }),
  sender.messageBytes({ index: 5, plaintext: utf8('sixth') }),
];

const megolmDecrypt = defineTarget({
  name: 'megolm-decrypt',
  arbitrary: base64Input(seeds),
  prepare(olm) {
    const inbound = olm.InboundGroupSession.create(sender.sessionKey());
    return (message: string | Uint8Array) => inbound.decryptBytes(message);
  },
});

const INDICES = [0, 1, 2, 255, 256, 65_535, 65_536, 2 ** 24 + 3] as const;

const megolmSenderTarget = defineTarget({
  name: 'megolm-sender',
  arbitrary: fc
    .record({
      index: fc.constantFrom(...INDICES),
      ciphertext: ciphertextPlan,
      ops: fieldOps,
      version: fc.oneof(
        { weight: 8, arbitrary: fc.constant(3) },
        { weight: 1, arbitrary: fc.constantFrom(0, 1, 2, 4, 0x83, 255) },
      ),
    })
    .map(({ index, ciphertext, ops, version }) =>
      sender.message({
        index,
        version,
        ciphertext: ciphertextOf(ciphertext, (plaintext) => sender.encryptAt(index, plaintext)),
        fields: (bytes, i) =>
          applyFieldOps(
            [
              { kind: 'varint', tag: TAG.messageIndex, value: i },
              { kind: 'bytes', tag: TAG.groupCiphertext, value: bytes },
            ],
            ops,
          ),
      }),
    ),
  prepare(olm) {
    const inbound = olm.InboundGroupSession.create(sender.sessionKey());
    return (message: string) => inbound.decryptBytes(message);
  },
});

const U32S = [0, 1, 2, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff] as const;

/** A session key or export with mutated fields (version, index, length), signed or not. */
const sessionKeyBytes = fc
  .record({
    version: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(1, 2) }, { weight: 1, arbitrary: fc.nat({ max: 255 }) }),
    index: fc.oneof(fc.constantFrom(...U32S), fc.nat({ max: 1000 })),
    cut: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -200, max: 40 }) }),
    signature: fc.constantFrom('valid', 'none', 'zero'),
  })
  .map(({ version, index, cut, signature }) => {
    const ratchet = sender.ratchetAt(0).data;
    let body = concat(new Uint8Array([version]), u32be(index), ratchet, sender.signing.publicKey);
    body = cut <= 0 ? body.subarray(0, body.byteLength + cut) : concat(body, new Uint8Array(cut).fill(7));
    if (signature === 'none') return body;
    return concat(body, signature === 'valid' ? sender.signing.sign(body) : new Uint8Array(64));
  });

function describeSession(session: InboundGroupSession): unknown {
  const index = session.firstKnownIndex;
  return [session.sessionId, index, session.isVerified, session.export(index)];
}

const megolmSessionKey = defineTarget({
  name: 'megolm-session-key',
  arbitrary: fc.record({
    mode: fc.constantFrom('create', 'import'),
    key: fc.oneof(
      { weight: 3, arbitrary: sessionKeyBytes.map(toBase64) },
      { weight: 2, arbitrary: base64Input([fromBase64(sender.sessionKey()), fromBase64(sender.exportedKey())]) },
      { weight: 1, arbitrary: mutatedFrom([fromBase64(sender.sessionKey(3))]).map(toBase64) },
    ),
  }),
  prepare(olm) {
    return ({ mode, key }) =>
      using(mode === 'create' ? olm.InboundGroupSession.create(key) : olm.InboundGroupSession.import(key), describeSession);
  },
});

export const MEGOLM_TARGETS: FuzzTarget[] = [megolmDecrypt, megolmSenderTarget, megolmSessionKey];
