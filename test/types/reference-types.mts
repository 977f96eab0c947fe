// The compat module is usable wherever @matrix-org/olm's module type is expected, from `import`.
import type * as Reference from '@matrix-org/olm';
import type ReferenceOlm from '@matrix-org/olm';
import Olm, * as namespace from 'olm-universal/compat';

export const asDefault: typeof ReferenceOlm = Olm;
export const asNamespace: typeof Reference = namespace;

// Instances fit the reference's instance types, method by method.
export const account: Reference.Account = new Olm.Account();
export const session: Reference.Session = new Olm.Session();
export const utility: Reference.Utility = new Olm.Utility();
export const outbound: Reference.OutboundGroupSession = new Olm.OutboundGroupSession();
export const inbound: Reference.InboundGroupSession = new Olm.InboundGroupSession();
export const encryption: Reference.PkEncryption = new Olm.PkEncryption();
export const decryption: Reference.PkDecryption = new Olm.PkDecryption();
export const signing: Reference.PkSigning = new Olm.PkSigning();
export const sas: Reference.SAS = new Olm.SAS();

// What the reference's types say about results holds here too.
export async function use(): Promise<void> {
  await Olm.init({ backend: 'auto' });
  const version: [number, number, number] = Olm.get_library_version();
  const backend: 'native' | 'wasm' | undefined = Olm.backend;
  const message: { type: 0 | 1; body: string } = session.encrypt('hi');
  const decrypted: { message_index: number; plaintext: string } = inbound.decrypt(outbound.encrypt('hi'));
  const key: Uint8Array = decryption.get_private_key();
  void [version, backend, message, decrypted, key];
}

// The declarations are precise, not `any`.
export async function misuse(): Promise<void> {
  // @ts-expect-error not a backend
  await Olm.init({ backend: 'java' });
  // @ts-expect-error decrypt returns a string
  const wrong: number = session.decrypt(1, 'body');
  void wrong;
}
