// olm-universal/compat's objects: usable once created, free() safe twice, misuse (before init(), after
// free(), wrong argument types) a clear error.
import { expect, it, vi } from 'vitest';
import { compat, describeVsReference, reference } from './compat-vs-reference.js';

describeVsReference(() => {
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
});
