// The operations on olm-universal's public API (either backend). A class missing from the
// loaded build makes its rows n/a instead of failing.
import type { BytesLike, InboundGroupSession, Olm, OutboundGroupSession } from '../api/library.js';
// The inputs and helpers both sets of operations share.
import * as rows from './rows.js';
import type { OpSet } from './rows.js';
import { aheadSweepOp, sizeSweepOps, type AheadFixture, type SweepOpSet } from './sweep.js';

interface Freeable {
  free(): void;
}
interface Account extends Freeable {
  readonly identityKeys: { curve25519: string; ed25519: string };
  readonly oneTimeKeys: Record<string, string>;
  generateOneTimeKeys(count: number): void;
  sign(message: BytesLike): string;
  pickle(key: BytesLike): string;
}
interface OlmMessage {
  type: 0 | 1;
  body: string;
}
interface Session extends Freeable {
  encrypt(plaintext: BytesLike): OlmMessage;
  decrypt(type: 0 | 1, body: BytesLike): string;
  pickle(key: BytesLike): string;
}
interface PkMessage {
  ciphertext: string;
  mac: string;
  ephemeral: string;
}

/** The public classes the benchmark uses, as far as it uses them. */
export interface BenchClasses {
  OutboundGroupSession: typeof OutboundGroupSession;
  InboundGroupSession: typeof InboundGroupSession;
  Account: { create(): Account; unpickle(pickle: BytesLike, key: BytesLike): Account };
  Session: {
    createOutbound(account: Account, theirIdentityKey: string, theirOneTimeKey: string): Session;
    createInbound(account: Account, preKeyMessage: BytesLike): Session;
    unpickle(pickle: BytesLike, key: BytesLike): Session;
  };
  Utility: {
    create(): Freeable & {
      sha256(input: BytesLike): string;
      ed25519Verify(key: string, message: BytesLike, signature: string): void;
    };
  };
  PkEncryption: { create(recipientKey: string): Freeable & { encrypt(plaintext: BytesLike): PkMessage } };
  PkDecryption: { create(): Freeable & { readonly publicKey: string; decrypt(message: PkMessage): string } };
  Sas: {
    create(): Freeable & {
      readonly publicKey: string;
      setTheirKey(theirKey: string): void;
      calculateMac(input: BytesLike, info: BytesLike): string;
    };
  };
}

const freeAll =
  (...objects: Freeable[]) =>
  (): void =>
    objects.forEach((object) => object.free());

function establish(c: Pick<BenchClasses, 'Account' | 'Session'>) {
  const alice = c.Account.create();
  const bob = c.Account.create();
  bob.generateOneTimeKeys(1);
  const a = c.Session.createOutbound(alice, bob.identityKeys.curve25519, rows.firstOneTimeKey(bob.oneTimeKeys));
  const first = a.encrypt(rows.MESSAGE_32);
  const b = c.Session.createInbound(bob, first.body);
  b.decrypt(first.type, first.body);
  const reply = b.encrypt(rows.MESSAGE_32);
  a.decrypt(reply.type, reply.body);
  return { a, b, free: freeAll(a, b, alice, bob) };
}

function megolm(c: Pick<BenchClasses, 'OutboundGroupSession' | 'InboundGroupSession'>, size: number) {
  const outbound = c.OutboundGroupSession.create();
  const inbound = c.InboundGroupSession.create(outbound.sessionKey);
  const plaintext = rows.text('m', size);
  return { outbound, inbound, plaintext, message: outbound.encrypt(plaintext), free: freeAll(outbound, inbound) };
}

function megolmOps(c: Pick<BenchClasses, 'OutboundGroupSession' | 'InboundGroupSession'>): OpSet {
  const ops = rows.megolmSizeOps((size) => megolm(c, size));
  // The session exported at index 0 and a message AHEAD indices later, made once.
  const ahead = rows.once(() => {
    const m = megolm(c, 32);
    const exported = m.inbound.export(0);
    for (let i = 1; i < rows.AHEAD; i++) m.outbound.encrypt(m.plaintext);
    const message = m.outbound.encrypt(m.plaintext);
    m.free();
    return { exported, message };
  });
  ops['megolm-decrypt-ahead-10000'] = () => {
    const { exported, message } = ahead();
    return {
      run: () => {
        const session = c.InboundGroupSession.import(exported);
        session.decrypt(message);
        session.free();
      },
      free: () => {},
    };
  };
  ops['pickle-group-session'] = () => {
    const m = megolm(c, 32);
    return {
      run: () => c.InboundGroupSession.unpickle(m.inbound.pickle(rows.PICKLE_KEY), rows.PICKLE_KEY).free(),
      free: m.free,
    };
  };
  return ops;
}

