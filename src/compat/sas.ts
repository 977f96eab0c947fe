// The reference's SAS over the main API's Sas; like the reference, it has its key pair from `new`.
import type { Sas } from '../api/library.js';
import { library, Wrapper } from './wrapper.js';

export class SAS extends Wrapper<Sas> {
  constructor() {
    super();
    this.hold(() => library().Sas.create());
  }

  get_pubkey(): string {
    return this.use((sas) => sas.publicKey);
  }

  set_their_key(their_key: string): void {
    this.use((sas) => sas.setTheirKey(their_key));
  }

  is_their_key_set(): boolean {
    return this.use((sas) => sas.isTheirKeySet);
  }

  generate_bytes(info: string, length: number): Uint8Array {
    return this.use((sas) => sas.generateBytes(info, length));
  }

  calculate_mac(input: string, info: string): string {
    return this.use((sas) => sas.calculateMac(input, info));
  }

  calculate_mac_fixed_base64(input: string, info: string): string {
    return this.use((sas) => sas.calculateMacFixedBase64(input, info));
  }

  calculate_mac_long_kdf(input: string, info: string): string {
    return this.use((sas) => sas.calculateMacLongKdf(input, info));
  }
}
