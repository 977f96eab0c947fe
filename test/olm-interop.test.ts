// Olm accounts, sessions, pickles and signatures cross backends, and cross to and from @matrix-org/olm.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendName, Olm } from '../dist/api/library.js';
import { BACKEND_PAIRS, BACKENDS, loadBackends, loadReference, type Reference } from './backends.js';
import { codeOf, referenceCodeOf } from './codes.js';
import { converse, establish, publishOneTimeKey } from './olm-helpers.js';

let reference: Reference;
let olms: Record<BackendName, Olm>;

beforeAll(async () => {
  reference = await loadReference();
  olms = await loadBackends();
});

describe.each(BACKEND_PAIRS)('Olm from %s to %s', (from, to) => {
  it('sets up a session and ratchets both ways', () => {
    const { outbound, inbound } = establish(olms[from], olms[to]);
    expect(inbound.sessionId).toBe(outbound.sessionId);
    for (let turn = 0; turn < 3; turn++) {
      converse(inbound, outbound, [`reply ${turn} ✓`]);
      converse(outbound, inbound, [`turn ${turn} ✓`, 'again']);
    }
  });

  it('moves account and session pickles, and checks signatures across', () => {
    const { alice, outbound, inbound } = establish(olms[from], olms[to]);
    alice.generateOneTimeKeys(2);
    const account = olms[to].Account.unpickle(alice.pickle('key ✓'), 'key ✓');
    expect(account.identityKeys).toEqual(alice.identityKeys);
    expect(account.oneTimeKeys).toEqual(alice.oneTimeKeys);
    expect(account.sign('message ✓')).toBe(alice.sign('message ✓'));
    olms[to].Utility.create().ed25519Verify(alice.identityKeys.ed25519, 'signed ✓', alice.sign('signed ✓'));

    const moved = olms[to].Session.unpickle(outbound.pickle('key'), 'key');
    expect(moved.describe()).toBe(outbound.describe());
    converse(moved, inbound, ['from the moved session']);
    converse(inbound, moved, ['to the moved session']);
  });

  it('computes the same SHA-256', () => {
    for (const input of ['', 'abc', 'héllo ✓']) {
      expect(olms[to].Utility.create().sha256(input)).toBe(olms[from].Utility.create().sha256(input));
    }
  });
});

