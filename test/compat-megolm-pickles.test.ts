// olm-universal/compat against @matrix-org/olm: reference Megolm pickles restore exactly, the reference
// restores ours, and exported keys agree.
import { expect, it } from 'vitest';
import { compat, describeVsReference, KEY, reference, restored } from './compat-vs-reference.js';

describeVsReference(() => {
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
});
