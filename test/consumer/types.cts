// Consumer (3), CommonJS side: require() resolves to the CommonJS declarations.
import olm = require('olm-universal');
import native = require('olm-universal/native');

export async function roundTrip(): Promise<string> {
  await native.init();
  const outbound = olm.OutboundGroupSession.create();
  return olm.InboundGroupSession.create(outbound.sessionKey).decrypt(outbound.encrypt('typed')).plaintext;
}
// @ts-expect-error: decrypt returns an object, not a string
export const wrong: string = olm.InboundGroupSession.prototype.decrypt.call(null, '');
