// load({ insecureSeed }): reproducible runs for test harnesses. One seed and the same calls give
// byte-identical keys, sessions, ciphertexts and pickles, run after run and across backends; the
// generator is ChaCha20 with key erasure (native/crypto/drbg.c), checked here against Node's own
// ChaCha20; the checked-in vectors are decrypted by @matrix-org/olm.
import { createCipheriv } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { init, load, type BackendName, type Olm } from '../dist/node.js';
import { BACKENDS, loadReference, type Reference } from './backends.js';

const SEED = Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 1);

/** The generator as specified, from OpenSSL's ChaCha20 (16-byte IV: block counter, then nonce). */
function expectedStream(seed: Uint8Array, requests: readonly number[]): Uint8Array[] {
  let key = Buffer.from(seed);
  return requests.map((length) => {
    const cipher = createCipheriv('chacha20', key, Buffer.alloc(16));
    const stream = cipher.update(Buffer.alloc(32 + length));
    key = stream.subarray(0, 32);
    return new Uint8Array(stream.subarray(32));
  });
}

/** One run of every kind of object that takes randomness, recorded as strings. */
function transcript(olm: Olm): Record<string, unknown> {
  const alice = olm.Account.create();
  const bob = olm.Account.create();
  bob.generateOneTimeKeys(2);
  const [bobOneTimeKey] = Object.values(bob.oneTimeKeys);
  bob.generateFallbackKey();
  // Bob as he published his keys: the reference opens Alice's first message with this pickle.
  const bobPickle = bob.pickle('pickle key');
  const outbound = olm.Session.createOutbound(alice, bob.identityKeys.curve25519, bobOneTimeKey!);
  const first = outbound.encrypt('hello Bob');
  const inbound = olm.Session.createInbound(bob, first.body);
  bob.removeOneTimeKeys(inbound);
  expect(inbound.decrypt(first.type, first.body)).toBe('hello Bob');
  const reply = inbound.encrypt('hello Alice');
  expect(outbound.decrypt(reply.type, reply.body)).toBe('hello Alice');

  const group = olm.OutboundGroupSession.create();
  const groupKey = group.sessionKey;
  const groupMessages = [group.encrypt('hello room'), group.encrypt('again')];

  const recipient = olm.PkDecryption.create();
  const pkMessage = olm.PkEncryption.create(recipient.publicKey).encrypt('hello PK');
  const signingSeed = olm.PkSigning.generateSeed();
  const signing = olm.PkSigning.fromSeed(signingSeed);

  const sasA = olm.Sas.create();
  const sasB = olm.Sas.create();
  sasA.setTheirKey(sasB.publicKey);
  sasB.setTheirKey(sasA.publicKey);
  const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
  return {
    alice: { identityKeys: alice.identityKeys, pickle: alice.pickle('pickle key') },
    bob: {
      identityKeys: bob.identityKeys,
      fallbackKey: bob.fallbackKey,
      pickle: bobPickle,
      pickleAfter: bob.pickle('pickle key'),
    },
    olm: { sessionId: outbound.sessionId, first, reply, alicePickle: outbound.pickle('pickle key') },
    megolm: { sessionId: group.sessionId, sessionKey: groupKey, messages: groupMessages, pickle: group.pickle('pickle key') },
    pk: { privateKey: hex(recipient.privateKey), publicKey: recipient.publicKey, message: pkMessage },
    signing: { seed: hex(signingSeed), publicKey: signing.publicKey, signature: signing.sign('signed') },
    sas: {
      publicKeys: [sasA.publicKey, sasB.publicKey],
      bytes: hex(sasA.generateBytes('SAS', 6)),
      mac: sasA.calculateMac('input', 'info'),
      macFromB: sasB.calculateMac('input', 'info'),
    },
  };
}

const seeded = (backend: BackendName, seed = SEED): Promise<Olm> => load({ backend, insecureSeed: seed });

describe.each(BACKENDS)('seeded instances on %s', (backend) => {
  it('draw ChaCha20 keystream with key erasure, as specified', async () => {
    const olm = await seeded(backend);
    // PkSigning.generateSeed hands out exactly one request's bytes.
    const drawn = [olm.PkSigning.generateSeed(), olm.PkSigning.generateSeed(), olm.PkSigning.generateSeed()];
    expect(drawn).toEqual(expectedStream(SEED, [32, 32, 32]));
  });

  it('give the same transcript from the same seed, and another from another seed', async () => {
    const one = transcript(await seeded(backend));
    expect(transcript(await seeded(backend))).toEqual(one);
    const other = transcript(
      await seeded(
        backend,
        Uint8Array.from(SEED, (b) => b ^ 1),
      ),
    );
    expect(other['alice']).not.toEqual(one['alice']);
    expect(other['megolm']).not.toEqual(one['megolm']);
  });

  it('say that they are seeded; the default instance is not', async () => {
    const olm = await seeded(backend);
    expect(olm.deterministic).toBe(true);
    expect(String(olm)).toBe(`olm-universal ${backend} (libolm 3.2.13, insecure: seeded)`);
    const normal = await load({ backend });
    expect(normal.deterministic).toBe(false);
    expect(String(normal)).toBe(`olm-universal ${backend} (libolm 3.2.13)`);
    // Seeded objects live beside the default instance's, which stay random.
    expect(normal.PkSigning.generateSeed()).not.toEqual(normal.PkSigning.generateSeed());
  });

  it('refuse bad seeds, and are never reached through init()', async () => {
    await expect(load({ backend, insecureSeed: new Uint8Array(31) })).rejects.toThrow(RangeError);
    await expect(load({ backend, insecureSeed: 'seed' as unknown as Uint8Array })).rejects.toThrow(TypeError);
    await expect(init({ backend, insecureSeed: SEED } as Parameters<typeof init>[0])).rejects.toThrow(/never takes insecureSeed/);
  });
});

describe('seeded vectors', () => {
  let reference: Reference;
  let vectors: ReturnType<typeof transcript>;
  beforeAll(async () => {
    reference = await loadReference();
    vectors = transcript(await seeded('native'));
  });

  it('are the same on both backends and match the checked-in file', async () => {
    expect(transcript(await seeded('wasm'))).toEqual(vectors);
    await expect(`${JSON.stringify(vectors, null, 2)}\n`).toMatchFileSnapshot('./vectors/seeded-transcript.json');
  });

  it('are decrypted by @matrix-org/olm', () => {
    const v = vectors as {
      bob: { pickle: string };
      olm: { first: { type: number; body: string } };
      megolm: { sessionKey: string; messages: string[] };
      pk: { privateKey: string; message: { ciphertext: string; mac: string; ephemeral: string } };
    };
    const bob = new reference.Account();
    bob.unpickle('pickle key', v.bob.pickle);
    const inbound = new reference.Session();
    inbound.create_inbound(bob, v.olm.first.body);
    expect(inbound.decrypt(v.olm.first.type, v.olm.first.body)).toBe('hello Bob');

    const group = new reference.InboundGroupSession();
    group.create(v.megolm.sessionKey);
    expect(v.megolm.messages.map((message) => group.decrypt(message).plaintext)).toEqual(['hello room', 'again']);

    const pk = new reference.PkDecryption();
    pk.init_with_private_key(Uint8Array.from(Buffer.from(v.pk.privateKey, 'hex')));
    expect(pk.decrypt(v.pk.message.ephemeral, v.pk.message.mac, v.pk.message.ciphertext)).toBe('hello PK');
  });
});
