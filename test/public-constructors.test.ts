// The main API's classes are made by static methods: `new Account()`, as @matrix-org/olm's users
// write it, is a TypeError that says so (not a crash inside the constructor). compat's classes
// are the ones made with `new`.
import { describe, expect, it } from 'vitest';
import * as olm from '../dist/node.js';
import Compat from '../dist/compat/node.js';
import { BACKENDS, loadBackend } from './backends.js';

const FACTORIES = {
  Account: 'Account.create()',
  Session: 'Session.createOutbound()',
  Utility: 'Utility.create()',
  OutboundGroupSession: 'OutboundGroupSession.create()',
  InboundGroupSession: 'InboundGroupSession.create()',
  PkEncryption: 'PkEncryption.create()',
  PkDecryption: 'PkDecryption.create()',
  PkSigning: 'PkSigning.fromSeed()',
  Sas: 'Sas.create()',
} as const;

type Name = keyof typeof FACTORIES;
const construct = (cls: unknown): unknown => new (cls as new () => unknown)();

describe('new on the exported classes', () => {
  it.each(Object.entries(FACTORIES))('new %s() says to use %s', (name, factory) => {
    expect(() => construct(olm[name as Name])).toThrow(TypeError);
    expect(() => construct(olm[name as Name])).toThrow(`use ${factory}`);
  });
});

describe.each(BACKENDS)('new on the classes of a loaded backend (%s)', (backend) => {
  it.each(Object.entries(FACTORIES))('new %s() says to use %s', async (name, factory) => {
    const loaded = await loadBackend(backend);
    expect(() => construct(loaded[name as Name])).toThrow(`use ${factory}`);
  });
});

describe('compat', () => {
  it('new Olm.Account() still makes an account', async () => {
    await Compat.init();
    const account = new Compat.Account();
    account.create();
    expect(JSON.parse(account.identity_keys())).toHaveProperty('ed25519');
    account.free();
  });
});
