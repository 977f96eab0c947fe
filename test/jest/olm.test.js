// A Jest suite as matrix-js-sdk-style projects write them: require('olm-universal/compat') where
// they required '@matrix-org/olm', plus the main entry. Jest's defaults, no configuration, no flags
// (test/formats.test.ts runs it from the installed tarball).
const Olm = require('olm-universal/compat');
const universal = require('olm-universal');

beforeAll(() => Olm.init());

function account() {
  const created = new Olm.Account();
  created.create();
  created.generate_one_time_keys(1);
  return created;
}

test('an Olm session through compat', () => {
  const alice = account();
  const bob = account();
  const outbound = new Olm.Session();
  outbound.create_outbound(
    alice,
    JSON.parse(bob.identity_keys()).curve25519,
    Object.values(JSON.parse(bob.one_time_keys()).curve25519)[0],
  );
  const message = outbound.encrypt('hello from jest');
  const inbound = new Olm.Session();
  inbound.create_inbound(bob, message.body);
  expect(inbound.decrypt(message.type, message.body)).toBe('hello from jest');
  const reply = inbound.encrypt('and back');
  expect(outbound.decrypt(reply.type, reply.body)).toBe('and back');
});

test('a Megolm session through compat', () => {
  const group = new Olm.OutboundGroupSession();
  group.create();
  const received = new Olm.InboundGroupSession();
  received.create(group.session_key());
  expect(received.decrypt(group.encrypt('to the room'))).toEqual({ plaintext: 'to the room', message_index: 0 });
});

test.each(['native', 'wasm'])('Olm and Megolm through the main entry, %s backend', async (backend) => {
  const olm = await universal.load({ backend });
  expect(olm.backendName).toBe(backend);
  const group = olm.OutboundGroupSession.create();
  expect(olm.InboundGroupSession.create(group.sessionKey).decrypt(group.encrypt('megolm')).plaintext).toBe('megolm');
  const alice = olm.Account.create();
  const bob = olm.Account.create();
  bob.generateOneTimeKeys(1);
  const outbound = olm.Session.createOutbound(alice, bob.identityKeys.curve25519, Object.values(bob.oneTimeKeys)[0]);
  const message = outbound.encrypt('olm');
  expect(olm.Session.createInbound(bob, message.body).decrypt(message.type, message.body)).toBe('olm');
});
