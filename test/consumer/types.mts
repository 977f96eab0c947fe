// Consumer (3), ES module side: compiled with --strict against the package's declarations.
import { init, InboundGroupSession, OlmError, OutboundGroupSession, type Olm } from 'olm-universal';
import * as wasm from 'olm-universal/wasm';

const olm: Olm = await init({ backend: 'auto' });
const outbound: OutboundGroupSession = olm.OutboundGroupSession.create();
const decrypted = InboundGroupSession.create(outbound.sessionKey).decrypt(outbound.encrypt('typed'));
const text: string = decrypted.plaintext;
const index: number = decrypted.messageIndex;
const wasmOlm: Olm = await wasm.load({ wasmUrl: new URL('https://example.org/olm-wasm.wasm') });
const code: string | undefined = new Error() instanceof OlmError ? 'x' : undefined;
export { text, index, wasmOlm, code };

// @ts-expect-error: a session key is a string or bytes
InboundGroupSession.create(42);
// @ts-expect-error: no such backend
await init({ backend: 'java' });
