// Stateless helpers: SHA-256 and ed25519 signature checks, as libolm computes them.
import { toInput, type BytesLike } from './bytes.js';
import { coreFor, OlmObject } from '../binding/olm-object.js';

export class Utility extends OlmObject {
  static create(): Utility {
    return new this(coreFor(this), 'utility');
  }

  /** SHA-256 of the input, unpadded base64. */
  sha256(input: BytesLike): string {
    return this.operateText('olm_op_sha256', [toInput(input, 'input')]);
  }

  /**
   * Returns if `signature` is `key`'s ed25519 signature of `message`, else throws OlmError:
   * BAD_MESSAGE_MAC (libolm's code for a wrong signature), INVALID_BASE64 for bad base64.
   */
  ed25519Verify(key: BytesLike, message: BytesLike, signature: BytesLike): void {
    const publicKey = toInput(key, 'key');
    const bytes = toInput(message, 'message');
    this.call('olm_ed25519_verify', publicKey, bytes, toInput(signature, 'signature'));
  }
}
