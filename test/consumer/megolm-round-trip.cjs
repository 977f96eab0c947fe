// Shared by the consumer scripts: one Megolm message through the package's exported classes.
'use strict';
module.exports = function roundTrip({ OutboundGroupSession, InboundGroupSession }, text) {
  const outbound = OutboundGroupSession.create();
  const inbound = InboundGroupSession.create(outbound.sessionKey);
  return inbound.decrypt(outbound.encrypt(text)).plaintext;
};
