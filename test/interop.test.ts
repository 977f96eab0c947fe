// The same messages cross backends, and cross to and from the reference @matrix-org/olm.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendName, Olm } from '../dist/api/library.js';
import { BACKEND_PAIRS, BACKENDS, loadBackends, loadReference, type Reference } from './backends.js';

let reference: Reference;
let olms: Record<BackendName, Olm>;

beforeAll(async () => {
  reference = await loadReference();
  olms = await loadBackends();
});

describe.each(BACKEND_PAIRS)('megolm from %s to %s', (from, to) => {
  it('decrypts, and pickles move across', () => {
    const outbound = olms[from].OutboundGroupSession.create();
    const inbound = olms[to].InboundGroupSession.create(outbound.sessionKey);
    for (let i = 0; i < 5; i++) {
      expect(inbound.decrypt(outbound.encrypt(`message ${i} ✓`))).toEqual({ plaintext: `message ${i} ✓`, messageIndex: i });
    }
    const moved = olms[to].OutboundGroupSession.unpickle(outbound.pickle('key'), 'key');
    expect(moved.sessionId).toBe(outbound.sessionId);
    expect(inbound.decrypt(moved.encrypt('moved')).messageIndex).toBe(5);
  });
});

describe.each(BACKENDS)('megolm between %s and @matrix-org/olm', (name) => {
  it('reference encrypts, we decrypt', () => {
    const outbound = new reference.OutboundGroupSession();
    outbound.create();
    const inbound = olms[name].InboundGroupSession.create(outbound.session_key());
    for (let i = 0; i < 3; i++) {
      expect(inbound.decrypt(outbound.encrypt(`from reference ${i} ✓`))).toEqual({
        plaintext: `from reference ${i} ✓`,
        messageIndex: i,
      });
    }
    expect(inbound.sessionId).toBe(outbound.session_id());
    outbound.free();
  });

  it('we encrypt, reference decrypts', () => {
    const outbound = olms[name].OutboundGroupSession.create();
    const inbound = new reference.InboundGroupSession();
    inbound.create(outbound.sessionKey);
    for (let i = 0; i < 3; i++) {
      expect(inbound.decrypt(outbound.encrypt(`to reference ${i} ✓`))).toEqual({
        plaintext: `to reference ${i} ✓`,
        message_index: i,
      });
    }
    inbound.free();
  });

  it('pickles cross both ways', () => {
    const ours = olms[name].OutboundGroupSession.create();
    const theirs = new reference.OutboundGroupSession();
    theirs.unpickle('k', ours.pickle('k'));
    expect(theirs.session_id()).toBe(ours.sessionId);
    const back = olms[name].OutboundGroupSession.unpickle(theirs.pickle('k2'), 'k2');
    expect(back.sessionKey).toBe(theirs.session_key());
    theirs.free();
  });
});
