// The native backend against the WASM one (libolm's portable crypto), in one process: messages and
// signatures made by one are checked by the other, both ways. On a machine whose native build runs
// its portable C paths (arm64), this shows those paths give libolm's bytes.
// Prints one JSON line: { primitives, olm, megolm, signatures, sha256 }.
import { load } from 'olm-universal';

const native = await load({ backend: 'native' });
const wasm = await load({ backend: 'wasm' });
const results = { primitives: native.primitives };

// Olm: an account on each backend, a session each way through the pre-key message and a reply.
for (const [from, to] of [
  [native, wasm],
  [wasm, native],
]) {
  const alice = from.Account.create();
  const bob = to.Account.create();
  bob.generateOneTimeKeys(1);
  const outbound = from.Session.createOutbound(alice, bob.identityKeys.curve25519, Object.values(bob.oneTimeKeys)[0]);
  const preKey = outbound.encrypt(`olm from ${from.backendName}`);
  const inbound = to.Session.createInbound(bob, preKey.body);
  const reply = inbound.encrypt(`olm from ${to.backendName}`);
  results.olm = [results.olm, inbound.decrypt(preKey.type, preKey.body), outbound.decrypt(reply.type, reply.body)]
    .filter(Boolean)
    .join('; ');
}

// Megolm: each backend's outbound session decrypted by the other, from index 0 and from a later index.
for (const [from, to] of [
  [native, wasm],
  [wasm, native],
]) {
  const outbound = from.OutboundGroupSession.create();
  const inbound = to.InboundGroupSession.create(outbound.sessionKey);
  const texts = [];
  for (let i = 0; i < 3; i++) texts.push(inbound.decrypt(outbound.encrypt(`megolm ${i} from ${from.backendName}`)).plaintext);
  results.megolm = [results.megolm, texts.join(', ')].filter(Boolean).join('; ');
}

// ed25519: signatures are deterministic, so both backends' signatures of one message under one key
// (an unpickled account) must be the same bytes, and each verifies the other's.
const account = native.Account.create();
const pickle = account.pickle('k');
const again = wasm.Account.unpickle(pickle, 'k');
const [a, b] = [account.sign('signed'), again.sign('signed')];
native.Utility.create().ed25519Verify(account.identityKeys.ed25519, 'signed', b);
wasm.Utility.create().ed25519Verify(account.identityKeys.ed25519, 'signed', a);
results.signatures = a === b ? 'same, verified both ways' : `differ: ${a} ${b}`;
const input = 'x'.repeat(1000);
results.sha256 = native.Utility.create().sha256(input) === wasm.Utility.create().sha256(input) ? 'same' : 'differ';
console.log(JSON.stringify(results));
