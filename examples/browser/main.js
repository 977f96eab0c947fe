// Two parties in one page, each with a Megolm outbound session for what they send and the other's
// inbound session for what they receive. Every message is encrypted by its sender and decrypted by
// its recipient; the table shows both sides. <html data-status> reports the scripted opening
// exchange ("ok" or the error) for the consumer test (test/consumers.test.ts).
import { init, InboundGroupSession, OutboundGroupSession } from 'olm-universal';

const olm = await init();

function party(name) {
  const outbound = OutboundGroupSession.create();
  return { name, outbound, inbound: undefined };
}
const alice = party('Alice');
const bob = party('Bob');
// In a real client the session keys travel over Olm (one-to-one) sessions.
alice.inbound = InboundGroupSession.create(bob.outbound.sessionKey);
bob.inbound = InboundGroupSession.create(alice.outbound.sessionKey);
document.querySelector('#setup').textContent =
  `libolm ${olm.version} on the ${olm.backendName} backend. ` +
  `Alice's session ${alice.outbound.sessionId}, Bob's session ${bob.outbound.sessionId}.`;

function send(from, to, text) {
  const ciphertext = from.outbound.encrypt(text);
  const { plaintext, messageIndex } = to.inbound.decrypt(ciphertext);
  const row = document.querySelector('#log').insertRow();
  row.insertCell().textContent = `${from.name} #${messageIndex}`;
  Object.assign(row.insertCell(), { className: 'ciphertext', textContent: ciphertext });
  row.insertCell().textContent = plaintext;
  return plaintext;
}

document.querySelector('#compose').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.querySelector('#text');
  const [from, to] = event.submitter?.value === 'bob' ? [bob, alice] : [alice, bob];
  send(from, to, input.value);
  input.value = '';
});

const opening = [[alice, bob, 'Hello Bob!'], [bob, alice, 'Hi Alice 👋'], [alice, bob, 'Megolm works here.']];
try {
  for (const [from, to, text] of opening) {
    if (send(from, to, text) !== text) throw new Error(`${to.name} read something else than "${text}"`);
  }
  document.documentElement.dataset.status = olm.backendName === 'wasm' ? 'ok' : `backend ${olm.backendName}`;
} catch (error) {
  document.documentElement.dataset.status = `error: ${error instanceof Error ? error.message : String(error)}`;
}
