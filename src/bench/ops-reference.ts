// The same operations on the reference binding, @matrix-org/olm (libolm compiled by its own
// emscripten build, objects made with `new` + an initialiser, JSON strings for keys), and on its
// maintained fork @towns-protocol/olm, which has the same API.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
// The inputs and helpers both sets of operations share.
import * as rows from './rows.js';
import type { OpSet } from './rows.js';
import { aheadSweepOp, sizeSweepOps, type AheadFixture, type SweepOpSet } from './sweep.js';

interface Freeable {
  free(): void;
}
type Key = string | Uint8Array;
interface JsAccount extends Freeable {
  create(): void;
  identity_keys(): string;
  one_time_keys(): string;
  generate_one_time_keys(count: number): void;
  sign(message: Key): string;
  pickle(key: Key): string;
  unpickle(key: Key, pickle: string): void;
}
interface JsSession extends Freeable {
  create_outbound(account: JsAccount, identityKey: string, oneTimeKey: string): void;
  create_inbound(account: JsAccount, message: string): void;
  encrypt(plaintext: string): { type: 0 | 1; body: string };
  decrypt(type: number, body: string): string;
  pickle(key: Key): string;
  unpickle(key: Key, pickle: string): void;
}
interface JsPkMessage {
  ciphertext: string;
  mac: string;
  ephemeral: string;
}

/**
 * What the benchmark uses of the emscripten binding's API, as @matrix-org/olm and
 * @towns-protocol/olm both have it (each package's own types are checked against this).
 */
export interface JsOlm {
  Account: new () => JsAccount;
  Session: new () => JsSession;
  Utility: new () => Freeable & {
    sha256(input: string): string;
    ed25519_verify(key: string, message: string, signature: string): void;
  };
  OutboundGroupSession: new () => Freeable & { create(): void; session_key(): string; encrypt(plaintext: string): string };
  InboundGroupSession: new () => Freeable & {
    create(sessionKey: string): void;
    import_session(exported: string): void;
    export_session(index: number): string;
    decrypt(message: string): unknown;
    pickle(key: Key): string;
    unpickle(key: Key, pickle: string): void;
  };
  PkEncryption: new () => Freeable & { set_recipient_key(key: string): void; encrypt(plaintext: string): JsPkMessage };
  PkDecryption: new () => Freeable & {
    generate_key(): string;
    decrypt(ephemeral: string, mac: string, ciphertext: string): string;
  };
  SAS: new () => Freeable & {
    get_pubkey(): string;
    set_their_key(key: string): void;
    calculate_mac(input: string, info: string): string;
  };
}

/** An emscripten binding of libolm, initialised, with its package's version. */
export interface LoadedJsOlm {
  olm: JsOlm;
  version: string;
}

/** The version in an installed package's package.json, found above its resolved entry point. */
function installedVersion(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (json.name === name) return json.version ?? 'unknown';
    } catch {
      // No package.json here: look one level up.
    }
    if (dirname(dir) === dir) return 'unknown';
    dir = dirname(dir);
  }
}

/** @matrix-org/olm initialised, or undefined when it is not installed. */
export async function loadReference(): Promise<LoadedJsOlm | undefined> {
  type Reference = typeof import('@matrix-org/olm');
  let reference: Reference;
  try {
    // A CommonJS module: its exports arrive as the default export.
    const module = (await import('@matrix-org/olm')) as Reference & { default?: Reference };
    reference = module.default ?? module;
  } catch {
    return undefined;
  }
  await reference.init();
  const olm: JsOlm = reference;
  return { olm, version: installedVersion('@matrix-org/olm') };
}

/** @towns-protocol/olm (the maintained fork) initialised, or undefined when it is not installed. */
export async function loadTowns(): Promise<LoadedJsOlm | undefined> {
  let towns: (typeof import('@towns-protocol/olm'))['default'];
  try {
    towns = (await import('@towns-protocol/olm')).default;
  } catch {
    return undefined;
  }
  const olm: JsOlm = await towns.initAsync();
  return { olm, version: installedVersion('@towns-protocol/olm') };
}

const freeAll =
  (...objects: Freeable[]) =>
  (): void =>
    objects.forEach((object) => object.free());

