// olm-universal/compat against @matrix-org/olm: reference Account and Session pickles restore exactly
// (same keys JSON, same re-pickle, byte for byte) and the reference restores ours.
import { describe, expect, it } from 'vitest';
import type { Reference } from './backends.js';
import { compat, describeVsReference, KEY, reference, restored } from './compat-vs-reference.js';

describeVsReference(() => {
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
});
