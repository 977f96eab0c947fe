// olm-universal/compat against @matrix-org/olm: PK pickles restore exactly; keys, seeds and signatures agree.
import { expect, it } from 'vitest';
import { compat, describeVsReference, KEY, reference } from './compat-vs-reference.js';

describeVsReference(() => {
  it('restores reference PK pickles exactly; keys, seeds and signatures agree', () => {
    const refDecryption = new reference.PkDecryption();
    const publicKey = refDecryption.generate_key();
    const decryption = new compat.PkDecryption();
    expect(decryption.unpickle(KEY, refDecryption.pickle(KEY))).toBe(publicKey);
    expect(decryption.pickle(KEY)).toBe(refDecryption.pickle(KEY));
    expect(decryption.get_private_key()).toEqual(refDecryption.get_private_key());
    const again = new compat.PkDecryption();
    expect(again.init_with_private_key(refDecryption.get_private_key())).toBe(publicKey);
    // Like libolm via the reference: a plain array works, and bytes past the key length are ignored.
    const longer = [...refDecryption.get_private_key(), 1, 2, 3] as unknown as Uint8Array;
    expect(again.init_with_private_key(longer)).toBe(new reference.PkDecryption().init_with_private_key(longer));
    expect(again.get_private_key()).toEqual(refDecryption.get_private_key());
    expect(() => again.init_with_private_key('not bytes' as unknown as Uint8Array)).toThrow(TypeError);

    const encryption = new compat.PkEncryption();
    encryption.set_recipient_key(publicKey);
    const message = encryption.encrypt('to reference ☕');
    expect(Object.keys(message)).toEqual(['ciphertext', 'mac', 'ephemeral']);
    expect(refDecryption.decrypt(message.ephemeral, message.mac, message.ciphertext)).toBe('to reference ☕');
    const refEncryption = new reference.PkEncryption();
    refEncryption.set_recipient_key(publicKey);
    const back = refEncryption.encrypt('from reference ☕');
    expect(decryption.decrypt(back.ephemeral, back.mac, back.ciphertext)).toBe('from reference ☕');

    const seed = new compat.PkSigning().generate_seed();
    expect(seed).toBeInstanceOf(Uint8Array);
    expect(seed.length).toBe(32);
    const [refSigning, signing] = [new reference.PkSigning(), new compat.PkSigning()];
    expect(signing.init_with_seed(seed)).toBe(refSigning.init_with_seed(seed));
    expect(signing.sign('message ☕')).toBe(refSigning.sign('message ☕')); // ed25519 is deterministic
    for (const object of [refDecryption, decryption, again, encryption, refEncryption, refSigning, signing]) object.free();
  });
});