describe.each(BACKENDS)('Olm between %s and @matrix-org/olm', (name) => {
  const newReferenceAccount = () => {
    const account = new reference.Account();
    account.create();
    return account;
  };
  const referenceIdentity = (account: InstanceType<Reference['Account']>) =>
    JSON.parse(account.identity_keys()) as { curve25519: string; ed25519: string };

  it('we start a session, the reference answers', () => {
    const alice = olms[name].Account.create();
    const bob = newReferenceAccount();
    bob.generate_one_time_keys(1);
    const [oneTimeKey] = Object.values(JSON.parse(bob.one_time_keys()).curve25519 as Record<string, string>);
    const outbound = olms[name].Session.createOutbound(alice, referenceIdentity(bob).curve25519, oneTimeKey!);
    const first = outbound.encrypt('hello reference ✓');
    const inbound = new reference.Session();
    inbound.create_inbound_from(bob, alice.identityKeys.curve25519, first.body);
    expect(inbound.decrypt(first.type, first.body)).toBe('hello reference ✓');
    bob.remove_one_time_keys(inbound);
    expect(inbound.session_id()).toBe(outbound.sessionId);
    for (let turn = 0; turn < 3; turn++) {
      const reply = inbound.encrypt(`reply ${turn} ✓`);
      expect(outbound.decrypt(reply.type as 0 | 1, reply.body)).toBe(`reply ${turn} ✓`);
      const message = outbound.encrypt(`turn ${turn} ✓`);
      expect(inbound.decrypt(message.type, message.body)).toBe(`turn ${turn} ✓`);
    }
    inbound.free();
    bob.free();
  });

  it('the reference starts a session, we answer', () => {
    const alice = newReferenceAccount();
    const bob = olms[name].Account.create();
    const outbound = new reference.Session();
    outbound.create_outbound(alice, bob.identityKeys.curve25519, publishOneTimeKey(bob));
    const first = outbound.encrypt('hello from the reference ✓');
    expect(first.type).toBe(0);
    const inbound = olms[name].Session.createInbound(bob, first.body);
    expect(inbound.matchesInboundFrom(referenceIdentity(alice).curve25519, first.body)).toBe(true);
    expect(inbound.decrypt(0, first.body)).toBe('hello from the reference ✓');
    bob.removeOneTimeKeys(inbound);
    for (let turn = 0; turn < 3; turn++) {
      const reply = inbound.encrypt(`reply ${turn} ✓`);
      expect(outbound.decrypt(reply.type, reply.body)).toBe(`reply ${turn} ✓`);
      const message = outbound.encrypt(`turn ${turn} ✓`);
      expect(inbound.decrypt(message.type as 0 | 1, message.body)).toBe(`turn ${turn} ✓`);
    }
    outbound.free();
    alice.free();
  });

  it('account pickles cross both ways', () => {
    const ours = olms[name].Account.create();
    ours.generateOneTimeKeys(3);
    ours.generateFallbackKey();
    const theirs = new reference.Account();
    theirs.unpickle('pïckle ✓', ours.pickle('pïckle ✓'));
    expect(referenceIdentity(theirs)).toEqual(ours.identityKeys);
    expect(JSON.parse(theirs.one_time_keys()).curve25519).toEqual(ours.oneTimeKeys);
    expect(JSON.parse(theirs.unpublished_fallback_key()).curve25519).toEqual(ours.unpublishedFallbackKey);
    theirs.generate_one_time_keys(1);
    const back = olms[name].Account.unpickle(theirs.pickle('back ✓'), 'back ✓');
    expect(back.oneTimeKeys).toEqual(JSON.parse(theirs.one_time_keys()).curve25519);
    expect(back.sign('same ✓')).toBe(theirs.sign('same ✓'));
    theirs.free();
  });

  it('session pickles cross both ways', () => {
    const { outbound, inbound } = establish(olms[name], olms[name]);
    const theirs = new reference.Session();
    theirs.unpickle('k ✓', outbound.pickle('k ✓'));
    expect(theirs.session_id()).toBe(outbound.sessionId);
    const message = theirs.encrypt('from the reference copy');
    expect(inbound.decrypt(message.type as 0 | 1, message.body)).toBe('from the reference copy');
    const back = olms[name].Session.unpickle(theirs.pickle('k2'), 'k2');
    expect(back.describe()).toBe(theirs.describe());
    converse(inbound, back, ['to the round-tripped copy ✓']);
    theirs.free();
  });

  it('signatures verify both ways', () => {
    const ours = olms[name].Account.create();
    const theirs = newReferenceAccount();
    const utility = new reference.Utility();
    utility.ed25519_verify(ours.identityKeys.ed25519, 'signed by us ✓', ours.sign('signed by us ✓'));
    const theirKey = referenceIdentity(theirs).ed25519;
    olms[name].Utility.create().ed25519Verify(theirKey, 'by them ✓', theirs.sign('by them ✓'));
    expect(utility.sha256('héllo ✓')).toBe(olms[name].Utility.create().sha256('héllo ✓'));
    utility.free();
    theirs.free();
  });

  it('bad input gives the same error codes as the reference', () => {
    const ours = olms[name].Account.create();
    const theirs = newReferenceAccount();
    const pickle = ours.pickle('right');
    const badPickles = [
      ['wrong', pickle],
      ['right', pickle.slice(0, -4)],
      ['right', 'AAAAA'],
      ['right', 'garbage!'],
    ];
    for (const [key, bad] of badPickles) {
      const account = new reference.Account();
      const ours = codeOf(() => olms[name].Account.unpickle(bad!, key!));
      expect(ours).toBe(referenceCodeOf(() => account.unpickle(key!, bad!)));
      account.free();
    }
    const { outbound, inbound } = establish(olms[name], olms[name]);
    const message = outbound.encrypt('x').body;
    const flip = (body: string, at: number) => body.slice(0, at) + (body[at] === 'A' ? 'B' : 'A') + body.slice(at + 1);
    const copy = new reference.Session();
    copy.unpickle('k', inbound.pickle('k'));
    const badMessages = [
      [0, flip(message, message.length - 5)],
      [1, message],
      [0, 'AAAAA'],
      [0, 'garbage!'],
      [0, message.slice(0, -2)],
    ] as const;
    for (const [type, body] of badMessages) {
      expect(codeOf(() => inbound.decrypt(type, body))).toBe(referenceCodeOf(() => copy.decrypt(type, body)));
    }
    // Both decrypt a pre-key message whose outer one-time key field was altered: decrypt() checks
    // only the inner message's MAC (matchesInbound is what checks the outer keys).
    const header = flip(outbound.encrypt('outer').body, 30);
    expect(inbound.matchesInbound(header)).toBe(false);
    expect(inbound.decrypt(0, header)).toBe('outer');
    expect(copy.decrypt(0, header)).toBe('outer');
    const utility = new reference.Utility();
    const { ed25519 } = ours.identityKeys;
    const signature = ours.sign('m');
    const badSignatures = [
      [ed25519, 'n', signature],
      [ed25519, 'm', 'AAAA'],
      ['AAAA', 'm', signature],
      [ed25519, 'm', 'AAAAA'],
    ];
    for (const [key, text, sig] of badSignatures) {
      expect(codeOf(() => olms[name].Utility.create().ed25519Verify(key!, text!, sig!))).toBe(
        referenceCodeOf(() => utility.ed25519_verify(key!, text!, sig!)),
      );
    }
    for (const bad of ['AAAA', 'AAAAA']) {
      const session = new reference.Session();
      const identity = referenceIdentity(theirs).curve25519;
      expect(codeOf(() => olms[name].Session.createOutbound(ours, identity, bad))).toBe(
        referenceCodeOf(() => session.create_outbound(theirs, identity, bad)),
      );
      session.free();
    }
    copy.free();
    utility.free();
    theirs.free();
  });
});
