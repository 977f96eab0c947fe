// The app every bundler builds: Alice opens an Olm session to Bob, sends him her Megolm session
// key over it, then a Megolm message; <html data-status> says "ok wasm <libolm version>" or the
// error, for test/bundlers.test.ts to read. No top-level await: esbuild's IIFE format has none.
import { init, Account, InboundGroupSession, OutboundGroupSession, Session } from 'olm-universal';

/** Olm, then Megolm over it; throws unless Bob reads what Alice wrote. */
export function roundTrip() {
  const alice = Account.create();
  const bob = Account.create();
  bob.generateOneTimeKeys(1);
  const [oneTimeKey] = Object.values(bob.oneTimeKeys);
  const outbound = Session.createOutbound(alice, bob.identityKeys.curve25519, oneTimeKey);
  const megolm = OutboundGroupSession.create();
  const prekey = outbound.encrypt(megolm.sessionKey);
  const inbound = Session.createInboundFrom(bob, alice.identityKeys.curve25519, prekey.body);
  const group = InboundGroupSession.create(inbound.decrypt(prekey.type, prekey.body));
  const text = 'Hello Bob, from a bundle';
  const { plaintext } = group.decrypt(megolm.encrypt(text));
  if (plaintext !== text) throw new Error(`Bob read "${plaintext}"`);
}

/** Loads the WASM module with `options` (or init's default), round-trips, reports on the page. */
export function report(options) {
  const loaded = options instanceof Promise ? options.then(init) : init(options);
  return loaded
    .then((olm) => {
      roundTrip();
      return `ok ${olm.backendName} ${olm.version}`;
    })
    .catch((error) => `error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
    .then((status) => {
      document.documentElement.dataset.status = status;
    });
}
