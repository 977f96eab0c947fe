// Alice and Bob in one page. Olm (one-to-one) sets up a channel between their accounts; over it
// each sends the key of the Megolm (group) session they encrypt their messages with. Every
// message is encrypted by its sender and decrypted by its recipient; the table shows both sides.
// <html data-status> reports the scripted opening ("ok" or the error) to test/consumers.test.ts.
import { init, Account, InboundGroupSession, OutboundGroupSession, Session } from 'olm-universal';

const olm = await init();
const log = document.querySelector('#log');

function show(from, kind, ciphertext, plaintext) {
  const row = log.insertRow();
  row.insertCell().textContent = `${from.name} (${kind})`;
  Object.assign(row.insertCell(), { className: 'ciphertext', textContent: ciphertext });
  row.insertCell().textContent = plaintext;
  return plaintext;
}

function party(name) {
  const account = Account.create();
  account.generateOneTimeKeys(1);
  return { name, account, megolm: OutboundGroupSession.create(), olm: undefined, inbound: undefined };
}
const alice = party('Alice');
const bob = party('Bob');

// Alice claims one of Bob's published one-time keys (a server would hand it over) and opens an
// Olm session to him; Bob's side of it starts with her first (pre-key) message.
const [bobOneTimeKey] = Object.values(bob.account.oneTimeKeys);
bob.account.markKeysAsPublished();
alice.olm = Session.createOutbound(alice.account, bob.account.identityKeys.curve25519, bobOneTimeKey);

/** Sends the sender's Megolm session key over Olm; the recipient joins that group session. */
function shareRoomKey(from, to) {
  const message = from.olm.encrypt(from.megolm.sessionKey);
  if (to.olm === undefined) {
    to.olm = Session.createInboundFrom(to.account, from.account.identityKeys.curve25519, message.body);
    to.account.removeOneTimeKeys(to.olm);
  }
  const key = to.olm.decrypt(message.type, message.body);
  to.inbound = InboundGroupSession.create(key);
  show(from, `Olm type ${message.type}`, message.body, `Megolm key of session ${to.inbound.sessionId}`);
  return message.type;
}

function send(from, to, text) {
  const ciphertext = from.megolm.encrypt(text);
  const { plaintext, messageIndex } = to.inbound.decrypt(ciphertext);
  return show(from, `Megolm #${messageIndex}`, ciphertext, plaintext);
}

document.querySelector('#setup').textContent =
  `libolm ${olm.version} on the ${olm.backendName} backend. Alice ${alice.account.identityKeys.curve25519}, ` +
  `Bob ${bob.account.identityKeys.curve25519}.`;
document.querySelector('#compose').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.querySelector('#text');
  const [from, to] = event.submitter?.value === 'bob' ? [bob, alice] : [alice, bob];
  send(from, to, input.value);
  input.value = '';
});

try {
  // The first Olm message is a pre-key message (type 0); once Bob has replied, normal ones (type 1).
  const types = [shareRoomKey(alice, bob), shareRoomKey(bob, alice)];
  if (types.join() !== '0,1') throw new Error(`Olm message types ${types.join()}, expected 0,1`);
  const opening = [
    [alice, bob, 'Hello Bob!'],
    [bob, alice, 'Hi Alice 👋'],
    [alice, bob, 'Olm + Megolm work here.'],
  ];
  for (const [from, to, text] of opening) {
    if (send(from, to, text) !== text) throw new Error(`${to.name} read something else than "${text}"`);
  }
  document.documentElement.dataset.status = olm.backendName === 'wasm' ? 'ok' : `backend ${olm.backendName}`;
} catch (error) {
  document.documentElement.dataset.status = `error: ${error instanceof Error ? error.message : String(error)}`;
}
