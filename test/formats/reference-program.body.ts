// The body of a program written for @matrix-org/olm's index.d.ts (types in type positions through
// the default import, as its users write them). test/formats.test.ts prepends one import line, of
// '@matrix-org/olm' (to show the program is right for the reference) or of 'olm-universal/compat'.

function newAccount(): Olm.Account {
  const account: Olm.Account = new Olm.Account();
  account.create();
  account.generate_one_time_keys(1);
  return account;
}

export async function olmAndMegolm(): Promise<string[]> {
  await Olm.init();
  const alice = newAccount();
  const bob = newAccount();
  const bobKeys: { curve25519: string; ed25519: string } = JSON.parse(bob.identity_keys());
  const oneTimeKeys: { curve25519: Record<string, string> } = JSON.parse(bob.one_time_keys());
  const outbound: Olm.Session = new Olm.Session();
  outbound.create_outbound(alice, bobKeys.curve25519, Object.values(oneTimeKeys.curve25519)[0] ?? '');
  const message: { type: 0 | 1; body: string } = outbound.encrypt('hello');
  const inbound: Olm.Session = new Olm.Session();
  inbound.create_inbound(bob, message.body);
  bob.remove_one_time_keys(inbound);

  const group: Olm.OutboundGroupSession = new Olm.OutboundGroupSession();
  group.create();
  const received: Olm.InboundGroupSession = new Olm.InboundGroupSession();
  received.create(group.session_key());
  const decrypted: { message_index: number; plaintext: string } = received.decrypt(group.encrypt('to the room'));

  const utility: Olm.Utility = new Olm.Utility();
  const sas: Olm.SAS = new Olm.SAS();
  const signing: Olm.PkSigning = new Olm.PkSigning();
  const decryption: Olm.PkDecryption = new Olm.PkDecryption();
  const encryption: Olm.PkEncryption = new Olm.PkEncryption();
  encryption.set_recipient_key(decryption.generate_key());
  signing.init_with_seed(signing.generate_seed());
  const version: [number, number, number] = Olm.get_library_version();
  const length: number = Olm.PRIVATE_KEY_LENGTH;
  const results = [inbound.decrypt(message.type, message.body), decrypted.plaintext, utility.sha256('x'), sas.get_pubkey()];
  for (const object of [alice, bob, outbound, inbound, group, received, utility, sas, signing, decryption, encryption]) {
    object.free();
  }
  return [...results, version.join('.'), String(length)];
}
