// Shared by the platform scripts: the same round trips through compat, the @matrix-org/olm API.
'use strict';
module.exports = function compatRoundTrips(Olm) {
  const alice = new Olm.Account();
  const bob = new Olm.Account();
  alice.create();
  bob.create();
  bob.generate_one_time_keys(1);
  const otk = Object.values(JSON.parse(bob.one_time_keys()).curve25519)[0];
  const outbound = new Olm.Session();
  outbound.create_outbound(alice, JSON.parse(bob.identity_keys()).curve25519, otk);
  const preKey = outbound.encrypt('olm: hello');
  const inbound = new Olm.Session();
  inbound.create_inbound(bob, preKey.body);
  const reply = inbound.encrypt('olm: reply');
  const group = new Olm.OutboundGroupSession();
  group.create();
  const received = new Olm.InboundGroupSession();
  received.create(group.session_key());
  const texts = [
    inbound.decrypt(preKey.type, preKey.body),
    outbound.decrypt(reply.type, reply.body),
    received.decrypt(group.encrypt('megolm: hello')).plaintext,
  ];
  if (texts.join() !== 'olm: hello,olm: reply,megolm: hello') throw new Error(`compat round trips gave ${texts.join()}`);
  for (const object of [alice, bob, outbound, inbound, group, received]) object.free();
  return 'ok';
};
