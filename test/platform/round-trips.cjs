// Shared by the platform scripts: an Olm and a Megolm round trip through one backend's classes
// (the package's own API); returns the decrypted texts, throws on any mismatch.
'use strict';
module.exports = function roundTrips({ Account, Session, OutboundGroupSession, InboundGroupSession }) {
  const alice = Account.create();
  const bob = Account.create();
  bob.generateOneTimeKeys(1);
  const outbound = Session.createOutbound(alice, bob.identityKeys.curve25519, Object.values(bob.oneTimeKeys)[0]);
  const preKey = outbound.encrypt('olm: hello');
  const inbound = Session.createInbound(bob, preKey.body);
  const reply = inbound.encrypt('olm: reply');
  const group = OutboundGroupSession.create();
  const received = InboundGroupSession.create(group.sessionKey);
  const texts = [
    inbound.decrypt(preKey.type, preKey.body),
    outbound.decrypt(reply.type, reply.body),
    received.decrypt(group.encrypt('megolm: hello')).plaintext,
  ];
  if (texts.join() !== 'olm: hello,olm: reply,megolm: hello') throw new Error(`round trips gave ${texts.join()}`);
  for (const object of [alice, bob, outbound, inbound, group, received]) object.free();
  return 'ok';
};
