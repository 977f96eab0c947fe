// The reference's PkEncryption / PkDecryption / PkSigning over the main API's classes.
import type { PkDecryption as Decryption, PkEncryption as Encryption, PkSigning as Signing } from '../api/library.js';
import { OlmError, PK_PRIVATE_KEY_LENGTH, PK_SIGNING_SEED_LENGTH } from '../api/library.js';
import { lenientText, library, olmErrors, Pickled, Wrapper } from './wrapper.js';

/**
 * Raw key material as the reference takes it: a Uint8Array or an array of bytes, at least
 * `length` long (shorter is libolm's INPUT_BUFFER_TOO_SMALL), of which the first `length` count.
 */
function keyBytes(key: Uint8Array | number[], length: number, what: string): Uint8Array {
  if (!(key instanceof Uint8Array) && !Array.isArray(key)) {
    throw new TypeError(`${what} must be a Uint8Array, got ${typeof key}`);
  }
  const bytes = key instanceof Uint8Array ? key : Uint8Array.from(key);
  if (bytes.byteLength < length) throw new OlmError('INPUT_BUFFER_TOO_SMALL', what);
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

export class PkDecryption extends Pickled<Decryption> {
  /** Returns the public key. */
  init_with_private_key(key: Uint8Array): string {
    this.hold(() => library().PkDecryption.fromPrivateKey(keyBytes(key, PK_PRIVATE_KEY_LENGTH, 'private key')));
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

  protected restore(pickle: string, key: string | Uint8Array): Decryption {
    return library().PkDecryption.unpickle(pickle, key);
  }

  /** Returns the public key. */
  override unpickle(key: string | Uint8Array, pickle: string): string {
    super.unpickle(key, pickle);
    return this.use((decryption) => decryption.publicKey);
  }

  decrypt(ephemeral_key: string, mac: string, ciphertext: string): string {
    return lenientText(this.use((decryption) => decryption.decryptBytes({ ciphertext, mac, ephemeral: ephemeral_key })));
  }
}

export class PkSigning extends Wrapper<Signing> {
  /** Returns the public key. */
  init_with_seed(seed: Uint8Array): string {
    this.hold(() => library().PkSigning.fromSeed(keyBytes(seed, PK_SIGNING_SEED_LENGTH, 'seed')));
    return this.use((signing) => signing.publicKey);
  }

  generate_seed(): Uint8Array {
    return olmErrors(() => library().PkSigning.generateSeed());
  }

  sign(message: string): string {
    return this.use((signing) => signing.sign(message));
  }
}
