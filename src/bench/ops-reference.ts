// The same operations on the reference binding, @matrix-org/olm (libolm compiled by its own
// emscripten build, objects made with `new` + an initialiser, JSON strings for keys).
import {
  AHEAD,
  exchange,
  firstOneTimeKey,
  megolmSizeOps,
  once,
  MESSAGE_32,
  PICKLE_KEY,
  SAS_INFO,
  SAS_INPUT,
  SIGNED_MESSAGE,
  text,
  type OpSet,
} from './rows.js';

export type Reference = typeof import('@matrix-org/olm');

/** @matrix-org/olm initialised, or undefined when it is not installed. */
export async function loadReference(): Promise<Reference | undefined> {
  let reference: Reference;
  try {
    // A CommonJS module: its exports arrive as the default export.
    const module = (await import('@matrix-org/olm')) as Reference & { default?: Reference };
    reference = module.default ?? module;
  } catch {
    return undefined;
  }
  await reference.init();
  return reference;
}

interface Freeable {
  free(): void;
}
const freeAll = (...objects: Freeable[]) => (): void => objects.forEach((object) => object.free());

export function referenceOps(olm: Reference): OpSet {
  const account = (oneTimeKeys = 0) => {
    const a = new olm.Account();
    a.create();
    if (oneTimeKeys > 0) a.generate_one_time_keys(oneTimeKeys);
    return a;
  };
  const identityKeys = (a: InstanceType<Reference['Account']>) =>
    JSON.parse(a.identity_keys()) as { curve25519: string; ed25519: string };
  const oneTimeKey = (a: InstanceType<Reference['Account']>) =>
    firstOneTimeKey((JSON.parse(a.one_time_keys()) as { curve25519: Record<string, string> }).curve25519);
  const establish = () => {
    const alice = account();
    const bob = account(1);
    const a = new olm.Session();
    a.create_outbound(alice, identityKeys(bob).curve25519, oneTimeKey(bob));
    const first = a.encrypt(MESSAGE_32);
    const b = new olm.Session();
    b.create_inbound(bob, first.body);
    b.decrypt(first.type, first.body);
    const reply = b.encrypt(MESSAGE_32);
    a.decrypt(reply.type, reply.body);
    return { a, b, free: freeAll(a, b, alice, bob) };
  };
  const megolm = (size: number) => {
    const outbound = new olm.OutboundGroupSession();
    outbound.create();
    const inbound = new olm.InboundGroupSession();
    inbound.create(outbound.session_key());
    const plaintext = text('m', size);
    return { outbound, inbound, plaintext, message: outbound.encrypt(plaintext), free: freeAll(outbound, inbound) };
  };
  const pk = () => {
    const decryption = new olm.PkDecryption();
    const encryption = new olm.PkEncryption();
    encryption.set_recipient_key(decryption.generate_key());
    const plaintext = text('k', 256);
    return { decryption, encryption, plaintext, message: encryption.encrypt(plaintext), free: freeAll(encryption, decryption) };
  };

  // The session exported at index 0 and a message AHEAD indices later, made once.
  const ahead = once(() => {
    const m = megolm(32);
    const exported = m.inbound.export_session(0);
    for (let i = 1; i < AHEAD; i++) m.outbound.encrypt(m.plaintext);
    const message = m.outbound.encrypt(m.plaintext);
    m.free();
    return { exported, message };
  });

  const ops: OpSet = {
    'account-create': () => ({ run: () => account().free(), free: () => {} }),
    'otk-generate-50': () => {
      const a = account();
      return { run: () => a.generate_one_time_keys(50), free: freeAll(a) };
    },
    'olm-session-setup': () => {
      const alice = account();
      const bob = account(1);
      const identityKey = identityKeys(bob).curve25519;
      const key = oneTimeKey(bob);
      return {
        run: () => {
          const outbound = new olm.Session();
          outbound.create_outbound(alice, identityKey, key);
          const message = outbound.encrypt('olm session setup');
          const inbound = new olm.Session();
          inbound.create_inbound(bob, message.body);
          inbound.decrypt(message.type, message.body);
          outbound.free();
          inbound.free();
        },
        free: freeAll(alice, bob),
      };
    },
    'olm-encrypt-decrypt': () => {
      const { a, b, free } = establish();
      return { run: () => exchange(a, b), free };
    },
    'megolm-decrypt-ahead-10000': () => {
      const { exported, message } = ahead();
      return {
        run: () => {
          const session = new olm.InboundGroupSession();
          session.import_session(exported);
          session.decrypt(message);
          session.free();
        },
        free: () => {},
      };
    },
    'pickle-account': () => {
      const a = account(50);
      return {
        run: () => {
          const copy = new olm.Account();
          copy.unpickle(PICKLE_KEY, a.pickle(PICKLE_KEY));
          copy.free();
        },
        free: freeAll(a),
      };
    },
    'pickle-session': () => {
      const { a, free } = establish();
      return {
        run: () => {
          const copy = new olm.Session();
          copy.unpickle(PICKLE_KEY, a.pickle(PICKLE_KEY));
          copy.free();
        },
        free,
      };
    },
    'pickle-group-session': () => {
      const m = megolm(32);
      return {
        run: () => {
          const copy = new olm.InboundGroupSession();
          copy.unpickle(PICKLE_KEY, m.inbound.pickle(PICKLE_KEY));
          copy.free();
        },
        free: m.free,
      };
    },
    'ed25519-sign': () => {
      const a = account();
      return { run: () => void a.sign(SIGNED_MESSAGE), free: freeAll(a) };
    },
    'ed25519-verify': () => {
      const a = account();
      const utility = new olm.Utility();
      const key = identityKeys(a).ed25519;
      const signature = a.sign(SIGNED_MESSAGE);
      return { run: () => utility.ed25519_verify(key, SIGNED_MESSAGE, signature), free: freeAll(a, utility) };
    },
    'sha256-1k': () => {
      const utility = new olm.Utility();
      const input = text('s', 1024);
      return { run: () => void utility.sha256(input), free: freeAll(utility) };
    },
    'pk-encrypt': () => {
      const p = pk();
      return { run: () => void p.encryption.encrypt(p.plaintext), free: p.free };
    },
    'pk-decrypt': () => {
      const p = pk();
      const { ephemeral, mac, ciphertext } = p.message;
      return { run: () => void p.decryption.decrypt(ephemeral, mac, ciphertext), free: p.free };
    },
    'sas-mac': () => {
      const sas = new olm.SAS();
      const theirs = new olm.SAS();
      sas.set_their_key(theirs.get_pubkey());
      return { run: () => void sas.calculate_mac(SAS_INPUT, SAS_INFO), free: freeAll(sas, theirs) };
    },
  };
  const sizes = megolmSizeOps((size) => {
    const m = megolm(size);
    return { encrypt: () => void m.outbound.encrypt(m.plaintext), decrypt: () => void m.inbound.decrypt(m.message), free: m.free };
  });
  return { ...ops, ...sizes };
}
