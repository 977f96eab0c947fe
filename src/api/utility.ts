// Stateless helpers: SHA-256 and ed25519 signature checks, as libolm computes them.
import { toInput, type BytesLike } from './bytes.js';
import { coreFor, OlmObject } from '../binding/olm-object.js';

/**
 * Stateless helpers: SHA-256 and Ed25519 signature checks, as libolm computes them. Made by create();
 * free() releases it.
 */
export class Utility extends OlmObject {
  /**
   * A new Utility.
   *
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static create(): Utility {
    return new this(coreFor(this), 'utility');
  }

  /**
   * SHA-256 of the input (a string as UTF-8), unpadded base64.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   * @throws TypeError when `input` is not a string or Uint8Array
   * @throws RangeError when `input` is over MAX_INPUT_BYTES
   */
  sha256(input: BytesLike): string {
    return this.operateText('olm_op_sha256', [toInput(input, 'input')]);
  }

  /**
   * Returns if `signature` is `key`'s ed25519 signature of `message`, else throws.
   *
   * @throws OlmError BAD_MESSAGE_MAC (libolm's code for a wrong signature, including one with S >= L),
   *   INVALID_BASE64 (bad base64 in the key or signature), USE_AFTER_FREE after free()
   * @throws TypeError when an input is not a string or Uint8Array
   * @throws RangeError when an input is over MAX_INPUT_BYTES
   */
  ed25519Verify(key: BytesLike, message: BytesLike, signature: BytesLike): void {
    const publicKey = toInput(key, 'key');
    const bytes = toInput(message, 'message');
    this.call('olm_ed25519_verify', publicKey, bytes, toInput(signature, 'signature'));
  }
}