function olmOps(c: Pick<BenchClasses, 'Account' | 'Session'>): OpSet {
  return {
    'account-create': () => ({ run: () => c.Account.create().free(), free: () => {} }),
    'otk-generate-50': () => {
      const account = c.Account.create();
      return { run: () => account.generateOneTimeKeys(50), free: freeAll(account) };
    },
    'olm-session-setup': () => {
      const alice = c.Account.create();
      const bob = c.Account.create();
      bob.generateOneTimeKeys(1);
      const identityKey = bob.identityKeys.curve25519;
      const oneTimeKey = rows.firstOneTimeKey(bob.oneTimeKeys);
      return {
        run: () => {
          const outbound = c.Session.createOutbound(alice, identityKey, oneTimeKey);
          const message = outbound.encrypt('olm session setup');
          const inbound = c.Session.createInbound(bob, message.body);
          inbound.decrypt(message.type, message.body);
          outbound.free();
          inbound.free();
        },
        free: freeAll(alice, bob),
      };
    },
    'olm-encrypt-decrypt': () => {
      const { a, b, free } = establish(c);
      return { run: () => rows.exchange(a, b), free };
    },
    'pickle-account': () => {
      const account = c.Account.create();
      account.generateOneTimeKeys(50);
      return {
        run: () => c.Account.unpickle(account.pickle(rows.PICKLE_KEY), rows.PICKLE_KEY).free(),
        free: freeAll(account),
      };
    },
    'pickle-session': () => {
      const { a, free } = establish(c);
      return { run: () => c.Session.unpickle(a.pickle(rows.PICKLE_KEY), rows.PICKLE_KEY).free(), free };
    },
    'ed25519-sign': () => {
      const account = c.Account.create();
      return { run: () => void account.sign(rows.SIGNED_MESSAGE), free: freeAll(account) };
    },
  };
}

function utilityOps(c: Pick<BenchClasses, 'Account' | 'Utility'>): OpSet {
  return {
    'ed25519-verify': () => {
      const account = c.Account.create();
      const utility = c.Utility.create();
      const key = account.identityKeys.ed25519;
      const signature = account.sign(rows.SIGNED_MESSAGE);
      return { run: () => utility.ed25519Verify(key, rows.SIGNED_MESSAGE, signature), free: freeAll(account, utility) };
    },
    'sha256-1k': () => {
      const utility = c.Utility.create();
      const input = rows.text('s', 1024);
      return { run: () => void utility.sha256(input), free: freeAll(utility) };
    },
  };
}

function pkSasOps(c: Pick<BenchClasses, 'PkEncryption' | 'PkDecryption' | 'Sas'>): OpSet {
  const pk = () => {
    const decryption = c.PkDecryption.create();
    const encryption = c.PkEncryption.create(decryption.publicKey);
    const plaintext = rows.text('k', 256);
    return { decryption, encryption, plaintext, message: encryption.encrypt(plaintext), free: freeAll(encryption, decryption) };
  };
  return {
    'pk-encrypt': () => {
      const p = pk();
      return { run: () => void p.encryption.encrypt(p.plaintext), free: p.free };
    },
    'pk-decrypt': () => {
      const p = pk();
      return { run: () => void p.decryption.decrypt(p.message), free: p.free };
    },
    'sas-mac': () => {
      const sas = c.Sas.create();
      const theirs = c.Sas.create();
      sas.setTheirKey(theirs.publicKey);
      return { run: () => void sas.calculateMac(rows.SAS_INPUT, rows.SAS_INFO), free: freeAll(sas, theirs) };
    },
  };
}

function has<K extends keyof BenchClasses>(
  classes: Partial<BenchClasses>,
  ...names: K[]
): classes is Partial<BenchClasses> & Pick<BenchClasses, K> {
  return names.every((name) => typeof classes[name] === 'function');
}

/** Every operation this build's classes support on the backend `olm` was loaded for. */
export function ourOps(olm: Olm): OpSet {
  // A build without some class (an older one, a partial bundle) reports its rows as n/a.
  const classes: Partial<BenchClasses> = olm;
  return {
    ...(has(classes, 'OutboundGroupSession', 'InboundGroupSession') ? megolmOps(classes) : {}),
    ...(has(classes, 'Account', 'Session') ? olmOps(classes) : {}),
    ...(has(classes, 'Account', 'Utility') ? utilityOps(classes) : {}),
    ...(has(classes, 'PkEncryption', 'PkDecryption', 'Sas') ? pkSasOps(classes) : {}),
  };
}

/** The sweeps' operations on this build's classes (n/a where a class is missing). */
export function ourSweepOps(olm: Olm, ahead?: AheadFixture): SweepOpSet {
  const classes: Partial<BenchClasses> = olm;
  const ops: SweepOpSet = {};
  if (has(classes, 'OutboundGroupSession', 'InboundGroupSession')) {
    const c = classes;
    Object.assign(
      ops,
      aheadSweepOp(ahead, (exported, message) => {
        const session = c.InboundGroupSession.import(exported);
        session.decrypt(message);
        session.free();
      }),
    );
    if (has(classes, 'Account', 'Session')) {
      const both = classes;
      Object.assign(ops, sizeSweepOps({ megolm: (size) => megolm(both, size), olm: () => establish(both) }));
    }
  }
  return ops;
}

/** The "ahead" sweep's shared fixture: one session exported at 0 and its messages at each point. */
export function makeAheadFixture(olm: Olm, points: readonly number[]): AheadFixture {
  const outbound = olm.OutboundGroupSession.create();
  const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
  const exported = inbound.export(0);
  const wanted = new Set(points);
  const last = Math.max(...points);
  const messages: Record<number, string> = {};
  for (let index = 0; index <= last; index++) {
    const message = outbound.encrypt('m'.repeat(32));
    if (wanted.has(index)) messages[index] = message;
  }
  outbound.free();
  inbound.free();
  return { exported, messages };
}