/** The objects the operations start from, made with `new` and an initialiser. */
function fixtures(olm: JsOlm) {
  const account = (oneTimeKeys = 0) => {
    const a = new olm.Account();
    a.create();
    if (oneTimeKeys > 0) a.generate_one_time_keys(oneTimeKeys);
    return a;
  };
  const identityKeys = (a: JsAccount) => JSON.parse(a.identity_keys()) as { curve25519: string; ed25519: string };
  const oneTimeKey = (a: JsAccount) =>
    rows.firstOneTimeKey((JSON.parse(a.one_time_keys()) as { curve25519: Record<string, string> }).curve25519);
  const establish = () => {
    const alice = account();
    const bob = account(1);
    const a = new olm.Session();
    a.create_outbound(alice, identityKeys(bob).curve25519, oneTimeKey(bob));
    const first = a.encrypt(rows.MESSAGE_32);
    const b = new olm.Session();
    b.create_inbound(bob, first.body);
    b.decrypt(first.type, first.body);
    const reply = b.encrypt(rows.MESSAGE_32);
    a.decrypt(reply.type, reply.body);
    return { a, b, free: freeAll(a, b, alice, bob) };
  };
  const megolm = (size: number) => {
    const outbound = new olm.OutboundGroupSession();
    outbound.create();
    const inbound = new olm.InboundGroupSession();
    inbound.create(outbound.session_key());
    const plaintext = rows.text('m', size);
    return { outbound, inbound, plaintext, message: outbound.encrypt(plaintext), free: freeAll(outbound, inbound) };
  };
  return { account, identityKeys, oneTimeKey, establish, megolm };
}

export function referenceOps(olm: JsOlm): OpSet {
  const { account, identityKeys, oneTimeKey, establish, megolm } = fixtures(olm);
  const pk = () => {
    const decryption = new olm.PkDecryption();
    const encryption = new olm.PkEncryption();
    encryption.set_recipient_key(decryption.generate_key());
    const plaintext = rows.text('k', 256);
    return { decryption, encryption, plaintext, message: encryption.encrypt(plaintext), free: freeAll(encryption, decryption) };
  };

  // The session exported at index 0 and a message AHEAD indices later, made once.
  const ahead = rows.once(() => {
    const m = megolm(32);
    const exported = m.inbound.export_session(0);
    for (let i = 1; i < rows.AHEAD; i++) m.outbound.encrypt(m.plaintext);
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
      return { run: () => rows.exchange(a, b), free };
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
          copy.unpickle(rows.PICKLE_KEY, a.pickle(rows.PICKLE_KEY));
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
          copy.unpickle(rows.PICKLE_KEY, a.pickle(rows.PICKLE_KEY));
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
          copy.unpickle(rows.PICKLE_KEY, m.inbound.pickle(rows.PICKLE_KEY));
          copy.free();
        },
        free: m.free,
      };
    },
    'ed25519-sign': () => {
      const a = account();
      return { run: () => void a.sign(rows.SIGNED_MESSAGE), free: freeAll(a) };
    },
    'ed25519-verify': () => {
      const a = account();
      const utility = new olm.Utility();
      const key = identityKeys(a).ed25519;
      const signature = a.sign(rows.SIGNED_MESSAGE);
      return { run: () => utility.ed25519_verify(key, rows.SIGNED_MESSAGE, signature), free: freeAll(a, utility) };
    },
    'sha256-1k': () => {
      const utility = new olm.Utility();
      const input = rows.text('s', 1024);
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
      return { run: () => void sas.calculate_mac(rows.SAS_INPUT, rows.SAS_INFO), free: freeAll(sas, theirs) };
    },
  };
  const sizes = rows.megolmSizeOps(megolm);
  return { ...ops, ...sizes };
}

/** The sweeps' operations: sizes on session pairs, and the shared fixture N messages ahead. */
export function referenceSweepOps(olm: JsOlm, ahead?: AheadFixture): SweepOpSet {
  const { establish, megolm } = fixtures(olm);
  const sizes = sizeSweepOps({ megolm, olm: establish });
  const aheadOp = aheadSweepOp(ahead, (exported, message) => {
    const session = new olm.InboundGroupSession();
    session.import_session(exported);
    session.decrypt(message);
    session.free();
  });
  return { ...sizes, ...aheadOp };
}
