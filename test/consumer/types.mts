// Consumer (3), ES module side: compiled with --strict against the package's declarations.
import { init, Account, InboundGroupSession, OlmError, OutboundGroupSession, Session } from 'olm-universal';
import type { IdentityKeys, Olm, OlmErrorCode, OlmMessage } from 'olm-universal';
import * as wasm from 'olm-universal/wasm';

const olm: Olm = await init({ backend: 'auto' });
const outbound: OutboundGroupSession = olm.OutboundGroupSession.create();
const decrypted = InboundGroupSession.create(outbound.sessionKey).decrypt(outbound.encrypt('typed'));
const text: string = decrypted.plaintext;
const index: number = decrypted.messageIndex;
const wasmOlm: Olm = await wasm.load({ wasmUrl: new URL('https://example.org/olm-wasm.wasm') });
let code: OlmErrorCode | undefined;
try {
  InboundGroupSession.create('not a session key');
} catch (error) {
  if (error instanceof OlmError) code = error.code;
}
const account = Account.create();
account.generateOneTimeKeys(1);
const keys: IdentityKeys = account.identityKeys;
const [oneTimeKey = ''] = Object.values(account.oneTimeKeys);
const message: OlmMessage = Session.createOutbound(Account.create(), keys.curve25519, oneTimeKey).encrypt('hi');
export { text, index, wasmOlm, code, message };

// @ts-expect-error: a session key is a string or bytes
InboundGroupSession.create(42);
// @ts-expect-error: no such backend
await init({ backend: 'java' });
