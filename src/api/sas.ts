// Short Authentication Strings: two devices exchange curve25519 keys, then derive the same bytes
// (shown as emoji or numbers for the users to compare) and MACs over their keys (Matrix
// interactive verification).
import { toCount, toInput, type BytesLike } from './bytes.js';
import { coreFor, OlmObject } from '../binding/olm-object.js';

// HKDF-SHA256 can derive at most 255 blocks of 32 bytes (RFC 5869); libolm would wrap its block
// counter beyond that.
const MAX_GENERATED_BYTES = 255 * 32;

type MacOperation = 'olm_op_sas_calculate_mac' | 'olm_op_sas_calculate_mac_fixed_base64' | 'olm_op_sas_calculate_mac_long_kdf';

export class Sas extends OlmObject {
  /** A new SAS with a fresh random key pair. */
  static create(): Sas {
    const sas = new this(coreFor(this), 'sas');
    return sas.initialise(() => sas.operate('olm_op_create_sas'));
  }

  /** Our curve25519 public key (base64), to send to the other party. */
  get publicKey(): string {
    return this.operateText('olm_op_sas_pubkey', []);
  }

  /** Sets the other party's publicKey; every output below needs it. */
  setTheirKey(theirKey: BytesLike): void {
    this.call('olm_sas_set_their_key', toInput(theirKey, 'their key'));
  }

  get isTheirKeySet(): boolean {
    return this.call('olm_sas_is_their_key_set') !== 0;
  }

  /** `length` bytes (at most 8160) derived from the shared secret and `info`: the same on both sides. */
  generateBytes(info: BytesLike, length: number): Uint8Array {
    const infoBytes = toInput(info, 'info');
    const count = toCount(length, 'length', MAX_GENERATED_BYTES);
    const out = new Uint8Array(count);
    this.call('olm_sas_generate_bytes', infoBytes, out);
    return out;
  }

  /**
   * The MAC of `input` under a key derived with `info`, in libolm's original encoding, which is
   * not standard base64 (method "hkdf-hmac-sha256"); prefer calculateMacFixedBase64.
   */
  calculateMac(input: BytesLike, info: BytesLike): string {
    return this.#mac('olm_op_sas_calculate_mac', input, info);
  }

  /** The MAC of `input` under a key derived with `info`, in standard unpadded base64 ("hkdf-hmac-sha256.v2"). */
  calculateMacFixedBase64(input: BytesLike, info: BytesLike): string {
    return this.#mac('olm_op_sas_calculate_mac_fixed_base64', input, info);
  }

  /** The MAC with a 256-byte derived key, for compatibility with old clients ("hmac-sha256"). */
  calculateMacLongKdf(input: BytesLike, info: BytesLike): string {
    return this.#mac('olm_op_sas_calculate_mac_long_kdf', input, info);
  }

  #mac(fn: MacOperation, input: BytesLike, info: BytesLike): string {
    return this.operateText(fn, [toInput(input, 'input'), toInput(info, 'info')]);
  }
}
