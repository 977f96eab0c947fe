// require() of olm-universal/compat and the main entry, Olm and Megolm round trips through each
// (test/formats.test.ts runs it with require(esm) turned off: the CommonJS build must not need it).
'use strict';
const Olm = require('olm-universal/compat');
const universal = require('olm-universal');

async function main() {
  const results = {};
  await Olm.init();
  const alice = new Olm.Account();
  const bob = new Olm.Account();
  alice.create();
  bob.create();
  bob.generate_one_time_keys(1);
  const bobKey = JSON.parse(bob.identity_keys()).curve25519;
  const oneTimeKey = Object.values(JSON.parse(bob.one_time_keys()).curve25519)[0];
  const outbound = new Olm.Session();
  outbound.create_outbound(alice, bobKey, oneTimeKey);
  const message = outbound.encrypt('olm through compat');
  const inbound = new Olm.Session();
  inbound.create_inbound(bob, message.body);
  results.compatOlm = inbound.decrypt(message.type, message.body);
  const group = new Olm.OutboundGroupSession();
  group.create();
  const received = new Olm.InboundGroupSession();
  received.create(group.session_key());
  results.compatMegolm = received.decrypt(group.encrypt('megolm through compat')).plaintext;
  results.compatBackend = Olm.backend;
  for (const backend of ['native', 'wasm']) {
    const olm = await universal.load({ backend });
    const session = olm.OutboundGroupSession.create();
    results[backend] = olm.InboundGroupSession.create(session.sessionKey).decrypt(session.encrypt(backend)).plaintext;
  }
  console.log(JSON.stringify(results));
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
