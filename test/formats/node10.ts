// Every entry point, type-checked under "moduleResolution": "node10" (tsconfig.node10.json).
import { init, InboundGroupSession, OutboundGroupSession, type Olm } from 'olm-universal';
import * as native from 'olm-universal/native';
import * as wasm from 'olm-universal/wasm';
import Compat = require('olm-universal/compat');

export async function roundTrips(): Promise<string[]> {
  const olm: Olm = await init();
  const outbound: OutboundGroupSession = olm.OutboundGroupSession.create();
  const text: string = InboundGroupSession.create(outbound.sessionKey).decrypt(outbound.encrypt('typed')).plaintext;
  const backends: Array<'native' | 'wasm'> = [(await native.load()).backendName, (await wasm.load()).backendName];
  await Compat.init();
  const account: Compat.Account = new Compat.Account();
  account.create();
  return [text, ...backends, account.identity_keys()];
}
