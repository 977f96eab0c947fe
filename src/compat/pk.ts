// The reference's PkEncryption / PkDecryption / PkSigning over the main API's classes.
import type { PkDecryption as Decryption, PkEncryption as Encryption, PkSigning as Signing } from '../index.js';
import { PK_PRIVATE_KEY_LENGTH, PK_SIGNING_SEED_LENGTH } from '../index.js';
import { lenientText, library, olmErrors, Wrapper } from './wrapper.js';

/**
 * Raw key material as libolm takes it from the reference: any array of bytes, at least `length`
 * long (shorter is libolm's OLM_INPUT_BUFFER_TOO_SMALL), of which the first `length` bytes count.
 */
function keyBytes(key: ArrayLike<number>, length: number): Uint8Array {
  const bytes = key instanceof Uint8Array ? key : Array.isArray(key) ? Uint8Array.from(key) : key;
  if (!(bytes instanceof Uint8Array)) return bytes as Uint8Array; // the main API's TypeError
  if (bytes.byteLength < length) throw new Error('OLM.OLM_INPUT_BUFFER_TOO_SMALL');
  return bytes.subarray(0, length);
}

export class PkEncryption extends Wrapper<Encryption> {
  set_recipient_key(key: string): void {
    this.hold(() => library().PkEncryption.create(key));
  }

  encrypt(plaintext: string): { ciphertext: string; mac: string; ephemeral: string } {
    const { ciphertext, mac, ephemeral } = this.use((encryption) => encryption.encrypt(plaintext));
    return { ciphertext, mac, ephemeral };
  }
}

export class PkDecryption extends Wrapper<Decryption> {
  /** Returns the public key. */
  init_with_private_key(key: Uint8Array): string {
    const privateKey = keyBytes(key, PK_PRIVATE_KEY_LENGTH);
    this.hold(() => library().PkDecryption.fromPrivateKey(privateKey));
    return this.use((decryption) => decryption.publicKey);
  }

  /** A fresh key pair; returns the public key. */
  generate_key(): string {
    this.hold(() => library().PkDecryption.create());
    return this.use((decryption) => decryption.publicKey);
  }

  get_private_key(): Uint8Array {
    return this.use((decryption) => decryption.privateKey);
  }

  pickle(key: string | Uint8Array): string {
    return this.use((decryption) => decryption.pickle(key));
  }

  /** Returns the public key. */
  unpickle(key: string | Uint8Array, pickle: string): string {
    this.hold(() => library().PkDecryption.unpickle(pickle, key));
    return this.use((decryption) => decryption.publicKey);
  }

  decrypt(ephemeral_key: string, mac: string, ciphertext: string): string {
    return lenientText(this.use((decryption) => decryption.decryptBytes({ ciphertext, mac, ephemeral: ephemeral_key })));
  }
}

export class PkSigning extends Wrapper<Signing> {
  /** Returns the public key. */
  init_with_seed(seed: Uint8Array): string {
    const bytes = keyBytes(seed, PK_SIGNING_SEED_LENGTH);
    this.hold(() => library().PkSigning.fromSeed(bytes));
    return this.use((signing) => signing.publicKey);
  }

  generate_seed(): Uint8Array {
    return olmErrors(() => library().PkSigning.generateSeed());
  }

  sign(message: string): string {
    return this.use((signing) => signing.sign(message));
  }
}
