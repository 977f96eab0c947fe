// A subclass of a class bound to one backend (`class MyAccount extends olm.Account {}`, olm from
// load()) creates its objects in that backend, as the bound class does, not in init()'s default.
import { beforeAll, describe, expect, it } from 'vitest';
import { init, load, type Olm } from '../dist/node.js';
import { BACKENDS, loadBackend } from './backends.js';
import { publishOneTimeKey } from './olm-helpers.js';

describe.each(BACKENDS)('subclasses of the classes bound to %s', (name) => {
  const other = name === 'native' ? 'wasm' : 'native';
  let olm: Olm;
  beforeAll(async () => {
    // The default backend is the other one: a subclass that fell back to it would show.
    await init({ backend: other });
    olm = await loadBackend(name);
  });

  it('create their objects in the bound backend, for every class', () => {
    class MyAccount extends olm.Account {}
    class MySession extends olm.Session {}
    class MyOutbound extends olm.OutboundGroupSession {}
    class MyInbound extends olm.InboundGroupSession {}
    class MyUtility extends olm.Utility {}
    class MyPkDecryption extends olm.PkDecryption {}
    class MyPkEncryption extends olm.PkEncryption {}
    class MyPkSigning extends olm.PkSigning {}
    class MySas extends olm.Sas {}
    const alice = MyAccount.create();
    const bob = olm.Account.create();
    const outbound = MyOutbound.create();
    const decryption = MyPkDecryption.create();
    const objects = [
      alice,
      MySession.createOutbound(alice, bob.identityKeys.curve25519, publishOneTimeKey(bob)),
      outbound,
      MyInbound.create(outbound.sessionKey),
      MyUtility.create(),
      decryption,
      MyPkEncryption.create(decryption.publicKey),
      MyPkSigning.fromSeed(olm.PkSigning.generateSeed()),
      MySas.create(),
    ];
    for (const object of objects) expect([object.constructor.name, object.backendName]).toEqual([object.constructor.name, name]);
    expect(alice).toBeInstanceOf(MyAccount);
  });

  it('a subclass of a seeded class draws from that instance, not a fresh generator', async () => {
    const seed = new Uint8Array(32).fill(7);
    const [first, second] = await Promise.all([
      load({ backend: name, insecureSeed: seed }),
      load({ backend: name, insecureSeed: seed }),
    ]);
    class Mine extends first.Account {}
    expect(Mine.create().identityKeys).toEqual(second.Account.create().identityKeys);
  });

  it('a subclass of a subclass too', () => {
    class Mine extends olm.Account {}
    class Deeper extends Mine {}
    expect(Deeper.create().backendName).toBe(name);
  });
});
