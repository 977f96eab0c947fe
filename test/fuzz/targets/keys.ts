// PK decrypt and key import, ed25519 verify, SAS, and the other entry points that take a key from
// outside (Session.createOutbound, PkEncryption.create, PkSigning.fromSeed).
import fc from 'fast-check';
import type { Olm, PkMessage } from '../../../dist/api/library.js';
import { fromBase64, toBase64, utf8 } from '../../hostile/bytes.js';
import { olmPair } from '../../hostile/olm-pair.js';
import { deterministicBytes, ed25519FromSeed, x25519Public } from '../../hostile/primitives.js';
import { base64Input } from '../mutate.js';
import { defineTarget, using, type FuzzTarget } from '../target.js';

const PK_PRIVATE = deterministicBytes('fuzz/pk', 32);
const PK_PUBLIC = x25519Public(PK_PRIVATE);
const CURVE_KEYS = [PK_PUBLIC, x25519Public(deterministicBytes('fuzz/curve', 32))];

/** A PK message to PK_PUBLIC, made with the given backend (its ephemeral key is random). */
function pkSeed(olm: Olm): PkMessage {
  return using(olm.PkEncryption.create(toBase64(PK_PUBLIC)), (encryption) => encryption.encrypt('a PK message to fuzz'));
}

function pkDecrypt(seed: PkMessage): FuzzTarget {
  const part = (text: string, weight: number): fc.Arbitrary<string | Uint8Array> =>
    fc.oneof({ weight, arbitrary: fc.constant(text) }, { weight: 1, arbitrary: base64Input([fromBase64(text)], 80) });
  return defineTarget({
    name: 'pk-decrypt',
    arbitrary: fc.record({
      ephemeral: part(seed.ephemeral, 3),
      mac: part(seed.mac, 3),
      ciphertext: part(seed.ciphertext, 1),
    }),
    prepare(olm) {
      const decryption = olm.PkDecryption.fromPrivateKey(PK_PRIVATE);
      return (message: { ephemeral: string | Uint8Array; mac: string | Uint8Array; ciphertext: string | Uint8Array }) =>
        decryption.decryptBytes(message as PkMessage);
    },
  });
}

const signer = ed25519FromSeed(deterministicBytes('fuzz/ed25519', 32));
const signedMessage = utf8('{"signed":"json"}');
const signature = signer.sign(signedMessage);

const ed25519Verify = defineTarget({
  name: 'ed25519-verify',
  arbitrary: fc.record({
    key: fc.oneof(
      { weight: 3, arbitrary: fc.constant<string | Uint8Array>(toBase64(signer.publicKey)) },
      { weight: 2, arbitrary: base64Input([signer.publicKey], 48) },
    ),
    message: fc.oneof(
      { weight: 3, arbitrary: fc.constant<string | Uint8Array>(signedMessage) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    ),
    signature: fc.oneof(
      { weight: 2, arbitrary: fc.constant<string | Uint8Array>(toBase64(signature)) },
      { weight: 3, arbitrary: base64Input([signature], 96) },
    ),
  }),
  prepare(olm) {
    const utility = olm.Utility.create();
    return ({ key, message, signature: sig }) => utility.ed25519Verify(key, message, sig);
  },
});

// The SAS key pair is random per backend: only the verdicts and output lengths can be compared.
const sas = defineTarget({
  name: 'sas',
  arbitrary: fc.record({
    theirKey: base64Input(CURVE_KEYS, 48),
    info: fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 })),
    input: fc.oneof(fc.string({ maxLength: 60 }), fc.uint8Array({ maxLength: 60 })),
    length: fc.oneof(fc.nat({ max: 64 }), fc.constantFrom(8159, 8160, 8161, 2 ** 32, -1, 0.5)),
  }),
  prepare(olm) {
    // One SAS per backend: setTheirKey replaces the key (and its shared secret) each time.
    const s = olm.Sas.create();
    return ({ theirKey, info, input, length }) => {
      s.setTheirKey(theirKey);
      return [
        s.calculateMac(input, info).length,
        s.calculateMacFixedBase64(input, info).length,
        s.calculateMacLongKdf(input, info).length,
        s.generateBytes(info, length).length,
      ];
    };
  },
});

const pair = olmPair();

type KeyOp = 'createOutbound' | 'pkEncryption' | 'pkFromPrivateKey' | 'pkSigningSeed';

// Results with randomness in them (sessions, PK encryption) are compared by verdict only.
const keys = defineTarget({
  name: 'keys',
  arbitrary: fc.record({
    op: fc.constantFrom<KeyOp>('createOutbound', 'pkEncryption', 'pkFromPrivateKey', 'pkSigningSeed'),
    key: base64Input(CURVE_KEYS, 48),
    otherKey: fc.oneof(fc.constant<string | Uint8Array>(toBase64(CURVE_KEYS[1]!)), base64Input(CURVE_KEYS, 48)),
    raw: fc.oneof(
      { weight: 3, arbitrary: fc.uint8Array({ minLength: 32, maxLength: 32 }) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }) },
    ),
  }),
  prepare(olm) {
    const account = olm.Account.unpickle(pair.bobAccount, pair.pickleKey);
    return ({ op, key, otherKey, raw }) => {
      switch (op) {
        case 'createOutbound':
          return using(olm.Session.createOutbound(account, key, otherKey), (s) => s.encrypt('x').type);
        case 'pkEncryption':
          return using(olm.PkEncryption.create(key), (e) => e.encrypt('x').ciphertext.length);
        case 'pkFromPrivateKey':
          return using(olm.PkDecryption.fromPrivateKey(raw), (d) => [d.publicKey, d.privateKey]);
        case 'pkSigningSeed':
          return using(olm.PkSigning.fromSeed(raw), (s) => [s.publicKey, s.sign('message')]);
      }
    };
  },
});

export function keyTargets(seedBackend: Olm): FuzzTarget[] {
  return [pkDecrypt(pkSeed(seedBackend)), ed25519Verify, sas, keys];
}
