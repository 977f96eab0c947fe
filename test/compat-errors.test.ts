// olm-universal/compat throws @matrix-org/olm's Error messages: each failure is written once against
// the reference's API and run on both libraries.
import { beforeAll, expect, it } from 'vitest';
import type { Reference } from './backends.js';
import { compat, describeVsReference, KEY, reference, thrown } from './compat-vs-reference.js';

describeVsReference(() => {
  // Both libraries, for checks written once against the reference's API.
  let both: [string, Reference][];
  beforeAll(() => {
    both = [
      ['reference', reference],
      ['compat', compat as unknown as Reference],
    ];
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
