// olm-universal/compat against @matrix-org/olm itself: same module shape, same outputs for the
// same state (pickles made by one restore in the other, byte for byte), same error messages.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BACKENDS, loadReference, type Reference } from './backends.js';

type Compat = typeof import('../dist/compat/index.js').default;

/** A fresh instance of the compat module (it has one backend per process), initialised on `backend`. */
async function loadCompat(backend: string): Promise<Compat> {
  vi.resetModules();
  const { default: compat } = await import('../dist/compat/node.js');
  await compat.init({ backend: backend as 'native' | 'wasm' });
  return compat;
}

/** The message `fn` throws. */
function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return 'nothing thrown';
}

const KEY = 'pickle key';

interface Picklable {
  pickle(key: string): string;
  unpickle(key: string, pickle: string): unknown;
}

/** `from` restored from its pickle into a new `Class` object, which must pickle to the same string. */
function restored<T extends Picklable>(Class: new () => T, from: Picklable): T {
  const object = new Class();
  object.unpickle(KEY, from.pickle(KEY));
  expect(object.pickle(KEY)).toBe(from.pickle(KEY));
  return object;
}

describe.each(BACKENDS)('olm-universal/compat on %s vs @matrix-org/olm', (backend) => {
  let reference: Reference;
  let compat: Compat;
  // Both libraries, for checks written once against the reference's API.
  let both: [string, Reference][];
  beforeAll(async () => {
    reference = await loadReference();
    compat = await loadCompat(backend);
    both = [
      ['reference', reference],
      ['compat', compat as unknown as Reference],
    ];
  });

  it('has the same module shape, plus the backend', () => {
    expect(compat.backend).toBe(backend);
    for (const [name, value] of Object.entries(reference)) {
      expect(typeof (compat as Record<string, unknown>)[name], name).toBe(typeof value);
    }
    expect(Object.keys(compat).sort()).toEqual([...Object.keys(reference), 'backend'].sort());
    expect(compat.PRIVATE_KEY_LENGTH).toBe(reference.PRIVATE_KEY_LENGTH);
    expect(compat.get_library_version()).toEqual([3, 2, 13]); // the libolm we build; the reference is 3.2.15
    expect(reference.get_library_version()).toEqual([3, 2, 15]);
  });

  it('init() returns the first call’s promise, whatever it is asked later', async () => {
    const again = compat.init({ backend: backend === 'native' ? 'wasm' : 'native' });
    expect(again).toBe(compat.init());
    await again;
    expect(compat.backend).toBe(backend);
  });

  it('restores reference Account and Session pickles exactly: same keys JSON, same re-pickle', () => {
    const refAccount = new reference.Account();
    refAccount.create();
    refAccount.generate_one_time_keys(3);
    refAccount.generate_fallback_key();
    refAccount.generate_fallback_key(); // the first becomes the old one, for forget_old_fallback_key
    const account = restored(compat.Account, refAccount);
    const outputs = (a: Reference['Account']['prototype']) => [
      a.identity_keys(),
      a.one_time_keys(),
      a.fallback_key(),
      a.unpublished_fallback_key(),
      a.max_number_of_one_time_keys(),
      a.sign('message ☕'),
      a.pickle(KEY),
    ];
    expect(outputs(account as unknown as Reference['Account']['prototype'])).toEqual(outputs(refAccount));
    for (const a of [account, refAccount]) {
      a.mark_keys_as_published();
      a.forget_old_fallback_key();
    }
    expect(outputs(account as unknown as Reference['Account']['prototype'])).toEqual(outputs(refAccount));

    // Bob (compat) answers Alice (reference); then both sessions' pickles cross over.
    const bobKeys = JSON.parse(account.identity_keys());
    const otk = Object.values(JSON.parse(account.fallback_key()).curve25519)[0] as string;
    const alice = new reference.Session();
    alice.create_outbound(refAccount, bobKeys.curve25519, otk);
    const hello = alice.encrypt('hello ☕');
    const bob = new compat.Session();
    bob.create_inbound(account, hello.body);
    expect(bob.matches_inbound(hello.body)).toBe(true);
    expect(bob.decrypt(hello.type, hello.body)).toBe('hello ☕');
    // libolm reads every message type but 1 as a pre-key message; so do both here.
    const refBob = restored(reference.Account, account);
    for (const again of [new compat.Session(), new reference.Session()]) {
      again.create_inbound((again instanceof reference.Session ? refBob : account) as never, hello.body);
      expect(again.decrypt(2, hello.body)).toBe('hello ☕');
      again.free();
    }
    refBob.free();
    const reply = bob.encrypt('reply ☕');
    expect(alice.decrypt(reply.type, reply.body)).toBe('reply ☕');

    const bobAsReference = restored(reference.Session, bob);
    expect([bob.session_id(), bob.has_received_message(), bob.describe()]).toEqual([
      bobAsReference.session_id(),
      bobAsReference.has_received_message(),
      bobAsReference.describe(),
    ]);
    const aliceHere = restored(compat.Session, alice);
    const next = aliceHere.encrypt('from the restored session');
    expect(bobAsReference.decrypt(next.type, next.body)).toBe('from the restored session');

    const [util, refUtil] = [new compat.Utility(), new reference.Utility()];
    expect(util.sha256('abc ☕')).toBe(refUtil.sha256('abc ☕'));
    expect(util.sha256(new Uint8Array([0, 1, 2]))).toBe(refUtil.sha256(new Uint8Array([0, 1, 2])));
    util.ed25519_verify(bobKeys.ed25519, 'message ☕', account.sign('message ☕'));
    for (const object of [refAccount, account, alice, bob, bobAsReference, aliceHere, util, refUtil]) object.free();
  });

  it('restores reference Megolm pickles exactly, and the reference restores ours', () => {
    const refOut = new reference.OutboundGroupSession();
    refOut.create();
    refOut.encrypt('advance the ratchet');
    const refIn = new reference.InboundGroupSession();
    refIn.create(refOut.session_key());

    const out = restored(compat.OutboundGroupSession, refOut);
    expect([out.session_id(), out.session_key(), out.message_index()]).toEqual([
      refOut.session_id(),
      refOut.session_key(),
      refOut.message_index(),
    ]);
    const inbound = new compat.InboundGroupSession();
    inbound.unpickle(Uint8Array.from(Buffer.from(KEY)), refIn.pickle(KEY));
    expect(inbound.pickle(KEY)).toBe(refIn.pickle(KEY));
    expect(inbound.export_session(1)).toBe(refIn.export_session(1));
    expect([inbound.session_id(), inbound.first_known_index()]).toEqual([refIn.session_id(), refIn.first_known_index()]);

    const message = out.encrypt('from compat ☕');
    expect(refIn.decrypt(message)).toEqual({ plaintext: 'from compat ☕', message_index: 1 });
    expect(inbound.decrypt(refOut.encrypt('from reference ☕'))).toEqual({ plaintext: 'from reference ☕', message_index: 1 });

    const imported = new compat.InboundGroupSession();
    expect(imported.import_session(refIn.export_session(1))).toBeUndefined();
    expect(imported.decrypt(message)).toEqual({ plaintext: 'from compat ☕', message_index: 1 });
    for (const session of [refOut, refIn, out, inbound, imported]) session.free();
  });

  it('restores reference PK pickles exactly; keys, seeds and signatures agree', () => {
    const refDecryption = new reference.PkDecryption();
    const publicKey = refDecryption.generate_key();
    const decryption = new compat.PkDecryption();
    expect(decryption.unpickle(KEY, refDecryption.pickle(KEY))).toBe(publicKey);
    expect(decryption.pickle(KEY)).toBe(refDecryption.pickle(KEY));
    expect(decryption.get_private_key()).toEqual(refDecryption.get_private_key());
    const again = new compat.PkDecryption();
    expect(again.init_with_private_key(refDecryption.get_private_key())).toBe(publicKey);
    // Like libolm via the reference: a plain array works, and bytes past the key length are ignored.
    const longer = [...refDecryption.get_private_key(), 1, 2, 3] as unknown as Uint8Array;
    expect(again.init_with_private_key(longer)).toBe(new reference.PkDecryption().init_with_private_key(longer));
    expect(again.get_private_key()).toEqual(refDecryption.get_private_key());
    expect(() => again.init_with_private_key('not bytes' as unknown as Uint8Array)).toThrow(TypeError);

    const encryption = new compat.PkEncryption();
    encryption.set_recipient_key(publicKey);
    const message = encryption.encrypt('to reference ☕');
    expect(Object.keys(message)).toEqual(['ciphertext', 'mac', 'ephemeral']);
    expect(refDecryption.decrypt(message.ephemeral, message.mac, message.ciphertext)).toBe('to reference ☕');
    const refEncryption = new reference.PkEncryption();
    refEncryption.set_recipient_key(publicKey);
    const back = refEncryption.encrypt('from reference ☕');
    expect(decryption.decrypt(back.ephemeral, back.mac, back.ciphertext)).toBe('from reference ☕');

    const seed = new compat.PkSigning().generate_seed();
    expect(seed).toBeInstanceOf(Uint8Array);
    expect(seed.length).toBe(32);
    const [refSigning, signing] = [new reference.PkSigning(), new compat.PkSigning()];
    expect(signing.init_with_seed(seed)).toBe(refSigning.init_with_seed(seed));
    expect(signing.sign('message ☕')).toBe(refSigning.sign('message ☕')); // ed25519 is deterministic
    for (const object of [refDecryption, decryption, again, encryption, refEncryption, refSigning, signing]) object.free();
  });

  it('SAS agrees with the reference on bytes and every MAC', () => {
    const [alice, bob] = [new compat.SAS(), new reference.SAS()];
    expect(alice.is_their_key_set()).toBe(false);
    alice.set_their_key(bob.get_pubkey());
    bob.set_their_key(alice.get_pubkey());
    expect(alice.is_their_key_set()).toBe(true);
    expect(alice.generate_bytes('SAS', 6)).toEqual(bob.generate_bytes('SAS', 6));
    for (const mac of ['calculate_mac', 'calculate_mac_fixed_base64', 'calculate_mac_long_kdf'] as const) {
      expect(alice[mac]('input ☕', 'info'), mac).toBe(bob[mac]('input ☕', 'info'));
    }
    alice.free();
    bob.free();
  });

  it('decodes plaintext as the reference: invalid UTF-8 becomes U+FFFD, never an exception', async () => {
    const main = await import('../dist/node.js').then((m) => m.load({ backend }));
    const sender = main.OutboundGroupSession.create();
    const [ours, theirs] = [new compat.InboundGroupSession(), new reference.InboundGroupSession()];
    ours.create(sender.sessionKey);
    theirs.create(sender.sessionKey);
    // Longer than 16 bytes: the reference decodes with TextDecoder then, as we always do.
    const message = sender.encrypt(new Uint8Array([...Buffer.from('invalid UTF-8: '), 0xff, 0xc3, 0x41, 0x80]));
    expect(ours.decrypt(message)).toEqual(theirs.decrypt(message));
    expect(ours.decrypt(message).plaintext).toBe('invalid UTF-8: \uFFFD\uFFFDA\uFFFD');
    // The reference stops at the first NUL; the whole plaintext is returned here.
    const withNul = sender.encrypt('a\u0000b');
    expect(theirs.decrypt(withNul).plaintext).toBe('a');
    expect(ours.decrypt(withNul).plaintext).toBe('a\u0000b');
  });

  it('objects are usable once created, free() is safe twice, and misuse is a clear error', async () => {
    const session = new compat.OutboundGroupSession();
    expect(() => session.session_id()).toThrow('OutboundGroupSession used before it was created or unpickled');
    session.free(); // nothing to free yet
    session.create();
    const id = session.session_id();
    session.create(); // re-creating replaces the session, as in the reference
    expect(session.session_id()).not.toBe(id);
    session.free();
    session.free();
    expect(() => session.session_id()).toThrow('OLM.USE_AFTER_FREE');
    expect(() => new compat.InboundGroupSession().create(42 as unknown as string)).toThrow(TypeError);
    const foreign = new reference.Account();
    expect(() => new compat.Session().create_inbound(foreign as never, 'AAAA')).toThrow(TypeError);
    foreign.free();

    vi.resetModules();
    const { default: fresh } = await import('../dist/compat/node.js');
    expect(() => new fresh.SAS()).toThrow('call `await Olm.init()` first');
    expect(() => fresh.get_library_version()).toThrow('call `await Olm.init()` first');
  });

  // Each scenario is written once against the reference's API and run on both libraries.
  const failures: Record<string, (olm: Reference) => unknown> = {
    'olm: signature by another key': (olm) => {
      const [a, b] = [new olm.Account(), new olm.Account()];
      a.create();
      b.create();
      new olm.Utility().ed25519_verify(JSON.parse(b.identity_keys()).ed25519, 'm', a.sign('m'));
    },
    'olm: bad base64 signature': (olm) => new olm.Utility().ed25519_verify('AAAA', 'm', '!!!!'),
    'olm: wrong account pickle key': (olm) => {
      const account = new olm.Account();
      account.create();
      new olm.Account().unpickle('wrong', account.pickle(KEY));
    },
    'olm: bad identity key': (olm) => {
      const account = new olm.Account();
      account.create();
      new olm.Session().create_outbound(account, 'AAAA', 'AAAA');
    },
    'olm: one-time key not in the account': (olm) => {
      const { hello } = olmPair(olm);
      const stranger = new olm.Account();
      stranger.create();
      new olm.Session().create_inbound(stranger, hello.body);
    },
    'olm: garbage pre-key message': (olm) => {
      const account = new olm.Account();
      account.create();
      new olm.Session().create_inbound(account, 'AAAAAAAA');
    },
    'olm: replayed message': (olm) => {
      const { bob } = olmPair(olm);
      const reply = bob.encrypt('once');
      const { alice } = olmPair(olm);
      alice.decrypt(reply.type, reply.body);
    },
    'olm: wrong session pickle key': (olm) => new olm.Session().unpickle('wrong', olmPair(olm).bob.pickle(KEY)),
    'megolm: bad session key': (olm) => new olm.InboundGroupSession().create('not a session key'),
    'megolm: bad base64 session key': (olm) => new olm.InboundGroupSession().create('!!!!'),
    'megolm: unknown message version': (olm) => groupPair(olm).inbound.decrypt('AAAA'),
    'megolm: invalid base64 message': (olm) => groupPair(olm).inbound.decrypt('!!!!!!!!'),
    'megolm: tampered signature': (olm) => {
      const { outbound, inbound } = groupPair(olm);
      const message = outbound.encrypt('hi');
      inbound.decrypt(message.slice(0, -2) + (message.at(-2) === 'A' ? 'B' : 'A') + message.at(-1));
    },
    'megolm: index before the first known': (olm) => {
      const outbound = new olm.OutboundGroupSession();
      outbound.create();
      const early = outbound.encrypt('early');
      const inbound = new olm.InboundGroupSession();
      inbound.create(outbound.session_key());
      inbound.decrypt(early);
    },
    'megolm: wrong pickle key': (olm) => {
      const { outbound } = groupPair(olm);
      new olm.OutboundGroupSession().unpickle('wrong', outbound.pickle(KEY));
    },
    'megolm: corrupted pickle': (olm) => new olm.InboundGroupSession().unpickle(KEY, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
    'pk: wrong mac': (olm) => {
      const decryption = new olm.PkDecryption();
      const encryption = new olm.PkEncryption();
      encryption.set_recipient_key(decryption.generate_key());
      const message = encryption.encrypt('hi');
      decryption.decrypt(message.ephemeral, 'AAAAAAAAAAA', message.ciphertext);
    },
    'pk: short recipient key': (olm) => new olm.PkEncryption().set_recipient_key('AAAA'),
    'pk: short private key': (olm) => new olm.PkDecryption().init_with_private_key(new Uint8Array(31)),
    'pk: short seed': (olm) => new olm.PkSigning().init_with_seed(new Uint8Array(10)),
    'pk: wrong pickle key': (olm) => {
      const decryption = new olm.PkDecryption();
      decryption.generate_key();
      new olm.PkDecryption().unpickle('wrong', decryption.pickle(KEY));
    },
    'sas: bytes before their key': (olm) => new olm.SAS().generate_bytes('SAS', 5),
    'sas: mac before their key': (olm) => new olm.SAS().calculate_mac('input', 'info'),
    'sas: short key': (olm) => new olm.SAS().set_their_key('AAAA'),
  };

  function olmPair(olm: Reference) {
    const [aliceAccount, bobAccount] = [new olm.Account(), new olm.Account()];
    aliceAccount.create();
    bobAccount.create();
    bobAccount.generate_one_time_keys(1);
    const otk = Object.values(JSON.parse(bobAccount.one_time_keys()).curve25519)[0] as string;
    const alice = new olm.Session();
    alice.create_outbound(aliceAccount, JSON.parse(bobAccount.identity_keys()).curve25519, otk);
    const hello = alice.encrypt('hello');
    const bob = new olm.Session();
    bob.create_inbound(bobAccount, hello.body);
    return { alice, bob, hello };
  }

  function groupPair(olm: Reference) {
    const outbound = new olm.OutboundGroupSession();
    outbound.create();
    const inbound = new olm.InboundGroupSession();
    inbound.create(outbound.session_key());
    return { outbound, inbound };
  }

  it.each(Object.keys(failures))('throws the reference’s Error: %s', (name) => {
    const [expected, actual] = both.map(([, olm]) => thrown(() => failures[name]!(olm)));
    expect(expected).toMatch(/^OLM\.[A-Z0-9_]+$/);
    expect(actual).toBe(expected);
  });
});

// WASM only: where the .wasm file is found.
it('init() takes emscripten’s locateFile for the WASM file, and can be retried after failing', async () => {
  vi.resetModules();
  const { default: fresh } = await import('../dist/compat/node.js');
  const asked: string[] = [];
  const missing = fresh.init({ backend: 'wasm', locateFile: (file: string) => (asked.push(file), '/nonexistent/' + file) });
  await expect(missing).rejects.toThrow();
  const dist = new URL('../dist/', import.meta.url).href;
  await fresh.init({ backend: 'wasm', locateFile: (file: string, prefix: string) => (asked.push(prefix), dist + file) });
  expect(asked).toEqual(['olm-wasm.wasm', dist]);
  expect(fresh.backend).toBe('wasm');
  const sas = new fresh.SAS();
  expect(sas.get_pubkey()).toMatch(/^[A-Za-z0-9+/]{43}$/);
});
